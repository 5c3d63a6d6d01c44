import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { messageFor, toAppError } from '../../app/error-handler.js';
import { formErrorsFor, type FormControls } from '../../app/form-errors.js';
import { pageContext } from '../../app/request-context.js';
import { sendPage } from '../../app/render-page.js';
import { formFields, formText, type FormBody } from '../../web/form-body.js';
import type { Messages } from '../../web/messages/en.js';
import { actionContext } from './api.js';
import {
  changeEmployeeRole,
  checkReason,
  endEmployeeSessions,
  finishCallerVerification,
  issueEmployeePin,
  resetEmployeeMfa,
  startCallerVerification,
  unlockEmployee,
  type EmployeeAction,
} from './actions.js';
import { describeCallerVerification } from '../helpdesk/verify-caller.js';
import { employeeIdParam, findEmployees, loadEmployeeDetail } from './search.js';
import { EmployeeDetailPage, PinIssuedPage, type ActionFailure } from './views/detail.js';
import { ConfirmActionPage, type ConfirmableAction } from './views/confirm-action.js';
import { EmployeeSearchPage } from './views/search.js';
import { showConsoleHome } from './console-home-pages.js';

// HELP-3..5 as pages (SPEC §14.1 `/admin/employees…`), usable without JavaScript. An action that
// worked redirects (303) to the account page saying so; the new PIN is shown once, never cached.
// Issue PIN, reset MFA and end sessions change nothing until a second POST carries `confirm=yes`.

type Params = { employeeId: string };
type ActionRequest = FastifyRequest<{ Params: Params; Body: FormBody }>;

const DONE_KEYS = ['unlock', 'resetMfa', 'endSessions', 'roles', 'callerCodeSent', 'callerVerified'] as const;
/** Problems shown on the account page next to the form; anything else goes to the error handler. */
const SHOWN_ON_PAGE: ReadonlySet<string> = new Set(['VALIDATION', 'INVALID_CODE', 'FLOW_EXPIRED', 'RATE_LIMITED', 'CALLER_NOT_VERIFIED']);
type DoneKey = (typeof DONE_KEYS)[number];
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

/** Each form's controls on the account page, by the field names the actions report. */
function actionControls(action: EmployeeAction): FormControls {
  const controls: [string, string][] = [];
  if (action === 'verify-caller') controls.push(['channel', 'verify-caller-channel'], ['code', 'verify-caller-code']);
  if (action === 'pin' || action === 'reset-mfa') controls.push(['identityCheck', `${action}-proof-0`]);
  if (action === 'roles') controls.push(['role', 'roles-role'], ['action', 'roles-action']);
  controls.push(['reason', `${action}-reason`]);
  return controls;
}

/** The fields to send again from the confirmation page: strings only, never the token (formFields) or the confirmation. */
function carriedFields(body: FormBody): [string, string][] {
  return Object.entries(formFields(body))
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && FIELD_NAME.test(entry[0]) && entry[0] !== 'confirm')
    .slice(0, 10)
    .map(([name, value]) => [name, value.slice(0, 1000)]);
}

function doneMessage(request: FastifyRequest, t: Messages): string | null {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' && (DONE_KEYS as readonly string[]).includes(done) ? t.console.done[done as DoneKey] : null;
}

