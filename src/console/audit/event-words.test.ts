// AUDIT-2: every event name the code records reads as words in every language, and a name the
// catalogue does not know yet still reads as words.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, messagesFor } from '../../web/i18n.js';
import { detailValue, eventWords } from './event-words.js';
import { AUDIT_EVENTS } from '../../audit/events.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/**
 * Every `'area.name'` literal of the source outside storage/ and the catalogues: event names are
 * often passed through variables, so this finds them where they are written. File names and column
 * references (`'a.employee_id'`) are not events.
 */
function recordedEventNames(): Set<string> {
  const names = new Set<string>();
  const root = path.resolve('src');
  for (const file of sourceFiles(root)) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    if (relative.startsWith('storage/') || relative.startsWith('web/messages/')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(/'([a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*)'/g)) {
      const name = match[1]!;
      if (/\.(css|svg|js|json|jsonl|db)$/.test(name) || /\.(?:.*_)?id(?:_|$)/.test(name)) continue;
      names.add(name);
    }
  }
  return names;
}

describe('audit event words', () => {
  it('has an entry for every recorded event name in every language', () => {
    const names = recordedEventNames();
    expect(names.size).toBeGreaterThan(20);
    for (const language of LANGUAGES) {
      const events = messagesFor(language).console.auditLog.events;
      const missing = [...names].filter((name) => !events[name]);
      expect(missing, language).toEqual([]);
      expect(Object.keys(events).sort(), language).toEqual([...AUDIT_EVENTS].sort());
    }
  });

  it('reads an unknown event as words, and detail values without raw JSON', () => {
    const t = messagesFor('en');
    expect(eventWords(t, 'helper.thing_done')).toBe('Helper: thing done');
    expect(eventWords(t, 'pin.issued')).toBe('PIN issued');
    expect(eventWords(messagesFor('fr-CA'), 'pin.issued')).toBe('NIP émis');
    expect(detailValue(t, true)).toBe('Yes');
    expect(detailValue(t, { channel: 'email' })).toBe('Channel: email');
  });
});
