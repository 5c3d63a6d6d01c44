import type { Messages } from '../../web/messages/en.js';

// AUDIT-2: event names, outcomes and detail keys in the agent's language. A name the catalogue
// does not know yet (a new event) still reads as words: "helper.thing_done" → "Helper: thing done".

function humanise(name: string): string {
  const words = name.replace(/[._-]+/g, ' ').trim();
  return words === '' ? name : words.charAt(0).toUpperCase() + words.slice(1);
}

export function eventWords(t: Messages, event: string): string {
  const known = t.console.auditLog.events[event];
  if (known) return known;
  const [area = '', ...rest] = event.split('.');
  return rest.length > 0 ? `${humanise(area)}: ${humanise(rest.join('.')).toLowerCase()}` : humanise(event);
}

export function outcomeWords(t: Messages, outcome: string): string {
  return t.console.auditLog.outcomes[outcome] ?? humanise(outcome);
}

export function detailLabel(t: Messages, key: string): string {
  return t.console.auditLog.details[key] ?? humanise(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
}

/** A detail value as text: booleans in words, everything else as stored (never raw JSON for objects). */
export function detailValue(t: Messages, value: unknown): string {
  if (value === true) return t.console.yes;
  if (value === false) return t.console.no;
  if (value === null || value === undefined) return t.console.none;
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${detailLabel(t, key)}: ${detailValue(t, inner)}`)
      .join('; ');
  }
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
