// What a route of the query API is, as data: the router, the OpenAPI document and the metric `Route`
// dimension all read the same entries of the route table.
import type { IndexStore, PageKey } from '../store/index-store';
import type { ApiSchemaName } from './api-schemas';
import type { ParsedQuery } from './parse-route-query';
import type { ParameterName, PathParameterValues } from './query-parameters';
import type { SignInSettings } from './sign-in-settings';
import type { QueryReaders } from './query-readers';

/** The store's read side: the query service never writes. */
export type IndexReader = Pick<
  IndexStore,
  'getResource' | 'getHistory' | 'listResources' | 'listStacks' | 'findStacksByName' | 'getStack'
>;

export interface RouteRequest {
  /** Decoded path parameters, as the route's path template names them. */
  path: Partial<PathParameterValues>;
  query: ParsedQuery;
  /** The page key of a verified cursor; absent on a first page. */
  after?: PageKey;
}

export interface RouteContext {
  store: IndexReader;
  readers: QueryReaders;
  routes: readonly QueryRoute[];
  openApiDocument(): Record<string, unknown>;
  /** The page's sign-in when deployed behind one (absent locally). */
  signIn?: SignInSettings;
}

export type RouteOutcome =
  /** `next` present exactly while more items may follow; the service turns it into `nextCursor`. */
  | { kind: 'page'; items: Record<string, unknown>[]; next?: PageKey }
  | { kind: 'item'; body: Record<string, unknown> }
  /** A non-JSON body (for a web page route). */
  | { kind: 'content'; contentType: string; body: string; headers?: Readonly<Record<string, string>> }
  | { kind: 'not-found'; message: string };

export interface QueryRoute {
  method: 'GET';
  /** OpenAPI path template; a `{parameter}` may span several segments when a gateway decoded %2F. */
  path: string;
  operationId: string;
  summary: string;
  description: string;
  queryParameters: readonly ParameterName[];
  /** Accepts `tag.<Key>=<Value>` filters. */
  tagFilters: boolean;
  response: { description: string; schema: ApiSchemaName; contentType?: string };
  /** Pages this route can also render as CSV / JSON Lines (`format`), with X-Next-Cursor. */
  exportable?: boolean;
  answer(request: RouteRequest, context: RouteContext): Promise<RouteOutcome>;
}

/** The route's name in metrics and logs, e.g. `GET /resources/{id}`. */
export function routeKey(route: Pick<QueryRoute, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** Metric dimension value for requests no route matched (unknown path or wrong method). */
export const UNMATCHED_ROUTE = 'unmatched';
