import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../core/deps.js';
import { requestMeta } from '../../app/request-context.js';
import { submitHelpRequest } from './submit.js';

// HELP-2 over JSON (SPEC §14.2). The schema only bounds sizes and types; each field's own problem
// comes back from the flow as `fields`, in the request's language.
const strict = { additionalProperties: false } as const;

export const helpSchemas = {
  submit: {
    body: Type.Object(
      {
        employeeId: Type.Optional(Type.String({ maxLength: 200 })),
        name: Type.String({ maxLength: 1000 }),
        contact: Type.String({ maxLength: 1000 }),
        category: Type.String({ maxLength: 100 }),
        description: Type.String({ maxLength: 20_000 }),
      },
      strict,
    ),
  },
};

type SubmitBody = Static<typeof helpSchemas.submit.body>;

export function createHelpApi(deps: AppDeps) {
  return {
    /** POST /api/v1/help-requests → 201 {reference}, the same answer whether or not the Employee ID exists. */
    submit: async (request: FastifyRequest<{ Body: SubmitBody }>, reply: FastifyReply) => {
      const result = await submitHelpRequest(deps, request.body, request.language, requestMeta(request));
      return reply.code(201).send({ reference: result.reference });
    },
  };
}
