import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { projectRoot } from './project-root.js';

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.js': 'text/javascript; charset=utf-8' };

/** The few static files, read once at start and served with an ETag. */
export function createAssetRoutes() {
  const dir = path.join(projectRoot(), 'src', 'web', 'assets');
  const assets = new Map<string, Asset>();
  for (const name of ['styles.css', 'favicon.svg', 'password-rules.js']) {
    const body = readFileSync(path.join(dir, name));
    assets.set(name, { body, type: TYPES[path.extname(name)] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` });
  }
  return {
    serve: async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
      const asset = assets.get(request.params.name);
      if (!asset) return reply.callNotFound();
      reply.header('cache-control', 'public, max-age=3600').header('etag', asset.etag);
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      return reply.type(asset.type).send(asset.body);
    },
  };
}
