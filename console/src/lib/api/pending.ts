/**
 * SPEC §4 routes that other parts of the product are still building, typed from the SPEC until the wiring table has
 * them: the client (client.ts) prefers the generated type as soon as a route is in the OpenAPI document. None at
 * present: every route the console calls is typed from the document itself (schema.gen.ts). A route the console
 * needs before it is built gets its SPEC shape here.
 */
// biome-ignore lint/complexity/noBannedTypes: an empty set of paths, kept as the place for the next pending route
export type PendingPaths = {};
