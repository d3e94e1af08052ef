import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../shared/http/openapi.js';
import { routeList } from '../../../shared/wiring.js';

describe('the OpenAPI document', () => {
  const document = buildOpenApiDocument('http://127.0.0.1:3000') as {
    openapi: string;
    paths: Record<
      string,
      Record<string, { operationId: string; requestBody?: unknown; responses: Record<string, unknown> }>
    >;
  };

  it('resolves every $ref inside the document', () => {
    const text = JSON.stringify(document);
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] as string);
    expect(refs.length).toBeGreaterThan(0);
    const components = (document as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    for (const ref of refs) {
      expect(ref.startsWith('#/components/schemas/'), ref).toBe(true);
      expect(components[ref.slice('#/components/schemas/'.length)], ref).toBeDefined();
    }
  });

  it('is OpenAPI 3.1 and has every route of the wiring table, built or not', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const route of routeList) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
      expect(Object.keys(operation?.responses ?? {})).toContain(String(route.response.status));
    }
  });

  it('describes request bodies from the zod schemas, with the constraints a client needs', () => {
    const register = document.paths['/v1/projects']?.post?.requestBody as {
      content: {
        'application/json': { schema: { properties: Record<string, { enum?: string[] }>; required: string[] } };
      };
    };
    const ref = (register.content['application/json'].schema as unknown as { $ref: string }).$ref;
    expect(ref).toBe('#/components/schemas/RegisterProject');
    const schema = (
      document as unknown as {
        components: { schemas: Record<string, (typeof register.content)['application/json']['schema']> };
      }
    ).components.schemas.RegisterProject as (typeof register.content)['application/json']['schema'];
    expect(schema.required).toEqual(
      expect.arrayContaining(['name', 'district', 'address', 'category', 'phase', 'units']),
    );
    expect(schema.properties.category?.enum).toEqual(['building', 'municipal', 'rail', 'housing']);
  });
});
