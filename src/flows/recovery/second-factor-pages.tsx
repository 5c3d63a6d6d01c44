import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import { messageFor, toAppError } from '../../app/error-handler.js';
import { pageContext, requestMeta } from '../../app/request-context.js';
import { maskedDestination } from '../login/mfa.js';
import type { MfaChannel } from '../../storage/repositories/mfa.js';
import { Layout } from '../../web/layout.js';
import type { PageContext } from '../../web/page-context.js';
import { sendPage } from '../../web/render.js';
import { loadRecovery, nextAfterProof, type RecoveryContext } from './flow.js';
import { loadSecondFactorStep, sendRecoverySecondFactor, verifyRecoverySecondFactor, type SecondFactorStep } from './second-factor.js';

// RECOV-6 as web pages: /recovery/:flowId/second-factor, between a proof and the new password.

type FlowRequest = FastifyRequest<{ Params: { flowId: string }; Body: Record<string, unknown> | undefined }>;
const CHANNELS: readonly MfaChannel[] = ['email', 'sms', 'totp'];

function formText(request: FlowRequest, name: string, max: number): string {
  const raw = request.body?.[name];
  return typeof raw === 'string' ? raw.slice(0, max) : '';
}

export function createSecondFactorPages(deps: AppDeps) {
  const path = (request: FlowRequest, rest = '') => `/recovery/${encodeURIComponent(request.params.flowId)}${rest}`;

  /** The flow, or null after sending the person where they belong (expired: the start; not at this step: the password page decides). */
  async function stepOr(request: FlowRequest, reply: FastifyReply): Promise<{ context: RecoveryContext; step: SecondFactorStep } | null> {
    let context: RecoveryContext;
    try {
      context = await loadRecovery(deps, request.params.flowId);
    } catch (error) {
      // Only a flow that is gone is "expired"; a database that is away is the error page's (503).
      if (toAppError(error)?.code !== 'FLOW_EXPIRED') throw error;
      void reply.redirect('/recovery?expired=1', 303);
      return null;
    }
    if (!context.flow.proof || nextAfterProof(context) !== 'code') {
      void reply.redirect(path(request, '/password'), 303);
      return null;
    }
    return { context, step: await loadSecondFactorStep(deps, context) };
  }

  function render(request: FlowRequest, reply: FastifyReply, step: SecondFactorStep, options: { sent?: boolean; error?: AppError } = {}) {
    if (options.error?.options.retryAfterSeconds !== undefined) reply.header('retry-after', String(options.error.options.retryAfterSeconds));
    const view = (
      <SecondFactorPage
        ctx={pageContext(request, reply, deps.config)}
        action={path(request, '/second-factor')}
        step={step}
        sent={options.sent ?? false}
        error={options.error ? messageFor(request.language, options.error) : null}
      />
    );
    return sendPage(reply, view, options.error?.status ?? 200);
  }

  async function failure(request: FlowRequest, reply: FastifyReply, error: unknown) {
    const appError = toAppError(error);
    if (!appError) throw error;
    if (appError.code === 'FLOW_EXPIRED') return reply.redirect('/recovery?expired=1', 303);
    const found = await stepOr(request, reply);
    return found ? render(request, reply, found.step, { error: appError }) : reply;
  }

  return {
    /** GET /recovery/:flowId/second-factor */
    show: async (request: FlowRequest, reply: FastifyReply) => {
      const found = await stepOr(request, reply);
      if (!found) return reply;
      return render(request, reply, found.step, { sent: (request.query as Record<string, unknown> | undefined)?.sent !== undefined });
    },
    /** POST /recovery/:flowId/second-factor */
    submit: async (request: FlowRequest, reply: FastifyReply) => {
      const found = await stepOr(request, reply);
      if (!found) return reply;
      try {
        await verifyRecoverySecondFactor(deps, found.context, formText(request, 'code', 100), requestMeta(request));
        return reply.redirect(path(request, '/password'), 303);
      } catch (error) {
        return failure(request, reply, error);
      }
    },
    /** POST /recovery/:flowId/second-factor/send */
    send: async (request: FlowRequest, reply: FastifyReply) => {
      const found = await stepOr(request, reply);
      if (!found) return reply;
      const channel = CHANNELS.find((c) => c === formText(request, 'channel', 10));
      try {
        if (!channel) throw new AppError('VALIDATION', 'mfaChannelUnavailable');
        await sendRecoverySecondFactor(deps, found.context, channel, requestMeta(request));
        return reply.redirect(path(request, '/second-factor?sent'), 303);
      } catch (error) {
        return failure(request, reply, error);
      }
    },
  };
}

interface PageProps {
  ctx: PageContext;
  action: string;
  step: SecondFactorStep;
  sent: boolean;
  error: string | null;
}

function SecondFactorPage({ ctx, action, step, sent, error }: PageProps) {
  const r = ctx.t.mfa.recovery;
  const c = ctx.t.mfa.code;
  const { channel } = step;
  const hint = channel === 'totp' ? r.totp : channel ? r.sentTo[channel](step.sentTo ?? '') : null;
  const others = step.channels.filter((other) => other !== channel || channel !== 'totp');
  return (
    <Layout ctx={ctx} title={error ? ctx.t.wizard.errorTitle(r.title) : r.title}>
      <div class="auth-layout">
        <section class="card card--narrow" aria-labelledby="second-factor-heading">
          <h1 id="second-factor-heading">{r.title}</h1>
          <p class="lead">{r.intro}</p>
          {sent && channel && channel !== 'totp' ? (
            <p class="notice notice--success" role="status">
              {c.resent(step.sentTo ?? '')}
            </p>
          ) : null}
          {error ? (
            <div class="notice notice--error" role="alert" id="code-error">
              <p>{error}</p>
            </div>
          ) : null}
          {step.channels.length === 0 ? (
            <p>
              <a href="/help/contact">{r.noChannel}</a>
            </p>
          ) : null}
          {channel ? (
            <form method="post" action={action} class="form" novalidate>
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <div class="field">
                <label for="code">{c.label}</label>
                <p class="hint" id="code-hint">
                  {hint}
                </p>
                <input
                  id="code"
                  name="code"
                  type="text"
                  inputMode={channel === 'totp' ? 'text' : 'numeric'}
                  autocomplete="one-time-code"
                  autocapitalize="none"
                  spellcheck={false}
                  required
                  maxLength={40}
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? 'code-hint code-error' : 'code-hint'}
                />
              </div>
              <button type="submit" class="button button--primary button--block">
                {c.submit}
              </button>
            </form>
          ) : null}
          {others.length > 0 ? (
            <section class="resend" aria-labelledby="second-factor-choose">
              <h2 id="second-factor-choose">{channel ? c.otherHeading : r.chooseHeading}</h2>
              {others.map((other) => (
                <form key={other} method="post" action={`${action}/send`} class="resend-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <input type="hidden" name="channel" value={other} />
                  <button type="submit" class="button">
                    {other === 'totp' ? r.send.totp : other === channel ? c.resend : r.send[other](maskedDestination(step.state, other) ?? '')}
                  </button>
                </form>
              ))}
            </section>
          ) : null}
        </section>
      </div>
    </Layout>
  );
}
