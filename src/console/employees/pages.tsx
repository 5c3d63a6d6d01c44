import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { fieldMessages, messageFor, toAppError } from '../../app/error-handler.js';
import { pageContext } from '../../app/request-context.js';
import { sendPage } from '../../web/render.js';
import type { Messages } from '../../web/messages/en.js';
import { actionContext } from './api.js';
import { changeEmployeeRole, endEmployeeSessions, issueEmployeePin, resetEmployeeMfa, unlockEmployee, type EmployeeAction } from './actions.js';
import { employeeIdParam, findEmployees, loadEmployeeDetail } from './search.js';
import { EmployeeDetailPage, PinIssuedPage, type ActionFailure } from './views/detail.js';
import { EmployeeSearchPage } from './views/search.js';

// HELP-3..5 as pages (SPEC §14.1 `/admin/employees…`), usable without JavaScript. An action that
// worked redirects (303) to the account page saying so; the new PIN is shown once, never cached.

type FormBody = Record<string, unknown> | undefined;
type Params = { employeeId: string };

const DONE_KEYS = ['unlock', 'resetMfa', 'endSessions', 'roles'] as const;
type DoneKey = (typeof DONE_KEYS)[number];

function text(body: FormBody, name: string, max = 1000): string {
  const raw = body?.[name];
  return typeof raw === 'string' ? raw.slice(0, max) : '';
}

function doneMessage(request: FastifyRequest, t: Messages): string | null {
  const done = (request.query as Record<string, unknown> | undefined)?.done;
  return typeof done === 'string' && (DONE_KEYS as readonly string[]).includes(done) ? t.console.done[done as DoneKey] : null;
}

export function createEmployeesPages(deps: AppDeps) {
  const { config } = deps;

  async function renderDetail(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, failure: ActionFailure | null) {
    const detail = await loadEmployeeDetail(deps, employeeIdParam(request.params.employeeId));
    const ctx = pageContext(request, reply, config);
    const canChangeRoles = request.signedIn?.profile.roles.includes('admin') ?? false;
    return sendPage(
      reply,
      <EmployeeDetailPage ctx={ctx} detail={detail} timeZone={config.timeZone} canChangeRoles={canChangeRoles} done={failure ? null : doneMessage(request, ctx.t)} failure={failure} />,
      failure ? 400 : 200,
    );
  }

  /** A form action: validation problems re-show the account page; anything else goes to the error handler. */
  function action(name: EmployeeAction, done: DoneKey, run: (request: FastifyRequest<{ Params: Params; Body: FormBody }>) => Promise<void>) {
    return async (request: FastifyRequest<{ Params: Params; Body: FormBody }>, reply: FastifyReply) => {
      try {
        await run(request);
      } catch (error) {
        const appError = toAppError(error);
        if (!appError || appError.code !== 'VALIDATION') throw error;
        const language = request.language;
        return renderDetail(request, reply, { action: name, fields: fieldMessages(appError, language), message: messageFor(language, appError), reason: text(request.body, 'reason', 500) });
      }
      const employeeId = employeeIdParam(request.params.employeeId);
      return reply.redirect(`/admin/employees/${employeeId}?done=${done}`, 303);
    };
  }

  return {
    /** GET /admin */
    /** GET /admin: the first console page of the person's roles (HR staff start at the news). */
    root: async (request: FastifyRequest, reply: FastifyReply) => {
      const roles = request.signedIn?.profile.roles ?? [];
      return reply.redirect(roles.includes('helpdesk') || roles.includes('admin') ? '/admin/employees' : '/admin/news', 303);
    },
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
    resetMfa: action('reset-mfa', 'resetMfa', async (request) => resetEmployeeMfa(deps, actionContext(request), { reason: request.body?.reason, identityCheck: request.body?.identityCheck })),
    endSessions: action('end-sessions', 'endSessions', async (request) => {
      await endEmployeeSessions(deps, actionContext(request), request.body?.reason);
    }),
    roles: action('roles', 'roles', async (request) =>
      changeEmployeeRole(deps, actionContext(request), { reason: request.body?.reason, role: request.body?.role, action: request.body?.action }),
    ),
    /** POST /admin/employees/:employeeId/pin: HELP-4, the PIN on this page only. */
    pin: async (request: FastifyRequest<{ Params: Params; Body: FormBody }>, reply: FastifyReply) => {
      let issued: { pin: string; expiresAt: number };
      try {
        issued = await issueEmployeePin(deps, actionContext(request), { reason: request.body?.reason, identityCheck: request.body?.identityCheck });
      } catch (error) {
        const appError = toAppError(error);
        if (!appError || appError.code !== 'VALIDATION') throw error;
        const language = request.language;
        return renderDetail(request, reply, { action: 'pin', fields: fieldMessages(appError, language), message: messageFor(language, appError), reason: text(request.body, 'reason', 500) });
      }
      const detail = await loadEmployeeDetail(deps, employeeIdParam(request.params.employeeId));
      reply.header('cache-control', 'no-store');
      const ctx = pageContext(request, reply, config);
      return sendPage(
        reply,
        <PinIssuedPage
          ctx={ctx}
          employeeId={detail.state.employeeId}
          name={`${detail.state.givenName} ${detail.state.familyName}`}
          pin={issued.pin}
          expiresAt={issued.expiresAt}
          timeZone={config.timeZone}
        />,
      );
    },
  };
}
