// Matches request paths to the manifest's HTTP routes the way API Gateway does: literal segments
// first, `{name}` captures one segment, `{name+}` captures the rest.
import type { HttpAccess, Manifest } from '../infra/manifest-schema.ts';

export type Route = { functionName: string; method: string; path: string; routeKey: string; access: HttpAccess; pattern: RegExp; params: string[]; literalLength: number };

const escape = (s: string): string => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

const compile = (path: string): { pattern: RegExp; params: string[]; literalLength: number } => {
  const params: string[] = [];
  let literalLength = 0;
  const source = path.replace(/\{(\w+)(\+?)\}|[^{]+/g, (part, name: string | undefined, greedy: string) => {
    if (!name) {
      literalLength += part.length;
      return escape(part);
    }
    params.push(name);
    return greedy ? '(.+)' : '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), params, literalLength };
};

export const routesOf = (manifest: Manifest): Route[] =>
  Object.entries(manifest.functions)
    .flatMap(([functionName, spec]) => {
      const t = spec.trigger;
      if (t.type !== 'http') return [];
      return [{ functionName, method: t.method, path: t.path, routeKey: `${t.method} ${t.path}`, access: t.access, ...compile(t.path) }];
    })
    // The most specific route wins, as in API Gateway.
    .sort((a, b) => b.literalLength - a.literalLength);

export const matchRoute = (routes: readonly Route[], method: string, path: string) => {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const pathParameters = Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
    return { route, pathParameters };
  }
  return undefined;
};
