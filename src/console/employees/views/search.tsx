import type { PageContext } from '../../../web/page-context.js';
import type { EmployeeSearchResult } from '../search.js';
import { StateBadges } from '../../views/state-badges.js';
import { ConsoleLayout } from './console-layout.js';
import { StackTable } from '../../../web/components/stack-table.js';

// HELP-3: the employee search. Names come from the roster: preact escapes them. The table stacks
// into labelled rows on a narrow screen (`data-label`, styles.css).

export function EmployeeSearchPage({ ctx, query, results, error }: { ctx: PageContext; query: string; results: EmployeeSearchResult[] | null; error: string | null }) {
  const { t } = ctx;
  const c = t.console;
  return (
    <ConsoleLayout ctx={ctx} title={c.searchTitle} failed={error !== null}>
      <p class="lead">{c.searchIntro}</p>
      <form method="get" action="/admin/employees" class="search-form" role="search" novalidate>
        <div class="field">
          <label for="q">{c.searchLabel}</label>
          <p class="hint" id="q-hint">
            {c.searchHint}
          </p>
          {error ? (
            <p class="field-error notice notice--error" id="q-error">
              {error}
            </p>
          ) : null}
          <div class="search-form__row">
            <input
              id="q"
              name="q"
              type="search"
              value={query}
              maxLength={100}
              autocomplete="off"
              spellcheck={false}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? 'q-hint q-error' : 'q-hint'}
            />
            <button type="submit" class="button button--primary">
              {c.searchSubmit}
            </button>
          </div>
        </div>
      </form>
      {results ? (
        <section aria-labelledby="results-heading" class="console-section">
          <h2 id="results-heading">{c.results(results.length)}</h2>
          {results.length === 0 ? (
            <p>{c.noResults}</p>
          ) : (
            <StackTable
              columns={[c.columns.employeeId, c.columns.name, c.columns.country, c.columns.status, c.columns.state]}
              rows={results.map((row) => ({
                key: row.employeeId,
                cells: [
                  <a href={`/admin/employees/${row.employeeId}`}>{row.employeeId}</a>,
                  `${row.givenName} ${row.familyName}`,
                  row.country,
                  c.statusNames[row.status] ?? row.status,
                  <StateBadges ctx={ctx} state={row} />,
                ],
              }))}
            />
          )}
        </section>
      ) : null}
    </ConsoleLayout>
  );
}
