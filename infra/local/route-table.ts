import type { RouteSpec } from '../../shared/wiring.js';

/** A compiled route: its template split into literal and parameter segments. */
interface CompiledRoute<R extends RouteSpec> {
  route: R;
  routeKey: string;
  segments: Array<{ literal: string } | { parameter: string }>;
}

export type RouteMatch<R extends RouteSpec> =
  | { kind: 'route'; route: R; routeKey: string; pathParameters: Record<string, string> }
  /** the path exists, but not for this method */
  | { kind: 'method'; allowed: string[] }
  | { kind: 'none' };

/**
 * Match requests to the wiring table's routes as API Gateway HTTP APIs do: method and path template, a literal
 * segment winning over a parameter (`/v1/uploads/context` before `/v1/uploads/{documentId}`), path parameters
 * URL-decoded.
 */
export class RouteTable<R extends RouteSpec> {
  private readonly compiled: Array<CompiledRoute<R>>;

  constructor(routes: readonly R[]) {
    this.compiled = routes.map((route) => ({
      route,
      routeKey: `${route.method} ${route.path}`,
      segments: route.path
        .split('/')
        .slice(1)
        .map((segment) => {
          const parameter = /^\{(\w+)\}$/.exec(segment)?.[1];
          return parameter ? { parameter } : { literal: segment };
        }),
    }));
  }

  match(method: string, path: string): RouteMatch<R> {
    const parts = path.split('/').slice(1);
    const candidates: Array<{ compiled: CompiledRoute<R>; parameters: Record<string, string>; score: string }> = [];
    for (const compiled of this.compiled) {
      if (compiled.segments.length !== parts.length) continue;
      const parameters: Record<string, string> = {};
      let score = '';
      const matches = compiled.segments.every((segment, index) => {
        const part = parts[index] as string;
        if ('literal' in segment) {
          score += '1';
          return segment.literal === part;
        }
        score += '0';
        if (part === '') return false;
        try {
          parameters[segment.parameter] = decodeURIComponent(part);
        } catch {
          parameters[segment.parameter] = part;
        }
        return true;
      });
      if (matches) candidates.push({ compiled, parameters, score });
    }
    if (candidates.length === 0) return { kind: 'none' };
    // Most specific first: a literal earlier in the path beats a parameter there.
    candidates.sort((a, b) => b.score.localeCompare(a.score));
    const best = candidates.filter((c) => c.compiled.route.method === method);
    const chosen = best[0];
    if (!chosen) return { kind: 'method', allowed: [...new Set(candidates.map((c) => c.compiled.route.method))] };
    return {
      kind: 'route',
      route: chosen.compiled.route,
      routeKey: chosen.compiled.routeKey,
      pathParameters: chosen.parameters,
    };
  }
}
