// DESIGN.md §2: layers are kept by lint rules. Each rule of eslint/layers.js is tried the wrong way
// round (it must bite) and the right way (it must not), and the tree itself must keep every rule.
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerConfigs } from '../../eslint/layers.js';
const projectRoot = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({
  cwd: projectRoot,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, ...layerConfigs],
});

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${projectRoot}/${filePath}` });
  expect(result!.messages.filter((m) => !m.ruleId), 'parses').toEqual([]);
  return result!.messages.map((m) => m.ruleId!);
}

const cases: { file: string; code: string; breaks?: string }[] = [
  // Kysely only in storage; tests are covered, the test kit is not.
  { file: 'src/flows/login/flow.ts', code: "import { sql } from 'kysely';", breaks: 'layers/kysely-only-in-storage' },
  { file: 'src/flows/login/flow.ts', code: "export { sql } from 'kysely';", breaks: 'layers/kysely-only-in-storage' },
  { file: 'src/flows/login/flow.ts', code: "await import('kysely');", breaks: 'layers/kysely-only-in-storage' },
  { file: 'src/flows/login/login.api.test.ts', code: "import type { Kysely } from 'kysely';", breaks: 'layers/kysely-only-in-storage' },
  { file: 'test/operation/growth.test.ts', code: "import { sql } from 'kysely';", breaks: 'layers/kysely-only-in-storage' },
  { file: 'src/storage/repositories/accounts.ts', code: "import { sql } from 'kysely';" },
  { file: 'test/support/databases.ts', code: "import { sql } from 'kysely';" },
  // Queries are written in storage.
  { file: 'src/identity/find.ts', code: "db.selectFrom('accounts').selectAll();", breaks: 'layers/queries-only-in-storage' },
  { file: 'src/console/queue/retry.ts', code: "tx.updateTable('messages').set({});", breaks: 'layers/queries-only-in-storage' },
  { file: 'src/storage/repositories/messages.ts', code: "db.deleteFrom('messages');" },
  // Drivers are storage's.
  { file: 'src/cli/backup.ts', code: "import SQLite from 'better-sqlite3';", breaks: 'layers/drivers-only-in-storage' },
  { file: 'src/identity/x.ts', code: "import pg from 'pg';", breaks: 'layers/drivers-only-in-storage' },
  { file: 'src/storage/database.ts', code: "import pg from 'pg';" },
  // Fastify in app/ and the api/pages files; tests may name its types.
  { file: 'src/flows/recovery/link-guard.ts', code: "import type { FastifyRequest } from 'fastify';", breaks: 'layers/fastify-only-in-app-api-pages' },
  { file: 'src/identity/x.ts', code: "import cookie from '@fastify/cookie';", breaks: 'layers/fastify-only-in-app-api-pages' },
  { file: 'src/flows/login/login.api.test.ts', code: "import Fastify from 'fastify';", breaks: 'layers/fastify-only-in-app-api-pages' },
  { file: 'src/flows/login/login.api.test.ts', code: "import type { LightMyRequestResponse } from 'fastify';" },
  { file: 'src/flows/recovery/api.ts', code: "import type { FastifyInstance } from 'fastify';" },
  { file: 'src/flows/settings/mfa-pages.tsx', code: "import type { FastifyReply } from 'fastify';" },
  { file: 'src/console/queue/messages-api.ts', code: "import type { FastifyInstance } from 'fastify';" },
  { file: 'src/app/guards.ts', code: "import type { FastifyRequest } from 'fastify';" },
  // The console is reached from app/ and cli/ only.
  { file: 'src/flows/help/flow.ts', code: "import { queue } from '../../console/help-requests/queue.js';", breaks: 'layers/console-only-from-app-and-cli' },
  { file: 'src/flows/help/help.api.test.ts', code: "import { queue } from '../../console/help-requests/queue.js';", breaks: 'layers/console-only-from-app-and-cli' },
  { file: 'test/e2e/console.e2e.test.ts', code: "import { queue } from '../../src/console/help-requests/queue.js';", breaks: 'layers/console-only-from-app-and-cli' },
  { file: 'src/app/routes.ts', code: "import { queue } from '../console/help-requests/queue.js';" },
  { file: 'src/cli/unlock.ts', code: "import { unlock } from '../console/helpdesk/unlock.js';" },
  { file: 'src/console/audit/audit-api.ts', code: "import { search } from '../helpdesk/search.js';" },
  // Storage sits below the flows; its tests may use the test kit.
  { file: 'src/storage/repositories/flows.ts', code: "import { startFlow } from '../../flows/flow-store.js';", breaks: 'layers/storage-imports-no-upper-layer' },
  { file: 'src/storage/repositories/x.test.ts', code: "import { createSession } from '../../session/session-store.js';", breaks: 'layers/storage-imports-no-upper-layer' },
  { file: 'src/storage/purge-expired.ts', code: "import { DAY } from '../security/clock.js';" },
  { file: 'src/storage/repositories/x.test.ts', code: "import { ENGINES } from '../../../test/support/databases.js';" },
  // Core holds neutral types.
  { file: 'src/core/deps.ts', code: "import { loadConfig } from '../config/load.js';", breaks: 'layers/core-imports-neutral-types' },
  { file: 'src/core/deps.ts', code: "import { z } from 'some-package';", breaks: 'layers/core-imports-neutral-types' },
  { file: 'src/core/deps.ts', code: "import type { Config } from '../config/config.js';" },
  { file: 'src/core/deps.ts', code: "import { type Clock } from '../security/clock.js';" },
  // Test code stays in tests.
  { file: 'src/flows/login/flow.ts', code: "import { FakeClock } from '../../../test/support/fake-clock.js';", breaks: 'layers/test-code-only-in-tests' },
  { file: 'src/security/clock.ts', code: "import { vi } from 'vitest';", breaks: 'layers/test-code-only-in-tests' },
  { file: 'src/flows/login/login.api.test.ts', code: "import { FakeClock } from '../../../test/support/fake-clock.js';" },
];

describe('the layer rules (eslint/layers.js)', () => {
  it.each(cases)('$file: $code → $breaks', async ({ file, code, breaks }) => {
    expect(await rulesBroken(file, code)).toEqual(breaks ? [breaks] : []);
  });

  it('hold across the tree, tests included', { timeout: 120_000 }, async () => {
    const results = await eslint.lintFiles(['src', 'test']);
    // Only the layer rules are configured here; other rules named in disable comments are ESLint's.
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId?.startsWith('layers/')).map((m) => `${r.filePath.slice(projectRoot.length + 1)}:${m.line} ${m.ruleId ?? m.message}`));
    expect(broken).toEqual([]);
    expect(results.length).toBeGreaterThan(300);
  });
});
