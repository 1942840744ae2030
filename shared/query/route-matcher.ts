// Matches a request path against the route table's path templates. A `{parameter}` takes one
// percent-encoded segment, or several when a gateway has already decoded %2F (API Gateway HTTP APIs
// do); routes with more literal segments are tried first, so `/resources/a/b/history` is the history
// of `a/b` before it is the resource `a/b/history`.

export interface RouteMatch<R> {
  route: R;
  /** Decoded path parameter values by name. */
  path: Record<string, string>;
}

export type PathResolution<R> =
  | { kind: 'matched'; candidates: RouteMatch<R>[] }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

interface Template {
  literalsBefore: string[];
  parameter?: string;
  literalsAfter: string[];
}

export function resolvePath<R extends { method: string; path: string }>(
  routes: readonly R[],
  method: string,
  rawPath: string,
): PathResolution<R> {
  const segments = decodeSegments(rawPath);
  if (!segments) return { kind: 'not-found' };
  const matches: (RouteMatch<R> & { literals: number })[] = [];
  routes.forEach((route) => {
    const template = parseTemplate(route.path);
    const path = matchTemplate(template, segments);
    if (path)
      matches.push({ route, path, literals: template.literalsBefore.length + template.literalsAfter.length });
  });
  if (matches.length === 0) return { kind: 'not-found' };
  const forMethod = matches.filter((match) => match.route.method === method);
  if (forMethod.length === 0)
    return {
      kind: 'method-not-allowed',
      allow: [...new Set(matches.map((match) => match.route.method))].sort(),
    };
  // A stable sort keeps table order between equally specific routes.
  forMethod.sort((a, b) => b.literals - a.literals);
  return { kind: 'matched', candidates: forMethod.map(({ route, path }) => ({ route, path })) };
}

/** The `{name}`s of a path template. */
export function templateParameters(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
}

/** Segments of an absolute path, each percent-decoded; undefined when the path cannot be decoded. */
function decodeSegments(rawPath: string): string[] | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  try {
    return rawPath === '/' ? [] : rawPath.slice(1).split('/').map(decodeURIComponent);
  } catch {
    return undefined; // malformed percent-encoding: no route can match it
  }
}

function parseTemplate(path: string): Template {
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const at = parts.findIndex((part) => /^\{[^}]+\}$/.test(part));
  if (at < 0) return { literalsBefore: parts, literalsAfter: [] };
  return {
    literalsBefore: parts.slice(0, at),
    parameter: parts[at].slice(1, -1),
    literalsAfter: parts.slice(at + 1),
  };
}

function matchTemplate(template: Template, segments: string[]): Record<string, string> | undefined {
  const before = template.literalsBefore;
  const after = template.literalsAfter;
  if (template.parameter === undefined) {
    return segments.length === before.length && before.every((part, i) => segments[i] === part)
      ? {}
      : undefined;
  }
  const middle = segments.length - before.length - after.length;
  if (middle < 1) return undefined;
  if (!before.every((part, i) => segments[i] === part)) return undefined;
  if (!after.every((part, i) => segments[before.length + middle + i] === part)) return undefined;
  const value = segments.slice(before.length, before.length + middle).join('/');
  return value.length > 0 ? { [template.parameter]: value } : undefined;
}
