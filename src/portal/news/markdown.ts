import MarkdownIt from 'markdown-it';
import { escapeHtml } from '../../web/escape-html.js';

// HOME-2: HR writes news in Markdown; it is rendered with no HTML pass-through (`html: false`
// escapes every tag), links only to web, mail and phone addresses or within the portal, and images
// shown as links (the CSP would block outside ones anyway). Headings move one level down, because
// the article's title is the page's only h1.

const SAFE_LINK = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
markdown.validateLink = (url: string) => SAFE_LINK.test(url.trim());

markdown.core.ruler.push('shift_headings', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  }
});

markdown.renderer.rules.image = (tokens, index) => {
  const token = tokens[index]!;
  const alt = escapeHtml(token.content || (token.attrGet('src') ?? ''));
  return `<a href="${escapeHtml(token.attrGet('src') ?? '')}" rel="noopener noreferrer">${alt}</a>`;
};

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index]!;
  if (/^https?:/i.test(token.attrGet('href') ?? '')) token.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, index, options);
};

/** Safe HTML for an article body. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}

// Every homepage shows the same few excerpts: each is parsed once (least recently used out first).
const excerpts = new Map<string, string>();
const EXCERPTS_KEPT = 200;

/** The first paragraph as plain text, cut at a word near `maxLength` (for lists and the homepage). */
export function plainExcerpt(source: string, maxLength = 180): string {
  const key = `${maxLength}:${source}`;
  let excerpt = excerpts.get(key);
  if (excerpt !== undefined) excerpts.delete(key);
  else excerpt = excerptOf(source, maxLength);
  excerpts.set(key, excerpt);
  if (excerpts.size > EXCERPTS_KEPT) excerpts.delete(excerpts.keys().next().value!);
  return excerpt;
}

function excerptOf(source: string, maxLength: number): string {
  const tokens = markdown.parse(source, {});
  const inline = tokens.find((token, i) => token.type === 'inline' && tokens[i - 1]?.type === 'paragraph_open');
  const text = (inline?.children ?? [])
    .filter((child) => child.type === 'text' || child.type === 'code_inline' || child.type === 'softbreak')
    .map((child) => (child.type === 'softbreak' ? ' ' : child.content))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
