import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// REG-5: the blocked list is zxcvbn-ts's ranked list of ~49,000 common passwords (MIT), which
// covers "the 10,000 most common" many times over. Compared case-insensitively.

let blocked: Set<string> | null = null;

function loadBlockedList(): Set<string> {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('@zxcvbn-ts/language-common/package.json');
  const list = JSON.parse(readFileSync(path.join(path.dirname(packageJson), 'src', 'passwords.json'), 'utf8')) as string[];
  return new Set(list.map((entry) => entry.toLowerCase()));
}

export function isBlockedPassword(password: string): boolean {
  blocked ??= loadBlockedList();
  return blocked.has(password.toLowerCase());
}

export function blockedPasswordCount(): number {
  blocked ??= loadBlockedList();
  return blocked.size;
}
