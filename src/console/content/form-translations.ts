import { text, type FormValues } from './views/form-controls.js';

// HOME-3 in the console: each language's texts are controls named `<text>-<language>` (`title-fr-CA`).
// A language is sent when something was typed in it; a problem on `translations.N.<text>` goes
// to that language's control.

/** The languages among `candidates` with something typed in one of their `texts` (`always` is always one). */
export function typedLanguages(values: FormValues, candidates: readonly string[], texts: readonly string[], always?: string): string[] {
  return candidates.filter((language) => language === always || texts.some((name) => text(values, `${name}-${language}`).trim() !== ''));
}

/** The API's `translations` for those languages. */
export function translationsFromForm(values: FormValues, languages: readonly string[], texts: readonly string[]): Record<string, string>[] {
  return languages.map((language) => ({ language, ...Object.fromEntries(texts.map((name) => [name, text(values, `${name}-${language}`)])) }));
}

/** The control a problem belongs to: `translations.1.body` → `body-<the second language sent>`; other fields are their own control. */
export function translationControl(languages: readonly string[], texts: readonly string[]): (field: string) => string {
  const [first = ''] = texts;
  return (field) => {
    const match = /^translations\.(\d+)(?:\.(\w+))?$/.exec(field);
    const language = match ? languages[Number(match[1])] : undefined;
    if (match && language) return `${texts.includes(match[2] ?? '') ? match[2] : first}-${language}`;
    if (field === 'translations' && languages[0]) return `${first}-${languages[0]}`;
    return field.startsWith('translations') ? first : field;
  };
}
