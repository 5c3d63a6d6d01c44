// Issue 13: the README and the documentation name no file that is not in the repository. Every
// Markdown file of the repository is read; outside fenced code blocks, each relative link (and
// its #anchor, against the target's headings) and each backticked repository path must exist:
// a path under a top-level directory (`src/app/routes.ts`, `docs/portico.service`), a path
// relative to src/ as the notes write them (`flows/flow-store.ts`), or a top-level document
// (`CHANGELOG.md`). Links must not leave the repository, nor cite documents it does not hold
// ("SPEC §…"). External links are not fetched.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryFiles } from './repository-files.js';
import { PROJECT_ROOT } from '../support/run-cli.js';

const repo = repositoryFiles(PROJECT_ROOT);
const documents = [...repo.files].filter((file) => file.endsWith('.md') && !file.startsWith('node_modules/')).sort();
const topDirectories = new Set([...repo.directories].filter((dir) => !dir.includes('/')));
const srcDirectories = new Set([...repo.directories].filter((dir) => /^src\/[^/]+$/.test(dir)).map((dir) => dir.slice('src/'.length)));
const TOP_LEVEL_DOCUMENT = /^([A-Z][A-Z0-9_-]*\.md|LICENSE|Dockerfile|compose\.ya?ml|\.dockerignore|package(-lock)?\.json|tsconfig(\.[\w-]+)?\.json|vitest\.config\.ts)$/;

interface Place {
  file: string;
  line: number;
}

interface Reference extends Place {
  text: string;
}

/** The document's lines, fenced code blocks and HTML comments blanked (line numbers kept). */
function proseLines(text: string): string[] {
  let fenced = false;
  return text
    .replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ''))
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line;
    });
}

/** GitHub's anchors for the document's headings (and explicit `<a id>`/`<a name>` anchors). */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1]!);
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const words = heading[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(words) ?? 0;
    seen.set(words, count + 1);
    anchors.add(count === 0 ? words : `${words}-${count}`);
  }
  return anchors;
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOfFile(file: string): Set<string> {
  let anchors = anchorCache.get(file);
  if (!anchors) {
    anchors = anchorsOf(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));
    anchorCache.set(file, anchors);
  }
  return anchors;
}

function scan(file: string): { links: Reference[]; codeSpans: Reference[]; citations: Reference[] } {
  const links: Reference[] = [];
  const codeSpans: Reference[] = [];
  const citations: Reference[] = [];
  proseLines(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')).forEach((raw, index) => {
    const line = index + 1;
    let rest = raw.replace(/`([^`]+)`/g, (_span, inner: string) => {
      codeSpans.push({ file, line, text: inner.trim() });
      return '``';
    });
    for (const match of rest.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) links.push({ file, line, text: match[1]! });
    const definition = /^\s*\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)/.exec(rest);
    if (definition) links.push({ file, line, text: definition[1]! });
    for (const match of rest.matchAll(/<(?:a|img)\s[^>]*(?:href|src)="([^"]+)"/g)) links.push({ file, line, text: match[1]! });
    rest = rest.replace(/\]\([^)]*\)/g, '](…)');
    for (const match of rest.matchAll(/\b(SPEC|DESIGN)(\.md)?\s*§\s*[\d.]+/g)) citations.push({ file, line, text: match[0] });
  });
  return { links, codeSpans, citations };
}

/** What is wrong with a link from `file`, or null. */
function checkLink(file: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null; // https:, mailto:, … are not fetched.
  const [pathPart = '', anchor] = target.split('#', 2) as [string, string | undefined];
  const decoded = decodeURIComponent(pathPart);
  const resolved = decoded === '' ? file : decoded.startsWith('/') ? decoded.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(file), decoded));
  if (resolved === '..' || resolved.startsWith('../')) return 'leaves the repository';
  if (!repo.has(resolved)) return 'names no file of the repository';
  if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOfFile(resolved).has(anchor)) return `has no heading for #${anchor} in ${resolved}`;
  return null;
}

