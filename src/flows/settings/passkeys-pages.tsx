import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { toAppError } from '../../app/error-handler.js';
import { formErrorsFor } from '../../app/form-errors.js';
import { requestMeta, signedInOf } from '../../app/request-context.js';
import { sendPage } from '../../app/render-page.js';
import { defaultPasskeyName } from '../../methods/passkey/settings.js';
import { PASSKEY_LIMIT, relyingPartyOf } from '../../methods/passkey/webauthn.js';
import { formText, type FormBody } from '../../web/form-body.js';
import { SETTINGS_METHODS } from './methods.js';
import { profilePageContext } from './pages.js';
import { passkeyIdOf } from './passkeys-api.js';
import { PasskeysPage } from './views/passkeys.js';
import { FRESH_AUTH_MS } from './fresh-auth.js';
import { currentFactor } from './mfa-proof.js';
import { sendMfaProofCode } from './mfa.js';
import { requireOwnMfaState } from './own-account.js';
import type { SignedIn } from '../../session/signed-in.js';

// MFA-7: Edit My Profile → Passkeys as web pages. Renaming and removing are plain forms (no
// JavaScript); adding is the script's, through the JSON API. A change that worked redirects (303)
// back to the page, which says so.

type IdRequest = FastifyRequest<{ Params: { id: string }; Body: FormBody }>;

const DONE = ['added', 'renamed', 'removed'] as const;

export function createPasskeyProfilePages(deps: AppDeps) {
  const { config } = deps;
  const passkeys = SETTINGS_METHODS.passkey;

  async function render(request: FastifyRequest, reply: FastifyReply, extra: { errors?: ReturnType<typeof formErrorsFor> | null; renaming?: { id: number; typed: string }; status?: number } = {}) {
    const ctx = profilePageContext(request, reply, config);
    const signedIn = signedInOf(request);
    const list = await passkeys.list(deps, signedIn);
    const query = request.query as Record<string, unknown> | undefined;
    const done = DONE.find((key) => query?.[key] !== undefined);
    return sendPage(
      reply,
      <PasskeysPage
        ctx={ctx}
        passkeys={list}
        timeZone={config.timeZone}
        origin={relyingPartyOf(config)?.origin ?? null}
        full={list.length >= PASSKEY_LIMIT}
        defaultName={defaultPasskeyName(ctx.language, requestMeta(request).userAgent)}
        done={done ? ctx.t.passkeys.done[done] : null}
        errors={extra.errors ?? null}
        renaming={extra.renaming ?? null}
        proof={await proofWanted(signedIn)}
        proofSent={query?.codeSent !== undefined}
      />,
      extra.status ?? 200,
    );
  }

  /** MFA-6: which proof adding a passkey would ask for now, or null (no second factor yet, or one passed in the last 5 minutes). */
  async function proofWanted(signedIn: SignedIn): Promise<'email' | 'sms' | 'totp' | 'passkey' | null> {
    const state = await requireOwnMfaState(deps, signedIn);
    if (state.mfa === 'off' && state.passkeys === 0) return null;
    if (signedIn.secondFactorAt !== null && deps.clock.now() - signedIn.secondFactorAt <= FRESH_AUTH_MS) return null;
    return currentFactor(state) ?? 'passkey';
  }

  return {
    /** POST /profile/passkeys/code: MFA-6's code to the current e-mail or SMS factor, for adding a passkey. */
    sendCode: async (request: FastifyRequest, reply: FastifyReply) => {
      await sendMfaProofCode(deps, signedInOf(request), requestMeta(request));
      return reply.redirect('/profile/passkeys?codeSent', 303);
    },
    /** GET /profile/passkeys */
    show: (request: FastifyRequest, reply: FastifyReply) => render(request, reply),
    /** POST /profile/passkeys/add: the script posts to the API instead; a form that got here without it just comes back. */
    add: async (_request: FastifyRequest, reply: FastifyReply) => reply.redirect('/profile/passkeys', 303),
    /** POST /profile/passkeys/:id/rename {name} */
    rename: async (request: IdRequest, reply: FastifyReply) => {
      const id = passkeyIdOf(request.params.id);
      const typed = formText(request.body, 'name', 200);
      try {
        await passkeys.rename(deps, signedInOf(request), id, typed, requestMeta(request));
        return await reply.redirect('/profile/passkeys?renamed', 303);
      } catch (error) {
        const appError = toAppError(error);
        if (!appError || appError.code !== 'VALIDATION') throw error;
        const errors = formErrorsFor(appError, request.language, [['name', `passkey-name-${id}`]]);
        return render(request, reply, { errors, renaming: { id, typed }, status: appError.status });
      }
    },
    /** POST /profile/passkeys/:id/remove */
    remove: async (request: IdRequest, reply: FastifyReply) => {
      await passkeys.remove(deps, signedInOf(request), passkeyIdOf(request.params.id), requestMeta(request));
      return reply.redirect('/profile/passkeys?removed', 303);
    },
  };
}
