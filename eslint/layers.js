// The layer rules of DESIGN.md §2 ("Layers are kept by lint rules, not by memory"), as a small local
// ESLint plugin so each rule has a name that says what it keeps. Which files a rule covers is set in
// eslint.config.js; what a file may import is decided here, from the path of the import alone.
import path from 'node:path';

const ROOT = path.dirname(path.dirname(new URL(import.meta.url).pathname));

/** Where a file lives: `src/<layer>`, `test/support`, `test`, `bench` or `other`. */
export function layerOf(file) {
  const parts = path.relative(ROOT, file).split(path.sep);
  if (parts[0] === 'src') return parts.length === 2 ? 'src/main' : `src/${parts[1]}`;
  if (parts[0] === 'test') return parts[1] === 'support' ? 'test/support' : 'test';
  return parts[0] === 'bench' ? 'bench' : 'other';
}

const isTestFile = (file) => /\.test\.tsx?$/.test(file) || layerOf(file).startsWith('test');

/** Calls `check(specifier, node, typeOnly)` for every import, re-export and dynamic import. */
function eachImport(context, check) {
  const visit = (node) => {
    if (node.source?.type !== 'Literal' || typeof node.source.value !== 'string') return;
    const typeOnly =
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
    check(node.source.value, node, typeOnly);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

/** The layer an import points at, for relative imports; undefined for packages. */
function targetLayer(context, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  return layerOf(path.resolve(path.dirname(context.filename), specifier));
}

const isPackage = (specifier, names) =>
  names.some((name) => specifier === name || specifier.startsWith(`${name}/`));

function rule(description, create) {
  return { meta: { type: 'problem', docs: { description }, schema: [], messages: { layer: '{{why}}' } }, create };
}

const report = (context, node, why) => context.report({ node, messageId: 'layer', data: { why } });

const STORAGE_BELOW = new Set(['src/storage', 'src/core', 'src/config', 'src/security']);
const FASTIFY_FILE = /(^|\/)(api|[\w-]+-api|pages|[\w-]+-pages)\.tsx?$/;
const QUERY_METHODS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
const TEST_PACKAGES = ['vitest', 'playwright-core', '@axe-core/playwright', 'smtp-server', 'mailparser', 'autocannon'];

export const rules = {
  'kysely-only-in-storage': rule('Kysely (the query layer) is imported only in src/storage.', (context) =>
    eachImport(context, (specifier, node) => {
      if (isPackage(specifier, ['kysely']) && layerOf(context.filename) !== 'src/storage')
        report(context, node, 'Kysely belongs to src/storage: add or use a repository there.');
    }),
  ),

  'drivers-only-in-storage': rule('The database drivers are opened only by src/storage.', (context) =>
    eachImport(context, (specifier, node) => {
      if (isPackage(specifier, ['pg', 'better-sqlite3']) && layerOf(context.filename) !== 'src/storage')
        report(context, node, 'Database drivers belong to src/storage.');
    }),
  ),

  'queries-only-in-storage': rule('Kysely queries are written only in src/storage.', (context) => ({
    MemberExpression(node) {
      if (node.property.type === 'Identifier' && QUERY_METHODS.has(node.property.name))
        report(context, node.property, `${node.property.name}() is a query: write it in a src/storage repository.`);
    },
  })),

  'fastify-only-in-app-api-pages': rule('Fastify is imported only in src/app and the api/pages files.', (context) =>
    eachImport(context, (specifier, node, typeOnly) => {
      if (!isPackage(specifier, ['fastify', '@fastify'])) return;
      const file = context.filename;
      if (layerOf(file) === 'src/app' || FASTIFY_FILE.test(file)) return;
      if (typeOnly && isTestFile(file)) return; // tests may name Fastify's types (the injected response)
      report(context, node, 'Fastify belongs to src/app and the api.ts/pages.tsx files; keep this module free of HTTP.');
    }),
  ),

  'console-only-from-app-and-cli': rule('src/console is reached only from src/app and src/cli.', (context) =>
    eachImport(context, (specifier, node) => {
      const from = layerOf(context.filename);
      if (targetLayer(context, specifier) !== 'src/console') return;
      if (['src/console', 'src/app', 'src/cli'].includes(from)) return;
      report(context, node, 'The console is a leaf: only src/app (routes) and src/cli (commands) may import it.');
    }),
  ),

  'storage-imports-no-upper-layer': rule('src/storage imports only storage, core, config and security.', (context) =>
    eachImport(context, (specifier, node) => {
      const target = targetLayer(context, specifier);
      if (isTestFile(context.filename) && target?.startsWith('test')) return; // its tests use the test kit
      if (target && !STORAGE_BELOW.has(target))
        report(context, node, `src/storage may not import ${target}: storage sits below it.`);
    }),
  ),

  'core-imports-neutral-types': rule('src/core imports nothing but types.', (context) =>
    eachImport(context, (specifier, node, typeOnly) => {
      if (targetLayer(context, specifier) === 'src/core' || typeOnly) return;
      report(context, node, 'src/core holds neutral types and AppError: import other layers as types only.');
    }),
  ),

  'test-code-only-in-tests': rule('Product code never imports test code or test tools.', (context) =>
    eachImport(context, (specifier, node) => {
      const target = targetLayer(context, specifier);
      if (target === 'test' || target === 'test/support' || isPackage(specifier, TEST_PACKAGES))
        report(context, node, 'Test code and test tools stay in tests.');
    }),
  ),
};

const plugin = { meta: { name: 'layers' }, rules };
const TESTS = ['src/**/*.test.ts', 'src/**/*.test.tsx'];

// Which files each rule covers. The rules cover the tests too, except test/support
// (the test kit opens databases and servers as an operator would) and bench/ (which measures
// the layers from outside). Why app/ and cli/ may import console/: docs/decisions.md.
export const layerConfigs = [
  {
    files: ['src/**/*.ts', 'src/**/*.tsx', 'test/**/*.ts'],
    ignores: ['test/support/**'],
    plugins: { layers: plugin },
    rules: {
      'layers/kysely-only-in-storage': 'error',
      'layers/fastify-only-in-app-api-pages': 'error',
      'layers/console-only-from-app-and-cli': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'layers/drivers-only-in-storage': 'error' },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [...TESTS, 'src/storage/**'],
    rules: { 'layers/queries-only-in-storage': 'error' },
  },
  { files: ['src/**/*.ts', 'src/**/*.tsx'], ignores: TESTS, rules: { 'layers/test-code-only-in-tests': 'error' } },
  { files: ['src/storage/**/*.ts'], rules: { 'layers/storage-imports-no-upper-layer': 'error' } },
  { files: ['src/core/**/*.ts'], rules: { 'layers/core-imports-neutral-types': 'error' } },
];
