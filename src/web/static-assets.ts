import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { projectRoot } from '../app/project-root.js';

// The few static files, read and compressed once at start. Pages link them by a name that carries a
// hash of their content (`/assets/styles.1a2b3c4d5e.css`), so a browser may keep them for a year: a
// new version is a new URL.

export type AssetName = 'styles.css' | 'favicon.svg' | 'password-rules.js' | 'passkeys.js';
const NAMES: readonly AssetName[] = ['styles.css', 'favicon.svg', 'password-rules.js', 'passkeys.js'];

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.js': 'text/javascript; charset=utf-8' };

export interface StaticAsset {
  /** The name with its content hash, as pages link it. */
  hashedName: string;
  type: string;
  etag: string;
  /** The bytes as they are, and compressed ahead (each only when smaller). */
  identity: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

let catalogue: { byName: Map<string, StaticAsset>; urls: Map<AssetName, string> } | null = null;

function load() {
  const dir = path.join(projectRoot(), 'src', 'web', 'assets');
  const byName = new Map<string, StaticAsset>();
  const urls = new Map<AssetName, string>();
  for (const name of NAMES) {
    const body = readFileSync(path.join(dir, name));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const extension = path.extname(name);
    const hashedName = `${path.basename(name, extension)}.${hash}${extension}`;
    const smaller = (compressed: Buffer) => (compressed.length < body.length ? compressed : null);
    const asset: StaticAsset = {
      hashedName,
      type: TYPES[extension] ?? 'application/octet-stream',
      etag: `"${hash}"`,
      identity: body,
      br: smaller(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } })),
      gzip: smaller(gzipSync(body, { level: 9 })),
    };
    byName.set(hashedName, asset);
    byName.set(name, asset);
    urls.set(name, `/assets/${hashedName}`);
  }
  return { byName, urls };
}

/** Reads, hashes and compresses the files (once; the app does it at start). */
export function loadStaticAssets(): void {
  catalogue ??= load();
}

/** The URL a page links an asset by. */
export function assetUrl(name: AssetName): string {
  catalogue ??= load();
  return catalogue.urls.get(name)!;
}

/** The asset of a requested name (hashed, or plain for links made before hashing); `immutable` when hashed. */
export function findAsset(requested: string): { asset: StaticAsset; immutable: boolean } | undefined {
  catalogue ??= load();
  const asset = catalogue.byName.get(requested);
  return asset ? { asset, immutable: requested === asset.hashedName } : undefined;
}
