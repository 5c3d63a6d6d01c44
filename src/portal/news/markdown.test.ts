// HOME-2: news is HR's Markdown rendered safely — no HTML pass-through, and links only to web,
// mail and phone addresses or within the portal. Each payload below must come out harmless.
import { describe, expect, it } from 'vitest';
import { plainExcerpt, renderMarkdown } from './markdown.js';

/** Every href in the output. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/\bhref="([^"]*)"/g)].map((m) => m[1]!);
}

/** No element but the ones Markdown itself produces, and no event handler attribute. */
function expectNoDangerousMarkup(html: string): void {
  expect(html).not.toMatch(/<(script|img|iframe|object|embed|svg|style|form|input)\b/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  for (const href of hrefs(html)) {
    expect(href).not.toMatch(/^\s*(javascript|vbscript|data):/i);
    expect(href).not.toMatch(/^\s*\/\//);
  }
}

describe('renderMarkdown refuses what could run or leave the portal unannounced', () => {
  it.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['an image with onerror', '<img src=x onerror=alert(1)>'],
    ['a raw link to javascript:', '<a href="javascript:alert(1)">click</a>'],
    ['a Markdown link to javascript:', '[click](javascript:alert(1))'],
    ['mixed case javascript:', '[click](JaVaScRiPt:alert(1))'],
    ['entity-encoded javascript:', '[click](&#106;avascript:alert(1))'],
    ['hex-entity javascript:', '[click](&#x6A;avascript:alert(1))'],
    ['a javascript: reference link', '[click][r]\n\n[r]: javascript:alert(1)'],
    ['an autolink to javascript:', '<javascript:alert(1)>'],
    ['a data: link', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a data: image', '![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)'],
    ['a protocol-relative link', '[click](//evil.example/steal)'],
    ['an entity-encoded protocol-relative link', '[click](&#x2F;&#x2F;evil.example)'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['an svg with onload', '<svg onload=alert(1)></svg>'],
  ])('%s', (_name, source) => {
    const html = renderMarkdown(source);
    expectNoDangerousMarkup(html);
  });

  it('shows raw HTML as text, so the reader sees what was written', () => {
    expect(renderMarkdown('<script>alert(1)</script>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(renderMarkdown('<b>bold?</b>')).toContain('&lt;b&gt;bold?&lt;/b&gt;');
  });

  it('keeps no link at all for a refused address', () => {
    expect(hrefs(renderMarkdown('[click](javascript:alert(1))'))).toEqual([]);
    expect(hrefs(renderMarkdown('[click](data:text/html,hi)'))).toEqual([]);
    expect(hrefs(renderMarkdown('[click](//evil.example)'))).toEqual([]);
  });
});

describe('renderMarkdown renders what HR writes', () => {
  it('links, emphasis and lists', () => {
    const html = renderMarkdown('Read [the policy](https://intranet.example.com/policy) and [the FAQ](/help).\n\n*new* and **important**\n\n- one\n- two\n\n1. first\n2. second');
    expect(html).toContain('<a href="https://intranet.example.com/policy" rel="noopener noreferrer">the policy</a>');
    expect(html).toContain('<a href="/help">the FAQ</a>');
    expect(html).toContain('<em>new</em>');
    expect(html).toContain('<strong>important</strong>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>first<\/li>/);
  });

  it('mail and phone links', () => {
    expect(hrefs(renderMarkdown('[HR](mailto:hr@example.com) or [call](tel:+17875550100)'))).toEqual(['mailto:hr@example.com', 'tel:+17875550100']);
  });

  it('moves headings one level down, so the article title stays the only h1', () => {
    const html = renderMarkdown('# Big\n\n## Smaller\n\n###### Smallest');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<h2>Big</h2>');
    expect(html).toContain('<h3>Smaller</h3>');
    expect(html).toContain('<h6>Smallest</h6>');
  });

  it('plainExcerpt gives the first paragraph as text, cut at a word', () => {
    expect(plainExcerpt('# Title\n\nHello *there*, [friend](https://example.com).\n\nSecond paragraph.')).toBe('Hello there, friend.');
    const long = plainExcerpt(`${'word '.repeat(100)}end`, 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith('…')).toBe(true);
  });
});
