import type { ComponentChildren } from 'preact';
import { langAttribute } from '../reader-language.js';

// HOME-1..3: HR's text inside a page, marked with `lang` when it is not in the page's language.

/** `text` as written in `language`; a span with `lang` only when that is not `page`, else the bare text. */
export function InLanguage({ text, language, page }: { text: string; language: string; page: string }) {
  const lang = langAttribute(language, page);
  return lang ? <span lang={lang}>{text}</span> : <>{text}</>;
}

/** A one-argument message with its argument rendered as `value`, so that the argument can carry its own `lang`. */
export function withSlot(message: (argument: string) => string, value: ComponentChildren): ComponentChildren {
  const [before = '', after = ''] = message('\u0000').split('\u0000');
  return (
    <>
      {before}
      {value}
      {after}
    </>
  );
}
