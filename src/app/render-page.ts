import type { FastifyReply } from 'fastify';
import { renderToString } from 'preact-render-to-string';

/** Sends a server-rendered page; preact escapes every interpolated value. */
export function sendPage(reply: FastifyReply, page: Parameters<typeof renderToString>[0], status = 200): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .send(`<!doctype html>${renderToString(page)}`);
}
