import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { AppError } from '../../core/errors.js';
import { requestMeta, signedInOf } from '../../app/request-context.js';
import { CredentialJson } from '../../methods/passkey/credential-schema.js';
import { SETTINGS_METHODS } from './methods.js';

const strict = { additionalProperties: false } as const;
// Room for a name of 60 characters with spaces to collapse; the rule itself is in methods/passkey/settings.ts.
const Name = Type.String({ maxLength: 200 });
const Id = Type.Object({ id: Type.String({ maxLength: 20 }) }, strict);

export const passkeyProfileSchemas = {
  /** MFA-6: `code` is a code of the current factor, when the session has not passed it in the last 5 minutes. */
  options: { body: Type.Object({ code: Type.Optional(Type.String({ maxLength: 40 })) }, strict) },
  add: { body: Type.Object({ flowId: Type.String({ maxLength: 100 }), credential: CredentialJson, name: Type.Optional(Name) }, strict) },
  rename: { params: Id, body: Type.Object({ name: Name }, strict) },
  remove: { params: Id },
};

type Body<K extends 'options' | 'add' | 'rename'> = Static<(typeof passkeyProfileSchemas)[K]['body']>;

/** A passkey's id as the path gives it; anything else is no passkey of this account (404). */
export function passkeyIdOf(raw: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new AppError('NOT_FOUND', 'notFound');
  return Number(raw);
}

/** MFA-7 in Edit My Profile, as JSON; every route is behind `requireSession` and acts on the caller's own passkeys only. */
export function createPasskeyProfileApi(deps: AppDeps) {
  const passkeys = SETTINGS_METHODS.passkey;
  return {
    /** GET /api/v1/me/passkeys → {items: [{id, name, createdAt, lastUsedAt, synced}]} */
    list: async (request: FastifyRequest, reply: FastifyReply) => reply.send({ items: await passkeys.list(deps, signedInOf(request)) }),
    /** POST /api/v1/me/passkeys/options {code?} → {flowId, options} for navigator.credentials.create(). */
    options: async (request: FastifyRequest<{ Body: Body<'options'> }>, reply: FastifyReply) =>
      reply.send(await passkeys.startAdding(deps, signedInOf(request), { code: request.body.code }, requestMeta(request))),
    /** POST /api/v1/me/passkeys {flowId, credential, name} → 201 {id, name}. */
    add: async (request: FastifyRequest<{ Body: Body<'add'> }>, reply: FastifyReply) => {
      const { flowId, credential, name } = request.body;
      const added = await passkeys.finishAdding(deps, signedInOf(request), { flowId, credential, name: name ?? '' }, requestMeta(request));
      return reply.code(201).send(added);
    },
    /** PATCH /api/v1/me/passkeys/:id {name} → 204. */
    rename: async (request: FastifyRequest<{ Params: { id: string }; Body: Body<'rename'> }>, reply: FastifyReply) => {
      await passkeys.rename(deps, signedInOf(request), passkeyIdOf(request.params.id), request.body.name, requestMeta(request));
      return reply.code(204).send();
    },
    /** DELETE /api/v1/me/passkeys/:id → 204. */
    remove: async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      await passkeys.remove(deps, signedInOf(request), passkeyIdOf(request.params.id), requestMeta(request));
      return reply.code(204).send();
    },
  };
}
