import type { FastifySchema } from 'fastify';
import { ERROR_STATUS } from '../core/errors.js';

// SPEC §14.2: the JSON API documented as OpenAPI 3.1, built from the route table itself so the
// document cannot drift from the routes. Request schemas are the TypeBox (JSON Schema) ones the
// routes validate with; every operation lists the SPEC's error answers; a list's answer is
// documented as `{items: [...]}` with its extra keys.

export interface DocumentedRoute {
  method: string;
  url: string;
  schema?: FastifySchema;
  /** Guarded routes need the session cookie. */
  guarded: boolean;
  /** A non-JSON body (the roster's CSV), documented without a validating schema. */
  body?: DocumentedBody;
  /** A list's 200 answer (`listOf`), for the document only: answers are not serialised through it. */
  list?: DocumentedList;
}

export type DocumentedList = Record<string, unknown>;

export interface DocumentedBody {
  contentType: string;
  schema: Record<string, unknown>;
}

const API_PREFIX = '/api/v1';

const FIELD_PROBLEM_SCHEMA = {
  type: 'object',
  required: ['field', 'code', 'message'],
  properties: {
    field: { type: 'string', description: 'The property path, nested as `answers.0.answer`.' },
    code: { type: 'string', description: 'Stable: `required`, `type`, `too_long`, `too_short`, `invalid`, `unknown` from the schema; otherwise the problem\'s own, e.g. `password_length`, `email_taken`.' },
    message: { type: 'string', description: "In the request's language." },
  },
};

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: [...Object.keys(ERROR_STATUS), 'INTERNAL'] },
        message: { type: 'string' },
        retryAfterSeconds: { type: 'integer', minimum: 0 },
        fields: { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } },
        rules: { type: 'array', items: { type: 'string' }, description: 'A new password: the rules it breaks.' },
        limits: { type: 'object', required: ['min', 'max'], properties: { min: { type: 'integer' }, max: { type: 'integer' } }, description: "A new password: the policy's length limits." },
      },
    },
  },
};

/** SPEC §14.2: every list answers `{items: [...]}`, with any extra keys beside it. */
export function listOf(item: Record<string, unknown> = { type: 'object' }, extra: Record<string, unknown> = {}): DocumentedList {
  return { type: 'object', required: ['items'], properties: { items: { type: 'array', items: item }, ...extra } };
}

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function buildOpenApiDocument(routes: readonly DocumentedRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (!route.url.startsWith(`${API_PREFIX}/`) || route.url === `${API_PREFIX}/openapi.json`) continue;
    const path = route.url.slice(API_PREFIX.length).replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Portico JSON API',
      version: '1.0.0',
      description:
        'Requests and answers are application/json (the roster upload takes text/csv). State-changing requests must come from the portal\'s own origin. Errors are {"error": {"code", "message", "retryAfterSeconds"?, "fields"?: [{"field", "code", "message"}]}}; lists are {"items": [...]} with any extra keys beside it.',
    },
    servers: [{ url: API_PREFIX }],
    components: {
      schemas: { Error: ERROR_SCHEMA, FieldProblem: FIELD_PROBLEM_SCHEMA },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'portico_session', description: 'Set by a successful sign-in (`__Host-portico_session` over https).' } },
    },
    paths,
  };
}

function operation(route: DocumentedRoute): Record<string, unknown> {
  const schema = route.schema ?? {};
  const parameters = [
    ...pathParameterNames(route.url).map((name) => ({ name, in: 'path', required: true, schema: propertyOf(schema.params, name) ?? { type: 'string' } })),
    ...Object.entries(propertiesOf(schema.querystring)).map(([name, value]) => ({ name, in: 'query', required: requiredOf(schema.querystring).includes(name), schema: value })),
  ];
  const body = route.body ?? (schema.body ? { contentType: 'application/json', schema: schema.body as Record<string, unknown> } : undefined);
  return {
    operationId: `${route.method.toLowerCase()}${route.url.slice(API_PREFIX.length).replace(/[/:{}-]+(\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: { [body.contentType]: { schema: plain(body.schema) } } } } : {}),
    ...(route.guarded ? { security: [{ session: [] }] } : {}),
    responses: {
      ...(route.list
        ? { '200': { description: 'The list, `items`, with any extra keys beside it.', content: { 'application/json': { schema: plain(route.list) } } } }
        : { '2XX': { description: 'Done; flow steps answer `{"next": …}`.' } }),
      '400': error('VALIDATION: the request does not match the schema or a field is wrong.'),
      ...(route.guarded ? { '401': error('UNAUTHENTICATED: no live session.'), '403': error('FORBIDDEN or MFA_REQUIRED.') } : {}),
      '404': error('NOT_FOUND'),
      '415': error('UNSUPPORTED_MEDIA_TYPE'),
      '429': error('RATE_LIMITED'),
    },
  };
}

function pathParameterNames(url: string): string[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, plain(v)]));
}

function propertyOf(schema: unknown, name: string): unknown {
  return propertiesOf(schema)[name];
}

function requiredOf(schema: unknown): string[] {
  return (schema as { required?: string[] } | undefined)?.required ?? [];
}

/** A JSON copy: drops TypeBox's symbol keys. */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
