// What the repository holds, for the documentation checks: the files git tracks plus new ones it
// would track (not ignored), or, without git, what is on disk outside node_modules, dist and data.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface RepositoryFiles {
  files: Set<string>;
  directories: Set<string>;
  /** Whether `relative` (slash-separated, from the root) is a file or a directory of the repository. */
  has(relative: string): boolean;
}

export function repositoryFiles(root: string): RepositoryFiles {
  let list: string[];
  try {
    list = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0')
      .filter(Boolean);
  } catch {
    list = walk(root, '');
  }
  const files = new Set(list);
  const directories = new Set<string>();
  for (const file of list) for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) directories.add(dir);
  return {
    files,
    directories,
    has: (relative) => {
      const clean = relative.replace(/\/+$/, '');
      return clean === '' || files.has(clean) || directories.has(clean);
    },
  };
}

function walk(root: string, relative: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
    const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!['.git', 'node_modules', 'dist', 'data', 'coverage'].includes(entry.name)) out.push(...walk(root, name));
    } else out.push(name);
  }
  return out;
}
