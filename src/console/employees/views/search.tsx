import type { PageContext } from '../../../web/page-context.js';
import type { EmployeeSearchRow } from '../../../storage/repositories/console-employees.js';
import { ConsoleLayout } from './console-layout.js';

// HELP-3: the employee search. Names come from the roster: preact escapes them.

export function EmployeeSearchPage({ ctx, query, results, error }: { ctx: PageContext; query: string; results: EmployeeSearchRow[] | null; error: string | null }) {
  const { t } = ctx;
  const c = t.console;
  return (
    <ConsoleLayout ctx={ctx} title={c.searchTitle} failed={error !== null}>
      <p class="lead">{c.searchIntro}</p>
      <form method="get" action="/admin/employees" class="form" role="search" novalidate>
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
          <input id="q" name="q" type="search" value={query} maxLength={100} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'q-hint q-error' : 'q-hint'} />
        </div>
        <button type="submit" class="button button--primary">
          {c.searchSubmit}
        </button>
      </form>
      {results ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">{c.results(results.length)}</h2>
          {results.length === 0 ? (
            <p>{c.noResults}</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{c.columns.employeeId}</th>
                  <th scope="col">{c.columns.name}</th>
                  <th scope="col">{c.columns.country}</th>
                  <th scope="col">{c.columns.status}</th>
                  <th scope="col">{c.columns.registered}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((row) => (
                  <tr key={row.employeeId}>
                    <td>
                      <a href={`/admin/employees/${row.employeeId}`}>{row.employeeId}</a>
                    </td>
                    <td>{`${row.givenName} ${row.familyName}`}</td>
                    <td>{row.country}</td>
                    <td>{row.status}</td>
                    <td>{row.registered ? c.yes : c.no}</td>
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
