import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { pageContext } from '../../app/request-context.js';
import { ErrorSummary } from '../../web/components/error-summary.js';
import { TextAreaField } from '../../web/components/field.js';
import { fieldProblem, type FormErrors } from '../../web/components/form-errors.js';
import { PostForm } from '../../web/components/post-form.js';
import { formText, UNCUT, type FormBody } from '../../web/form-body.js';
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import { sendPage } from '../../app/render-page.js';
import { runConsoleImport, type ConsoleImportReport, type RosterRunOptions } from './roster-api.js';

// ROSTER-1..3 in the console, `/admin/roster`: HR pastes the CSV (forms are limited to 64 KiB;
// larger files go through the CLI) and sees the same report as the API. Imports that would create
// employees are refused, so no PIN is ever shown in a browser (ROSTER-4).

export function createRosterPages(deps: AppDeps) {
  return {
    show: async (request: FastifyRequest, reply: FastifyReply) => {
      const ctx = pageContext(request, reply, deps.config);
      return sendPage(reply, <RosterView ctx={ctx} csv="" options={{ dryRun: true, full: false, skipInvalid: false }} report={null} errors={null} />);
    },
    /** POST /admin/roster: runs the import and shows its report on the same page. */
    submit: async (request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) => {
      const csv = formText(request.body, 'csv', UNCUT);
      const ticked = (name: string) => formText(request.body, name) === 'on';
      const options: RosterRunOptions = { dryRun: ticked('dryRun'), full: ticked('full'), skipInvalid: ticked('skipInvalid') };
      const ctx = pageContext(request, reply, deps.config);
      if (csv.trim() === '') {
        const errors = fieldProblem('csv', ctx.t.consoleQueues.roster.csvRequired);
        return sendPage(reply, <RosterView ctx={ctx} csv={csv} options={options} report={null} errors={errors} />, 400);
      }
      const report = await runConsoleImport(deps, request, csv, options);
      return sendPage(reply, <RosterView ctx={ctx} csv={report.refused ? csv : ''} options={options} report={report} errors={null} />, report.refused ? 400 : 200);
    },
  };
}

interface ViewProps {
  ctx: PageContext;
  csv: string;
  options: RosterRunOptions;
  report: ConsoleImportReport | null;
  errors: FormErrors | null;
}

function RosterView({ ctx, csv, options, report, errors }: ViewProps) {
  const t = ctx.t.consoleQueues.roster;
  const failed = errors !== null || report?.refused === true;
  return (
    <Layout ctx={ctx} title={failed ? ctx.t.wizard.errorTitle(t.title) : t.title}>
      <h1>{t.title}</h1>
      <p class="lead">{t.intro}</p>
      <p class="notice">{t.cliNote}</p>
      {errors ? <ErrorSummary ctx={ctx} errors={errors} /> : null}
      {report ? <ReportView ctx={ctx} report={report} /> : null}
      <PostForm ctx={ctx} action="/admin/roster">
        <TextAreaField errors={errors} id="csv" name="csv" label={t.csvLabel} rows={12} spellcheck={false} value={csv} />
        <Checkbox id="dryRun" label={t.dryRun} checked={options.dryRun} />
        <Checkbox id="full" label={t.full} checked={options.full} />
        <Checkbox id="skipInvalid" label={t.skipInvalid} checked={options.skipInvalid} />
        <button type="submit" class="button button--primary">
          {t.submit}
        </button>
      </PostForm>
    </Layout>
  );
}

function Checkbox({ id, label, checked }: { id: string; label: string; checked: boolean }) {
  return (
    <div class="field field--checkbox">
      <input type="checkbox" id={id} name={id} checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

function ReportView({ ctx, report }: { ctx: PageContext; report: ConsoleImportReport }) {
  const t = ctx.t.consoleQueues.roster;
  const outcome = report.createsRefused > 0 ? t.createsRefused(report.createsRefused) : report.refused ? t.refused : report.dryRun ? t.dryRunDone : t.written;
  return (
    <section aria-labelledby="report-heading" class="card">
      <h2 id="report-heading">{t.reportHeading}</h2>
      <p class={report.refused ? 'notice notice--error' : 'notice notice--success'} role={report.refused ? 'alert' : 'status'}>
        {outcome}
      </p>
      <dl class="facts">
        {(['created', 'updated', 'unchanged', 'invalid', 'separated'] as const).map((key) => (
          <div key={key}>
            <dt>{t.counts[key]}</dt>
            <dd>{report[key]}</dd>
          </div>
        ))}
      </dl>
      {report.errors.length > 0 ? (
        <>
          <h3>{t.errorsHeading}</h3>
          <ul>
            {report.errors.slice(0, 500).map((error, index) => (
              <li key={index}>{error}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
