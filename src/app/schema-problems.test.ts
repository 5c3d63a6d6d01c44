// SPEC §14.2: what a route's schema refuses becomes `fields` — Ajv's errors (as Fastify hands
// them over) mapped to the property path and a stable code.
import { describe, expect, it } from 'vitest';
import { schemaProblemMessage, schemaProblemsOf } from './schema-problems.js';

describe('schemaProblemsOf', () => {
  it('names a missing or unknown property by its path, nested as a.b', () => {
    expect(schemaProblemsOf([{ instancePath: '', keyword: 'required', params: { missingProperty: 'password' } }])).toEqual([{ field: 'password', code: 'required' }]);
    expect(schemaProblemsOf([{ instancePath: '/answers/1', keyword: 'required', params: { missingProperty: 'answer' } }])).toEqual([{ field: 'answers.1.answer', code: 'required' }]);
    expect(schemaProblemsOf([{ instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'surprise' } }])).toEqual([{ field: 'surprise', code: 'unknown' }]);
  });

  it('maps each keyword to its code', () => {
    const codeOf = (keyword: string) => schemaProblemsOf([{ instancePath: '/value', keyword, params: {} }])[0]?.code;
    expect(codeOf('type')).toBe('type');
    expect(codeOf('maxLength')).toBe('too_long');
    expect(codeOf('maxItems')).toBe('too_long');
    expect(codeOf('minLength')).toBe('too_short');
    expect(codeOf('minItems')).toBe('too_short');
    for (const keyword of ['pattern', 'format', 'const', 'enum', 'anyOf', 'minimum', 'maximum']) expect(codeOf(keyword), keyword).toBe('invalid');
  });

  it('gives one problem per field (a union of literals reports each branch), decodes JSON Pointer escapes, and names nothing for the whole body', () => {
    const union = ['const', 'const', 'anyOf'].map((keyword) => ({ instancePath: '/channel', keyword, params: {} }));
    expect(schemaProblemsOf(union)).toEqual([{ field: 'channel', code: 'invalid' }]);
    expect(schemaProblemsOf([{ instancePath: '/a~1b/c~0d', keyword: 'type', params: {} }])).toEqual([{ field: 'a/b.c~d', code: 'type' }]);
    expect(schemaProblemsOf([{ instancePath: '', keyword: 'type', params: { type: 'object' } }])).toEqual([]);
    expect(schemaProblemsOf(undefined)).toEqual([]);
  });

  it('has a message for each code in every language', () => {
    expect(schemaProblemMessage('en', 'required')).toBe('Enter a value for this field.');
    expect(schemaProblemMessage('fr-CA', 'too_long')).toBe('Cette valeur est trop longue.');
    expect(schemaProblemMessage('es-PR', 'unknown')).toBe('Este campo no se espera aquí. Quítelo.');
  });
});
