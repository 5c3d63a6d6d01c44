// SPEC §14.2: the JSON API is documented as OpenAPI 3.1 at /api/v1/openapi.json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';

// Every operation the SPEC's API table names (method and OpenAPI path under /api/v1).
const SPEC_OPERATIONS = [
  'post /login', 'post /login/code/send', 'post /login/code', 'post /login/password', 'post /logout',
  'get /registration', 'post /registration/language', 'post /registration/terms', 'post /registration/contact', 'post /registration/contact/verify',
  'get /challenge-questions', 'post /registration/questions', 'post /registration/password',
  'post /recovery', 'post /recovery/{flowId}/link', 'post /recovery/link', 'post /recovery/{flowId}/code/send', 'post /recovery/{flowId}/code',
  'get /recovery/{flowId}/questions', 'post /recovery/{flowId}/questions', 'post /recovery/{flowId}/password',
  'get /me', 'post /me/password', 'put /me/contact', 'post /me/contact/verify', 'put /me/questions', 'put /me/language', 'put /me/mfa', 'post /me/mfa/totp',
  'get /me/sessions', 'delete /me/sessions/{id}', 'get /me/activity',
  'post /help-requests', 'get /admin/employees', 'get /admin/employees/{employeeId}', 'post /admin/employees/{employeeId}/unlock', 'post /admin/employees/{employeeId}/pin',
  'post /admin/employees/{employeeId}/reset-mfa', 'post /admin/employees/{employeeId}/end-sessions', 'post /admin/employees/{employeeId}/roles',
  'get /admin/help-requests', 'post /admin/help-requests/{id}/close', 'get /admin/audit', 'post /admin/roster',
  'get /news', 'get /news/{id}', 'get /tasks', 'post /tasks/{id}/done', 'get /reviews', 'post /reviews/{id}/acknowledge', 'get /benefits',
  'post /admin/news', 'post /admin/tasks', 'post /admin/reviews', 'post /admin/benefits',
];

describe('GET /api/v1/openapi.json', () => {
  let t: TestApp;
  let doc: { openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, Record<string, unknown>>>; components: { schemas: Record<string, unknown> } };
  beforeAll(async () => {
    t = await createTestApp();
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    doc = response.json();
  });
  afterAll(() => t.close());

  it('is an OpenAPI 3.1 document served under /api/v1 that lists every operation of the SPEC', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    for (const operation of SPEC_OPERATIONS) expect(operations).toContain(operation);
    expect(operations.every((operation) => !operation.includes(':'))).toBe(true);
  });

  it('carries the request schemas the routes validate with, path and query parameters, and session security', () => {
    const login = doc.paths['/login']!.post!;
    expect(login.requestBody).toMatchObject({ content: { 'application/json': { schema: { type: 'object', required: ['identifier', 'password'] } } } });
    expect(login.security).toBeUndefined();
    const link = doc.paths['/recovery/{flowId}/link']!.post!;
    expect(link.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'flowId', in: 'path', required: true })]));
    const search = doc.paths['/admin/employees']!.get!;
    expect(search.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'q', in: 'query' })]));
    expect(search.security).toEqual([{ session: [] }]);
    expect(doc.paths['/admin/roster']!.post!.requestBody).toMatchObject({ content: { 'text/csv': {} } });
    expect(doc.paths['/admin/news']!.post!.requestBody).toMatchObject({ content: { 'application/json': { schema: { type: 'object' } } } });
    expect(search.responses).toMatchObject({ '401': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } });
  });

  it('describes `fields` as a list of {field, code, message}, and the password answers\' rules and limits (SPEC §14.2)', () => {
    const error = doc.components.schemas.Error as { properties: { error: { properties: Record<string, Record<string, unknown>> } } };
    const properties = error.properties.error.properties;
    expect(properties.fields).toEqual({ type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } });
    expect(doc.components.schemas.FieldProblem).toMatchObject({
      type: 'object',
      required: ['field', 'code', 'message'],
      properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
    });
    expect(properties.rules).toMatchObject({ type: 'array' });
    expect(properties.limits).toMatchObject({ type: 'object', required: ['min', 'max'] });
    expect(properties.code!.enum).toEqual(expect.arrayContaining(['VALIDATION', 'CALLER_NOT_VERIFIED', 'UNAVAILABLE']));
  });

  it('shows every list\'s answer as {items: [...]} with its extra keys, and the questions as {id, text}', () => {
    const answer = (path: string) => (doc.paths[path]!.get!.responses as Record<string, { content: Record<string, { schema: Record<string, unknown> }> }>)['200']!.content['application/json']!.schema;
    for (const path of ['/tasks', '/reviews', '/me/sessions', '/me/activity', '/admin/employees', '/admin/help-requests']) {
      expect(answer(path), path).toMatchObject({ type: 'object', required: ['items'], properties: { items: { type: 'array' } } });
    }
    const question = { type: 'object', required: ['id', 'text'], properties: { id: { type: 'string' }, text: { type: 'string' } } };
    expect(answer('/challenge-questions')).toMatchObject({ properties: { items: { type: 'array', items: question } } });
    expect(answer('/recovery/{flowId}/questions')).toMatchObject({ properties: { items: { type: 'array', items: question } } });
    expect(answer('/benefits')).toMatchObject({ required: ['items'], properties: { items: { type: 'array' }, upcoming: { type: 'array' }, ended: { type: 'array' } } });
    expect(answer('/admin/audit')).toMatchObject({ required: ['items'], properties: { nextCursor: { type: ['string', 'null'] } } });
    // A single answer is not documented as a list.
    expect((doc.paths['/me']!.get!.responses as Record<string, unknown>)['200']).toBeUndefined();
  });
});