/** The repository path a code span names, or null when it names none (a command, a setting, a file of an installation). */
export function repositoryPathOf(span: string): string | null {
  if (/[\s<>{}*…$|=:,;()'"\\]/.test(span) || span.startsWith('/') || span.startsWith('~')) return null;
  const clean = span.replace(/\/+$/, '');
  if (!clean.includes('/')) return TOP_LEVEL_DOCUMENT.test(clean) ? clean : null;
  const first = clean.split('/')[0]!;
  if (topDirectories.has(first) || first === '.ci') return clean;
  if (srcDirectories.has(first)) return `src/${clean}`;
  return null;
}

const scanned = documents.map((file) => ({ file, ...scan(file) }));

describe('the documentation names only what the repository holds', () => {
  it('reads the README and every document under docs/', () => {
    expect(documents).toContain('README.md');
    expect(documents.filter((file) => file.startsWith('docs/')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(scanned.map((entry) => [entry.file, entry] as const))('%s: every relative link and anchor resolves', (_file, entry) => {
    const broken = entry.links.flatMap((link) => {
      const problem = checkLink(link.file, link.text);
      return problem ? [`${link.file}:${link.line}: (${link.text}) ${problem}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it.each(scanned.map((entry) => [entry.file, entry] as const))('%s: every backticked repository path exists', (_file, entry) => {
    const missing = entry.codeSpans.flatMap((span) => {
      const named = repositoryPathOf(span.text);
      return named && !repo.has(named) ? [`${span.file}:${span.line}: \`${span.text}\` (${named}) is not in the repository`] : [];
    });
    expect(missing).toEqual([]);
  });

  it.each(scanned.map((entry) => [entry.file, entry] as const))('%s: cites no document the repository does not hold', (_file, entry) => {
    expect(entry.citations.map((citation) => `${citation.file}:${citation.line}: ${citation.text}`)).toEqual([]);
  });
});

describe('the checker itself', () => {
  it('tells repository paths from other code', () => {
    expect(repositoryPathOf('src/app/routes.ts')).toBe('src/app/routes.ts');
    expect(repositoryPathOf('docs/portico.service')).toBe('docs/portico.service');
    expect(repositoryPathOf('app/guards.ts')).toBe('src/app/guards.ts');
    expect(repositoryPathOf('CHANGELOG.md')).toBe('CHANGELOG.md');
    for (const other of ['data/portico.db', 'portico.config.json', 'PORTICO_SECRET', 'npm test', '/readyz', '/etc/portico/portico.env', 'sqlite:data/portico.db', 'src/methods/<method>/login.ts']) {
      expect(repositoryPathOf(other), other).toBeNull();
    }
  });

  it('finds a broken link, a missing anchor, a link out of the repository and a missing path', () => {
    expect(checkLink('README.md', 'docs/deployment.md')).toBeNull();
    expect(checkLink('docs/deployment.md', 'configuration.md#the-mail-url')).toBeNull();
    expect(checkLink('README.md', 'docs/no-such-guide.md')).toBe('names no file of the repository');
    expect(checkLink('docs/deployment.md', 'configuration.md#no-such-section')).toMatch(/no heading/);
    expect(checkLink('docs/deployment.md', '../../shared/SPEC.md')).toBe('leaves the repository');
    expect(checkLink('README.md', 'https://example.com/not-fetched')).toBeNull();
    expect(repo.has('src/no/such/file.ts')).toBe(false);
  });

  it('reads headings as GitHub makes their anchors', () => {
    const anchors = anchorsOf('# Title\n## 3. A reverse proxy with TLS\n## `portico doctor`\n```\n# not a heading\n```\n## Title\n');
    expect([...anchors]).toEqual(['title', '3-a-reverse-proxy-with-tls', 'portico-doctor', 'title-1']);
  });
});
