import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { fieldMessages, messageFor, toAppError } from '../../app/error-handler.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { sendPage } from '../../app/render-page.js';
import type { FormErrors } from '../registration/views/wizard-layout.js';
import { EMPTY_HELP_FORM, HelpContactView, HelpIndexView, HelpTopicView, isHelpTopic, type HelpFormValues } from './help-views.js';
import { submitHelpRequest } from './submit.js';

// HELP-1 / HELP-2 pages: no sign-in. The form posts with the CSRF token; errors re-show it with
// what was typed, each message next to its field and in the summary.

const FIELD_ORDER = ['employeeId', 'name', 'contact', 'category', 'description'] as const;

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

export function createHelpPages(deps: AppDeps) {
  const { config } = deps;
  return {
    /** GET /help */
    index: async (request: FastifyRequest, reply: FastifyReply) => sendPage(reply, <HelpIndexView ctx={pageContext(request, reply, config)} />),
    /** GET /help/:topic; an unknown topic is a 404 page. */
    topic: async (request: FastifyRequest<{ Params: { topic: string } }>, reply: FastifyReply) => {
      const { topic } = request.params;
      if (!isHelpTopic(topic)) throw new AppError('NOT_FOUND', 'notFound');
      return sendPage(reply, <HelpTopicView ctx={pageContext(request, reply, config)} topic={topic} />);
    },
    /** GET /help/contact */
    contact: async (request: FastifyRequest, reply: FastifyReply) =>
      sendPage(reply, <HelpContactView ctx={pageContext(request, reply, config)} values={EMPTY_HELP_FORM} errors={null} />),
    /** POST /help/contact */
    submit: async (request: FastifyRequest<{ Body: Record<string, unknown> | undefined }>, reply: FastifyReply) => {
      const body = request.body ?? {};
      const values: HelpFormValues = {
        employeeId: text(body.employeeId, 200),
        name: text(body.name, 1000),
        contact: text(body.contact, 1000),
        category: text(body.category, 100),
        description: text(body.description, 20_000),
      };
      try {
        const { reference, confirmation } = await submitHelpRequest(deps, values, request.language, requestMeta(request));
        return sendPage(reply, <HelpContactView ctx={pageContext(request, reply, config)} values={EMPTY_HELP_FORM} errors={null} reference={reference} confirmation={confirmation} />);
      } catch (error) {
        const appError = toAppError(error);
        if (!appError) throw error;
        if (appError.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.options.retryAfterSeconds));
        const ctx = pageContext(request, reply, config);
        const fields = fieldMessages(appError, request.language);
        const errors: FormErrors | null =
          Object.keys(fields).length > 0
            ? { fields, summary: FIELD_ORDER.filter((f) => fields[f]).map((f) => ({ anchor: f, message: fields[f]! })) }
            : null;
        const alert = errors ? null : messageFor(request.language, appError);
        return sendPage(reply, <HelpContactView ctx={ctx} values={values} errors={errors} alert={alert} />, appError.status);
      }
    },
  };
}
