import { describe, expect, it } from 'vitest';
import { RouteTable } from '../../../infra/local/route-table.js';
import { routeList } from '../../../shared/wiring.js';

const table = new RouteTable(routeList);

describe('RouteTable (API Gateway route selection)', () => {
  it('matches a template and decodes path parameters', () => {
    const match = table.match('GET', '/v1/projects/prj%5F01');
    expect(match).toMatchObject({
      kind: 'route',
      routeKey: 'GET /v1/projects/{projectId}',
      pathParameters: { projectId: 'prj_01' },
    });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(table.match('GET', '/v1/uploads/context')).toMatchObject({ routeKey: 'GET /v1/uploads/context' });
    expect(table.match('GET', '/v1/uploads/doc_1')).toMatchObject({ routeKey: 'GET /v1/uploads/{documentId}' });
  });

  it('tells a wrong method from an unknown path', () => {
    const wrongMethod = table.match('DELETE', '/v1/projects');
    expect(wrongMethod.kind).toBe('method');
    expect(wrongMethod.kind === 'method' && [...wrongMethod.allowed].sort()).toEqual(['GET', 'POST']);
    expect(table.match('GET', '/v1/nothing')).toEqual({ kind: 'none' });
    expect(table.match('GET', '/v1/projects/')).toEqual({ kind: 'none' });
  });

  it('routes every row of the wiring table to itself', () => {
    for (const route of routeList) {
      const path = route.path.replace(/\{\w+\}/g, 'x1');
      expect(table.match(route.method, path)).toMatchObject({
        kind: 'route',
        routeKey: `${route.method} ${route.path}`,
      });
    }
  });
});
