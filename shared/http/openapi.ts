import * as z from 'zod/mini';
import { problem } from '../schemas/common.js';
import { type RouteSpec, routeList } from '../wiring.js';

type JsonSchema = Record<string, unknown>;

const ERROR_RESPONSES: Record<string, string> = {
  '400': 'The request is not valid: `errors` names each failing field',
  '401': 'No valid token',
  '403': 'The token may not do this',
  '404': 'No such record',
  '409': 'Not possible in the current state',
  '422': 'Against a rule of supervision, or an Idempotency-Key reused for another request',
  '501': 'Part of the contract, not built yet',
};

/** Named schemas (`described(schema, { id })`, shared/schemas/described.ts) end up here; routes refer to them. */
let components: Record<string, JsonSchema> = {};

/**
 * A zod schema as JSON Schema 2020-12 (what OpenAPI 3.1 uses). zod puts named sub-schemas in a local `$defs`;
 * in an OpenAPI document `#` is the document root, so they move to `components.schemas` and the refs follow.
 * Input and output shapes can differ (defaults), so a name taken by the other shape gets an `Input` suffix.
 */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const {
    $schema: _ignored,
    $defs,
    ...rest
  } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: io === 'output' ? openResponseObject : () => undefined,
  }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const renames: Record<string, string> = {};
  for (const [name, definition] of Object.entries($defs ?? {})) {
    let target = name;
    if (components[target] && JSON.stringify(components[target]) !== JSON.stringify(definition))
      target = `${name}Input`;
    renames[name] = target;
  }
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, inner]) =>
          key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')
            ? [key, `#/components/schemas/${renames[inner.slice(8)] ?? inner.slice(8)}`]
            : [key, rewrite(inner)],
        ),
      );
    }
    return value;
  };
  for (const [name, definition] of Object.entries($defs ?? {})) {
    components[renames[name] ?? name] = rewrite(definition) as JsonSchema;
  }
  return rewrite(rest) as JsonSchema;
}

/**
 * zod's output mode closes every plain object (`additionalProperties: false`), but a response names its minimum
 * fields (SPEC §4) and carries more (a project's open hazards, a notice's recipients…): a client validating against
 * a closed schema would reject every answer. Plain objects are left open; a strict one (`z.strictObject`) stays closed.
 */
function openResponseObject({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const def = (zodSchema as { _zod?: { def?: { type?: string; catchall?: unknown } } })._zod?.def;
  if (def?.type === 'object' && def.catchall === undefined && jsonSchema.additionalProperties === false) {
    delete jsonSchema.additionalProperties;
  }
}

/** Follow a `$ref` into the components (for reading parameters off a named object schema). */
function resolved(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  return typeof ref === 'string' ? (components[ref.replace('#/components/schemas/', '')] ?? schema) : schema;
}

/** Path or query parameters from an object schema, one OpenAPI parameter per field. */
function parameters(schema: z.ZodMiniType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = resolved(jsonSchema(schema, 'input')) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

function security(route: RouteSpec): JsonSchema[] {
  switch (route.access.kind) {
    case 'agency':
      return [{ agencyJwt: [] }];
    case 'upload':
      return [{ uploadToken: [] }];
    case 'assessment':
      return [{ assessmentToken: [] }];
    default:
      return [];
  }
}

function operation(route: RouteSpec & { operationId: string }): JsonSchema {
  const headers = route.idempotent
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'A retried request with the same key returns the first response and writes nothing twice.',
          schema: { type: 'string', maxLength: 128 },
        },
      ]
    : [];
  const successes = Object.fromEntries(
    [route.response, ...(route.response.alternatives ?? [])].map((response) => {
      const success: JsonSchema = { description: response.description ?? 'OK' };
      if (response.schema) {
        success.content = { 'application/json': { schema: jsonSchema(response.schema, 'output') } };
      }
      if (response.status >= 300 && response.status < 400) {
        success.headers = { Location: { required: true, schema: { type: 'string', format: 'uri' } } };
      }
      return [String(response.status), success];
    }),
  );
  const errors = Object.fromEntries(
    Object.entries(ERROR_RESPONSES)
      .filter(([status]) => route.access.kind !== 'public' || !['401', '403'].includes(status))
      .map(([status, description]) => [
        status,
        { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      ]),
  );
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.function],
    ...(route.access.kind === 'agency'
      ? { description: `Needs the role \`${route.access.role}\` (an officer can do everything an inspector can).` }
      : {}),
    security: security(route),
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query'), ...headers],
    ...(route.body
      ? {
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
        }
      : {}),
    responses: { ...successes, ...errors },
  };
}

/** The OpenAPI 3.1 document of the HTTP API, generated from the wiring table and its zod schemas. */
export function buildOpenApiDocument(serverUrl?: string): JsonSchema {
  components = {};
  const problemSchema = jsonSchema(problem, 'output');
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routeList) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, JsonSchema>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Differentiated supervision of construction-site safety (差别化监管)',
      version: '1.0.0',
      description:
        "Detect projects that fail one of six conditions, include them with a numbered notice, collect the units' reports, evaluate every case each month, escalate and release. Errors are application/problem+json (RFC 9457), in Chinese (Content-Language: zh-CN) unless the request's Accept-Language prefers English (en).",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    paths,
    components: {
      schemas: { ...components, ...(components.Problem ? {} : { Problem: problemSchema }) },
      securitySchemes: {
        agencyJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito access token; the role is in the `cognito:groups` claim (inspector, officer).',
        },
        uploadToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token of an upload link, scoped to one case and one unit.',
        },
        assessmentToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token of an assessment link (SPEC §6.2), scoped to one project and one unit.',
        },
      },
    },
  };
}
