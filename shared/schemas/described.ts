/**
 * Metadata on a schema for the OpenAPI document (`id`, `description`, `example`, `format`), as classic zod's
 * `.meta()` gave it: a copy of the schema carrying the metadata in zod's global registry, which
 * `z.toJSONSchema` reads (shared/http/openapi.ts); the schema passed in is left as it was, so a shared schema can
 * be described differently where it is used. Not `.check(z.meta(…))`: a check is copied with the schema into every
 * later refinement of it, and with it an `id`, which must name one schema only.
 */
import * as z from 'zod/mini';

export function described<S extends z.ZodMiniType>(schema: S, metadata: z.core.GlobalMeta): S {
  const copy = schema.clone();
  z.globalRegistry.add(copy, metadata);
  return copy;
}
