import type { FastifySchema } from 'fastify';

// SPEC §14.2: the JSON API documented as OpenAPI 3.1, built from the route table itself so the
// document cannot drift from the routes. Request schemas are the TypeBox (JSON Schema) ones the
// routes validate with; every operation lists the SPEC's error answers.

export interface DocumentedRoute {
  method: string;
  url: string;
  schema?: FastifySchema;
  /** Guarded routes need the session cookie. */
  guarded: boolean;
  /** A non-JSON body (the roster's CSV), documented without a validating schema. */
  body?: DocumentedBody;
}

export interface DocumentedBody {
  contentType: string;
  schema: Record<string, unknown>;
}

const API_PREFIX = '/api/v1';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: [
            'VALIDATION', 'INVALID_CREDENTIALS', 'UNAUTHENTICATED', 'INVALID_CODE', 'NOT_ELIGIBLE', 'FORBIDDEN', 'MFA_REQUIRED', 'NOT_FOUND',
            'FLOW_EXPIRED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'ACCOUNT_LOCKED', 'ACCOUNT_LOCKED_HELPDESK', 'RATE_LIMITED', 'UNAVAILABLE',
          ],
        },
        message: { type: 'string' },
        retryAfterSeconds: { type: 'integer', minimum: 0 },
        fields: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
};

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
        'Requests and answers are application/json (the roster upload takes text/csv). State-changing requests must come from the portal\'s own origin. Errors are {"error": {"code", "message", "retryAfterSeconds"?}}.',
    },
    servers: [{ url: API_PREFIX }],
    components: {
      schemas: { Error: ERROR_SCHEMA },
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
      '2XX': { description: 'Done; flow steps answer `{"next": …}`.' },
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
