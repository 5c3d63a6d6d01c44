import type { ComponentChildren } from 'preact';
import { messagesFor, type Language } from '../../../web/i18n.js';

// HOME-3: one language's texts in a content form: a fieldset named by the language, with a hint
// (for the optional languages) tied to it.

export function LanguageFieldset({ language, hint, children }: { language: Language; hint: string | null; children: ComponentChildren }) {
  const hintId = `lang-${language}-hint`;
  return (
    <fieldset class="field" aria-describedby={hint ? hintId : undefined}>
      <legend>{messagesFor(language).languageName}</legend>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}
