/**
 * The OpenAPI document as the `openapi` function serves it: generated at build time (`npm run build:openapi`)
 * from the wiring table's zod schemas into `functions/openapi/openapi.json`, so the function carries a JSON file
 * instead of zod, the wiring table and the DynamoDB client. The document says nothing of where it is served; the
 * function adds `servers` from its configuration.
 */
import { withShanghaiOffset } from '../domain/dates.js';
import { buildOpenApiDocument } from './openapi.js';

/** Where the generated document lives (beside the function that serves it). */
export const STATIC_OPENAPI_FILE = new URL('../../functions/openapi/openapi.json', import.meta.url);

/**
 * The document without `servers`, serialised as every API body is (instants shown in Asia/Shanghai, like
 * `jsonResponse` in api.ts), pretty-printed so a change of a schema reads as a small diff. What the generated file
 * must contain.
 */
export function openApiDocumentText(): string {
  const shanghaiInstants = (_key: string, value: unknown) =>
    typeof value === 'string' ? withShanghaiOffset(value) : value;
  return `${JSON.stringify(buildOpenApiDocument(), shanghaiInstants, 2)}\n`;
}
