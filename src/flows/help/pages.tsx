import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { toAppError } from '../../app/error-handler.js';
import { formErrorsFor, type FormControls } from '../../app/form-errors.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { sendPage } from '../../app/render-page.js';
import { formText, type FormBody } from '../../web/form-body.js';
import { EMPTY_HELP_FORM, HelpContactView, HelpIndexView, HelpTopicView, isHelpTopic, type HelpFormValues } from './help-views.js';
import { submitHelpRequest } from './submit.js';

// HELP-1 / HELP-2 pages: no sign-in. The form posts with the CSRF token; errors re-show it with
// what was typed, each message next to its field and in the summary (a refusal of the whole form,
// such as the rate limit, in the summary alone).

const CONTROLS: FormControls = ['employeeId', 'name', 'contact', 'category', 'description'].map((name) => [name, name] as const);

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
    submit: async (request: FastifyRequest<{ Body: FormBody }>, reply: FastifyReply) => {
      const body = request.body;
      const values: HelpFormValues = {
        employeeId: formText(body, 'employeeId', 200),
        name: formText(body, 'name', 1000),
        contact: formText(body, 'contact', 1000),
        category: formText(body, 'category', 100),
        description: formText(body, 'description', 20_000),
      };
      try {
        const { reference, confirmation } = await submitHelpRequest(deps, values, request.language, requestMeta(request));
        return sendPage(reply, <HelpContactView ctx={pageContext(request, reply, config)} values={EMPTY_HELP_FORM} errors={null} reference={reference} confirmation={confirmation} />);
      } catch (error) {
        const appError = toAppError(error);
        if (!appError) throw error;
        if (appError.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.options.retryAfterSeconds));
        const errors = formErrorsFor(appError, request.language, CONTROLS);
        return sendPage(reply, <HelpContactView ctx={pageContext(request, reply, config)} values={values} errors={errors} />, appError.status);
      }
    },
  };
}
