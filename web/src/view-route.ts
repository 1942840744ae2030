// Which view the page shows, kept in the URL's hash so every view (filters included) can be shared
// as a link and survives a reload. The hash never reaches the server, so the page route stays `/`.
// Forms: `#/resources?<API filters and sort>`, `#/resource/<encoded id>`, `#/stacks?status=...`,
// `#/metrics?minutes=...`.

export type ViewRoute =
  | { view: 'resources'; query: URLSearchParams }
  | { view: 'resource'; id: string }
  | { view: 'stacks'; query: URLSearchParams }
  | { view: 'metrics'; query: URLSearchParams };

export function readRoute(hash: string): ViewRoute {
  const text = hash.replace(/^#\/?/, '');
  const queryAt = text.indexOf('?');
  const path = queryAt < 0 ? text : text.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : text.slice(queryAt + 1));
  if (path.startsWith('resource/')) {
    const id = decoded(path.slice('resource/'.length));
    if (id) return { view: 'resource', id };
  }
  if (path === 'stacks') return { view: 'stacks', query };
  if (path === 'metrics') return { view: 'metrics', query };
  return { view: 'resources', query };
}

export function hrefOf(route: ViewRoute): string {
  switch (route.view) {
    case 'resource':
      return `#/resource/${encodeURIComponent(route.id)}`;
    case 'resources':
    case 'stacks':
    case 'metrics':
      return route.query.size > 0 ? `#/${route.view}?${route.query}` : `#/${route.view}`;
  }
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
