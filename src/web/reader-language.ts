// HOME-1..3: HR's content in the reader's language. News keeps every language as a translation;
// tasks, reviews and benefit plans keep English in their own fields and the other languages as
// translations. Either way the reader gets their language, else English, and a page marks text
// shown in another language than its own with `lang` (WCAG 3.1.2).

/** Some text in one language. */
export interface InLanguage {
  language: string;
}

/** The text in the reader's language, else English, else the first one given. */
export function pickLanguage<T extends InLanguage>(texts: readonly T[], language: string): T {
  return texts.find((t) => t.language === language) ?? texts.find((t) => t.language === 'en') ?? texts[0]!;
}

/**
 * An item whose own fields are its English text, with those fields in the reader's language when
 * it has a translation in it; `language` says which language the fields are now in.
 */
export function inReaderLanguage<Text extends InLanguage, Item extends { translations: readonly Text[] }>(item: Item, language: string): Item & InLanguage {
  const chosen = item.translations.find((t) => t.language === language);
  return { ...item, ...chosen, language: chosen?.language ?? 'en' };
}

/** The `lang` attribute for text in `textLanguage` on a page in `pageLanguage`: only when they differ. */
export function langAttribute(textLanguage: string, pageLanguage: string): string | undefined {
  return textLanguage === pageLanguage ? undefined : textLanguage;
}