export function createEmployeesPages(deps: AppDeps) {
  const { config } = deps;

  async function renderDetail(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, failure: ActionFailure | null, status = 200) {
    const employeeId = employeeIdParam(request.params.employeeId);
    const detail = await loadEmployeeDetail(deps, employeeId);
    const callerPanel = await describeCallerVerification(deps, employeeId, actionContext(request).actorId);
    const ctx = pageContext(request, reply, config);
    const canChangeRoles = request.signedIn?.profile.roles.includes('admin') ?? false;
    const done = failure ? null : doneMessage(request, ctx.t);
    const page = <EmployeeDetailPage ctx={ctx} detail={detail} callerPanel={callerPanel} timeZone={config.timeZone} canChangeRoles={canChangeRoles} done={done} failure={failure} />;
    return sendPage(reply, page, status);
  }

  /** A problem with the agent's input re-shows the account page with it next to the field, with the error's status. */
  async function showProblem(request: ActionRequest, reply: FastifyReply, name: EmployeeAction, error: unknown) {
    const appError = toAppError(error);
    if (!appError || !SHOWN_ON_PAGE.has(appError.code)) throw error;
    const language = request.language;
    if (appError.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.options.retryAfterSeconds));
    const failure = { action: name, errors: formErrorsFor(appError, language, actionControls(name)), reason: formText(request.body, 'reason', 500) };
    return renderDetail(request, reply, failure, appError.status);
  }

  /** The first POST of a destructive action: check the reason, then ask. Nothing has changed. */
  async function askToConfirm(request: ActionRequest, reply: FastifyReply, name: EmployeeAction, confirmable: ConfirmableAction) {
    let reason: string;
    try {
      reason = checkReason(request.body?.reason);
    } catch (error) {
      return showProblem(request, reply, name, error);
    }
    const detail = await loadEmployeeDetail(deps, employeeIdParam(request.params.employeeId));
    const s = detail.state;
    const href = `/admin/employees/${s.employeeId}/${name}`;
    const ctx = pageContext(request, reply, config);
    const page = <ConfirmActionPage ctx={ctx} action={confirmable} href={href} employeeId={s.employeeId} name={`${s.givenName} ${s.familyName}`} reason={reason} fields={carriedFields(request.body)} />;
    return sendPage(reply, page);
  }

  const confirmed = (request: ActionRequest) => request.body?.confirm === 'yes';

  /** A form action; `confirmable` ones ask first. */
  function action(name: EmployeeAction, done: DoneKey, run: (request: ActionRequest) => Promise<void>, confirmable?: ConfirmableAction) {
    return async (request: ActionRequest, reply: FastifyReply) => {
      if (confirmable && !confirmed(request)) return askToConfirm(request, reply, name, confirmable);
      try {
        await run(request);
      } catch (error) {
        return showProblem(request, reply, name, error);
      }
      const employeeId = employeeIdParam(request.params.employeeId);
      return reply.redirect(`/admin/employees/${employeeId}?done=${done}`, 303);
    };
  }

  return {
    /** GET /admin: the help desk opens on its queue, admins and HR on the summary. */
    root: (request: FastifyRequest, reply: FastifyReply) => showConsoleHome(deps, request, reply),
    /** GET /admin/employees?q= */
    search: async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) => {
      const raw = request.query.q;
      const query = typeof raw === 'string' ? raw.slice(0, 200) : '';
      const ctx = pageContext(request, reply, config);
      if (typeof raw !== 'string') return sendPage(reply, <EmployeeSearchPage ctx={ctx} query="" results={null} error={null} />);
      try {
        const results = await findEmployees(deps, query);
        return sendPage(reply, <EmployeeSearchPage ctx={ctx} query={query} results={results} error={null} />);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION') throw error;
        return sendPage(reply, <EmployeeSearchPage ctx={ctx} query={query} results={null} error={messageFor(request.language, error)} />, 400);
      }
    },
    /** GET /admin/employees/:employeeId */
    detail: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => renderDetail(request, reply, null),
    unlock: action('unlock', 'unlock', async (request) => unlockEmployee(deps, actionContext(request), request.body?.reason)),
    resetMfa: action('reset-mfa', 'resetMfa', async (request) => resetEmployeeMfa(deps, actionContext(request), { reason: request.body?.reason, identityCheck: request.body?.identityCheck }), 'resetMfa'),
    endSessions: action(
      'end-sessions',
      'endSessions',
      async (request) => {
        await endEmployeeSessions(deps, actionContext(request), request.body?.reason);
      },
      'endSessions',
    ),
    /** POST …/verify-caller {reason, channel}: HELP-7, a code to the registered contact. */
    verifyCaller: action('verify-caller', 'callerCodeSent', async (request) => {
      await startCallerVerification(deps, actionContext(request), { reason: request.body?.reason, channel: request.body?.channel });
    }),
    /** POST …/verify-caller/code {code}: the code the caller read back. */
    callerCode: action('verify-caller', 'callerVerified', async (request) => {
      await finishCallerVerification(deps, actionContext(request), request.body?.code);
    }),
    roles: action('roles', 'roles', async (request) =>
      changeEmployeeRole(deps, actionContext(request), { reason: request.body?.reason, role: request.body?.role, action: request.body?.action }),
    ),
    /** POST /admin/employees/:employeeId/pin: HELP-4, after the confirmation; the PIN on this page only. */
    pin: async (request: ActionRequest, reply: FastifyReply) => {
      if (!confirmed(request)) return askToConfirm(request, reply, 'pin', 'pin');
      let issued: { pin: string; expiresAt: number };
      try {
        issued = await issueEmployeePin(deps, actionContext(request), { reason: request.body?.reason, identityCheck: request.body?.identityCheck });
      } catch (error) {
        return showProblem(request, reply, 'pin', error);
      }
      const detail = await loadEmployeeDetail(deps, employeeIdParam(request.params.employeeId));
      reply.header('cache-control', 'no-store');
      const ctx = pageContext(request, reply, config);
      const name = `${detail.state.givenName} ${detail.state.familyName}`;
      return sendPage(reply, <PinIssuedPage ctx={ctx} employeeId={detail.state.employeeId} name={name} pin={issued.pin} expiresAt={issued.expiresAt} timeZone={config.timeZone} />);
    },
  };
}
