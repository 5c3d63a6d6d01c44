import type { FastifyReply, FastifyRequest } from 'fastify';
import { findAsset, loadStaticAssets } from '../web/static-assets.js';
import { chooseEncoding, varyOnEncoding } from './compression.js';

/** The static files, compressed ahead; kept for a year under their hashed names. */
export function createAssetRoutes() {
  // Read, hashed and compressed at start, not by the first visitor's page.
  loadStaticAssets();
  return {
    serve: async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
      const found = findAsset(request.params.name);
      if (!found) return reply.callNotFound();
      const { asset, immutable } = found;
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600').header('etag', asset.etag);
      varyOnEncoding(reply);
      if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
      const encoding = chooseEncoding(request.headers['accept-encoding']);
      const compressed = encoding === null ? null : asset[encoding];
      if (encoding !== null && compressed !== null) reply.header('content-encoding', encoding);
      return reply.type(asset.type).send(compressed ?? asset.identity);
    },
  };
}
