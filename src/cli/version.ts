import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../app/project-root.js';

/** The version in package.json, as `portico --version` prints it (SPEC §14.3). */
export function readVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version');
  return manifest.version;
}
