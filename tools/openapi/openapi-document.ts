// The OpenAPI 3.1 reference of the HTTP API, built from the manifest (paths, methods, who may call)
// and each route's zod schemas (path, query and body in; the success body and status out), so it
// cannot drift from what the code accepts and answers, and a typed client can be generated from it.
// Schemas named with `.meta({ id })` become components; errors share one envelope.
import { z } from 'zod';
import type { HttpRoute } from './route-contracts.ts';

type JsonSchema = Record<string, unknown>;
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required: boolean; description?: string; schema: JsonSchema };

/** Named schemas met so far, by id: each route's `$defs`, hoisted to components.schemas. */
type Components = Map<string, JsonSchema>;

// Both directions as `input`: what the parser accepts is what is on the wire, and output mode would
// close every object (additionalProperties: false), which a response that gains a field must not be.
const toSchema = (schema: z.ZodType, components: Components): JsonSchema => {
  const converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  for (const [id, definition] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
    const known = components.get(id);
    if (known && JSON.stringify(known) !== JSON.stringify(definition)) throw new Error(`Two different schemas are named ${id}: give one another id`);
    components.set(id, definition);
  }
  return rest;
};

const parametersOf = (schema: z.ZodType | undefined, where: 'path' | 'query', components: Components): Parameter[] => {
  if (!schema) return [];
  const object = toSchema(schema, components) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
};

const IDEMPOTENCY_KEY = (required: boolean): Parameter => ({
  name: 'Idempotency-Key',
  in: 'header',
  required,
  description: 'Replays within 25 hours return the first response with `Idempotent-Replayed: true`.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
});

const ERROR_STATUSES = {
  '400': 'validation_failed (details: [{ path, message }]) or invalid_json',
  '401': 'unauthenticated',
  '403': 'forbidden, or quota_exceeded',
  '404': 'not_found, also for another tenant’s resources',
  '409': 'insufficient_stock, invalid_state, idempotency_key_reused, request_in_progress or already_exists',
  '422': 'a business rule refused the request',
  '429': 'rate_limited',
  '500': 'internal',
} as const;

const whoMayCall = (access: HttpRoute['access']): string =>
  access === 'public' ? 'Public: no token.' : access === 'signedIn' ? 'Any signed-in user.' : `Roles: ${access.join(', ')}.`;

const SUCCESS = { 200: 'OK', 201: 'Created', 202: 'Accepted' } as const;

const REPLAYED = {
  'Idempotent-Replayed': { description: '`true` when this is the first response to the same Idempotency-Key, replayed.', schema: { type: 'string', enum: ['true'] } },
};

/** The route's success response: its declared status and body schema. */
const successOf = (route: HttpRoute, components: Components) => {
  const { response, status = 200, idempotency } = route.contract;
  if (!response) throw new Error(`${route.name} (${route.method} ${route.path}) declares no response schema: give httpHandler its \`response\``);
  return {
    [String(status)]: {
      description: SUCCESS[status],
      ...(idempotency ? { headers: REPLAYED } : {}),
      content: { 'application/json': { schema: toSchema(response, components) } },
    },
  };
};

const operationOf = (route: HttpRoute, components: Components) => {
  const { contract } = route;
  const body = contract.body && { required: true, content: { 'application/json': { schema: toSchema(contract.body, components) } } };
  const file = !body && contract.rawBody?.length && { required: true, content: Object.fromEntries(contract.rawBody.map((type) => [type, { schema: { type: 'string' } }])) };
  const errors = Object.keys(ERROR_STATUSES).filter((status) => route.access !== 'public' || !['401', '403'].includes(status));
  return {
    operationId: route.name,
    summary: route.description,
    description: whoMayCall(route.access),
    ...(route.access === 'public' ? { security: [] } : {}),
    'x-roles': route.access,
    parameters: [
      ...parametersOf(contract.path, 'path', components),
      ...parametersOf(contract.query, 'query', components),
      ...(contract.idempotency ? [IDEMPOTENCY_KEY(contract.idempotency === 'required')] : []),
    ],
    ...(body || file ? { requestBody: body || file } : {}),
    responses: {
      ...successOf(route, components),
      ...Object.fromEntries(errors.map((status) => [status, { $ref: `#/components/responses/Error${status}` }])),
    },
  };
};

export const openApiDocument = (routes: readonly HttpRoute[]) => {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Components = new Map();
  for (const route of [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method)))
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route, components);
  const error = {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'requestId'],
        properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: {} }, requestId: { type: 'string' } },
      },
    },
  };
  if (components.has('Error')) throw new Error('The schema id Error is the error envelope’s: name the route schema otherwise');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Storefleet API',
      version: 'v1',
      description: 'Generated by `npm run openapi` from infra/manifest.ts and the routes’ zod schemas. The contract in prose is API.md.',
    },
    servers: [{ url: 'http://localhost:3000', description: 'npm start' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ...Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b))), Error: error },
      responses: Object.fromEntries(
        Object.entries(ERROR_STATUSES).map(([status, codes]) => [
          `Error${status}`,
          { description: codes, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
      ),
    },
  };
};
