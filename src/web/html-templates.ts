import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { escapeHtml } from './escape-html.js';

// Issue 14: the frame of every page (head, header, footer) is the same for every page of one
// language, path and kind of reader, apart from a few values (the title, the person's name, the
// form token). It is rendered once per such key into a template with slots, and each page only
// fills the slots, escaped. Rendering the frame was about 50 µs of every page.

/** Stands for a value that is filled per page; `\u0000` cannot come from a request or a message. */
export function slot(name: string): string {
  return `\u0000${name}\u0000`;
}

const SLOTS = /\u0000([a-zA-Z]+)\u0000/g;

/**
 * Templates rendered once per key (at most `limit`, the oldest out first: keys hold request paths)
 * and filled in one pass, so a value that looks like a slot stays text.
 */
export class HtmlTemplates {
  private readonly made = new Map<string, string>();

  constructor(private readonly limit = 500) {}

  render(key: string, make: () => VNode, values: Record<string, string>): string {
    let template = this.made.get(key);
    if (template === undefined) {
      template = renderToString(make());
      if (this.made.size >= this.limit) this.made.delete(this.made.keys().next().value!);
      this.made.set(key, template);
    }
    return template.replace(SLOTS, (whole, name: string) => (name in values ? escapeHtml(values[name]!) : whole));
  }
}
