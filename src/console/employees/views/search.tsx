import type { PageContext } from '../../../web/page-context.js';
import type { EmployeeSearchResult } from '../search.js';
import { StateBadges } from '../../views/state-badges.js';
import { ConsoleLayout } from './console-layout.js';

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
            <table class="table stack-table">
              <thead>
                <tr>
                  <th scope="col">{c.columns.employeeId}</th>
                  <th scope="col">{c.columns.name}</th>
                  <th scope="col">{c.columns.country}</th>
                  <th scope="col">{c.columns.status}</th>
                  <th scope="col">{c.columns.state}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((row) => (
                  <tr key={row.employeeId}>
                    <td data-label={c.columns.employeeId}>
                      <a href={`/admin/employees/${row.employeeId}`}>{row.employeeId}</a>
                    </td>
                    <td data-label={c.columns.name}>{`${row.givenName} ${row.familyName}`}</td>
                    <td data-label={c.columns.country}>{row.country}</td>
                    <td data-label={c.columns.status}>{c.statusNames[row.status] ?? row.status}</td>
                    <td data-label={c.columns.state}>
                      <StateBadges ctx={ctx} state={row} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </ConsoleLayout>
  );
}
