import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../app/errors.js';

export function createMeApi() {
  return {
    /** GET /api/v1/me (SPEC §14.2). */
    get: async (request: FastifyRequest, reply: FastifyReply) => {
      const profile = request.signedIn?.profile;
      if (!profile) throw new AppError('UNAUTHENTICATED', 'unauthenticated');
      return reply.send({
        employeeId: profile.employeeId,
        givenName: profile.givenName,
        familyName: profile.familyName,
        email: profile.email,
        mobile: profile.mobile,
        language: profile.language,
        mfa: profile.mfa,
        roles: profile.roles,
      });
    },
  };
}
