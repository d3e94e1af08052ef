/**
 * SPEC §4 routes that other parts of the product are still building (the inspection report PDF), typed from the
 * SPEC until the wiring table has them: the client (client.ts) prefers the generated type as soon as a route is in
 * the OpenAPI document. Every other route the console calls is typed from the document itself (schema.gen.ts).
 */
type NoBody = { headers: Record<string, unknown>; content?: never };

type Parameters<Path> = { query?: never; header?: never; cookie?: never; path: Path };

export interface PendingPaths {
  '/v1/inspections/{inspectionId}/report': {
    get: {
      parameters: Parameters<{ inspectionId: string }>;
      requestBody?: never;
      responses: { 200: NoBody };
    };
  };
}
