import type { SchemaProblem, SchemaProblemCode } from '../core/errors.js';
import { messagesFor, type Language } from '../web/i18n.js';
import type { Messages } from '../web/messages/en.js';

// SPEC §14.2: a request the route's schema refuses names what was wrong, like any other VALIDATION
// answer. Fastify hands over Ajv's errors; each becomes a field (its property path, nested as
// `answers.0.answer`) and one of a few stable codes with a generic message.

/** The part of an Ajv error this reads. */
interface AjvError {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

const CODE_OF_KEYWORD: Record<string, SchemaProblemCode> = {
  required: 'required',
  type: 'type',
  maxLength: 'too_long',
  maxItems: 'too_long',
  maxProperties: 'too_long',
  minLength: 'too_short',
  minItems: 'too_short',
  minProperties: 'too_short',
  additionalProperties: 'unknown',
};

const MESSAGE_OF_CODE: Record<SchemaProblemCode, keyof Messages['schemaProblems']> = {
  required: 'required',
  type: 'type',
  too_long: 'tooLong',
  too_short: 'tooShort',
  invalid: 'invalid',
  unknown: 'unknown',
};

/** `/answers/0/answer` → `answers.0.answer` (JSON Pointer, RFC 6901). */
function fieldOf(instancePath: string, child: unknown): string {
  const segments = instancePath.split('/').slice(1);
  const names = segments.map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (typeof child === 'string') names.push(child);
  return names.join('.');
}

/** One problem per field, in Ajv's order; an error about the whole body (not an object at all) names no field. */
export function schemaProblemsOf(validation: unknown): SchemaProblem[] {
  if (!Array.isArray(validation)) return [];
  const problems: SchemaProblem[] = [];
  for (const error of validation as AjvError[]) {
    const child = error.params?.missingProperty ?? error.params?.additionalProperty;
    const field = fieldOf(error.instancePath ?? '', child);
    if (field === '' || problems.some((problem) => problem.field === field)) continue;
    // pattern, format, const, enum, anyOf (a union of literals), minimum, maximum: the value is not one the API takes.
    problems.push({ field, code: CODE_OF_KEYWORD[error.keyword ?? ''] ?? 'invalid' });
  }
  return problems;
}

export function schemaProblemMessage(language: Language, code: SchemaProblemCode): string {
  return messagesFor(language).schemaProblems[MESSAGE_OF_CODE[code]];
}
