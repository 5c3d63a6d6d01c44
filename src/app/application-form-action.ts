import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../core/deps.js';
import { applicationOriginOf } from '../idp/application-origin.js';
import { allowFormActionTo } from './security-headers.js';

/**
 * A sign-in page (password, code step, new password, wizard) whose form ends in an application's
 * sign-in lets its form's redirects reach that application's origin, and only that one.
 */
export async function allowFormActionToApplication(deps: AppDeps, request: FastifyRequest, reply: FastifyReply, returnPath: string | null): Promise<void> {
  const origin = await applicationOriginOf(deps, request.log, returnPath);
  if (origin) allowFormActionTo(reply, origin);
}
