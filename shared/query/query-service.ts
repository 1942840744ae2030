// The query service: resolves a request against the route table, validates path and query
// parameters, verifies and issues cursors, runs the route's answer and shapes the JSON reply.
// It knows nothing of Lambda; the handler and the local HTTP adapter feed it the same requests.
import type { Logger } from '@aws-lambda-powertools/logger';
import { errorReply, contentReply, jsonReply, quoted, shortened, storeUnavailableReply } from './api-reply';
import type { ApiReply } from './api-reply';
import { ForeignPageKeyError } from '../store/change-feed-reader';
import { createCursorCodec, filterBinding } from './cursor-codec';
import { buildOpenApiDocument } from './openapi-document';
import type { OpenApiOptions } from './openapi-document';
import { parseRouteQuery } from './parse-route-query';
import { PATH_PARAMETERS, isPathParameterName } from './query-parameters';
import type { PathParameterValues } from './query-parameters';
import { UNMATCHED_ROUTE, routeKey } from './query-route';
import type { IndexReader, QueryRoute, RouteContext, RouteRequest } from './query-route';
import type { QueryReaders } from './query-readers';
import { EXPORT_CONTENT_TYPES, renderExport } from './resource-export';
import { resolvePath } from './route-matcher';
import type { SignInSettings } from './sign-in-settings';
import type { RouteMatch } from './route-matcher';
import { QUERY_ROUTES } from './route-table';
import { isStoreUnavailable } from '../store/dynamodb-errors';

export interface ApiRequest {
  method: string;
  /** The path as received: percent-encoded (function URLs, the local adapter) or decoded (HTTP API). */
  path: string;
  rawQueryString: string;
}

export interface AnsweredRequest {
  reply: ApiReply;
  /** Route key for metrics, or `unmatched`. */
  route: string;
  /** Items in the reply (a page's items, 1 for a single item, 0 for errors). */
  items: number;
}

export interface QueryServiceOptions {
  store: IndexReader;
  readers: QueryReaders;
  /** HMAC key for cursors; the built-in default when absent (see DEFAULT_CURSOR_SECRET). */
  cursorSecret?: string;
  log: Pick<Logger, 'warn' | 'error'>;
  routes?: readonly QueryRoute[];
  /** The page's sign-in (deployed); served at /config.json and allowed by the page's CSP. */
  signIn?: SignInSettings;
  /** What the OpenAPI document says about the deployment (its sign-in). */
  openApi?: OpenApiOptions;
}

export interface QueryService {
  answer(request: ApiRequest): Promise<AnsweredRequest>;
}

export function createQueryService(options: QueryServiceOptions): QueryService {
  const routes = options.routes ?? QUERY_ROUTES;
  const cursors = createCursorCodec(options.cursorSecret);
  let openApi: Record<string, unknown> | undefined;
  const context: RouteContext = {
    store: options.store,
    readers: options.readers,
    routes,
    openApiDocument: () => (openApi ??= buildOpenApiDocument(routes, options.openApi)),
    signIn: options.signIn,
  };

  return {
    async answer(request) {
      const resolution = resolvePath(routes, request.method, request.path);
      if (resolution.kind === 'not-found') {
        const message = `no route for ${request.method} ${quoted(request.path)}; the routes are listed in /openapi.json`;
        return { reply: errorReply('not_found', message), route: UNMATCHED_ROUTE, items: 0 };
      }
      if (resolution.kind === 'method-not-allowed') {
        const allow = resolution.allow.join(', ');
        const message = `${shortened(request.method, 16)} is not allowed here; use ${allow}`;
        const reply = errorReply('method_not_allowed', message, undefined, { allow });
        return { reply, route: UNMATCHED_ROUTE, items: 0 };
      }
      // Several candidates only when a decoded path is ambiguous: the most specific one answers
      // unless it does not know the id and a less specific one does.
      const [first, ...others] = resolution.candidates;
      const answered = await answerRoute(first, request.rawQueryString);
      if (answered.reply.statusCode !== 404) return answered;
      for (const other of others) {
        const alternative = await answerRoute(other, request.rawQueryString);
        if (alternative.reply.statusCode === 200) return alternative;
      }
      return answered;
    },
  };

  async function answerRoute(
    match: RouteMatch<QueryRoute>,
    rawQueryString: string,
  ): Promise<AnsweredRequest> {
    const { route } = match;
    const key = routeKey(route);
    const done = (reply: ApiReply, items = 0): AnsweredRequest => ({ reply, route: key, items });

    const path: Partial<PathParameterValues> = {};
    for (const [name, value] of Object.entries(match.path)) {
      if (!isPathParameterName(name)) continue;
      const parsed = PATH_PARAMETERS[name].parse(value);
      if (!parsed.ok)
        return done(errorReply('invalid_parameter', `path parameter ${name} ${parsed.problem}`, name));
      path[name] = parsed.value;
    }
    const reading = parseRouteQuery(rawQueryString, route);
    if (!reading.ok) return done(reading.reply);
    // limit and format only shape the reply: a cursor works across them.
    const { cursor, limit: _limit, format = 'json', ...filters } = reading.query;
    const binding = filterBinding({ route: key, path, ...filters });
    const request: RouteRequest = { path, query: reading.query };
    if (cursor !== undefined) {
      const decoded = cursors.decode(cursor, binding);
      if (!decoded.ok) return done(cursorError(decoded.reason));
      request.after = decoded.key;
    }

    try {
      const outcome = await route.answer(request, context);
      switch (outcome.kind) {
        case 'page': {
          const nextCursor = outcome.next ? cursors.encode(outcome.next, binding) : null;
          if (format !== 'json') {
            const headers: Record<string, string> =
              nextCursor === null ? {} : { 'x-next-cursor': nextCursor };
            const body = renderExport(format, outcome.items);
            return done(contentReply(EXPORT_CONTENT_TYPES[format], body, headers), outcome.items.length);
          }
          return done(jsonReply({ items: outcome.items, nextCursor }), outcome.items.length);
        }
        case 'item':
          return done(jsonReply(outcome.body), 1);
        case 'content':
          return done(contentReply(outcome.contentType, outcome.body, outcome.headers), 1);
        case 'not-found':
          return done(errorReply('not_found', outcome.message));
      }
    } catch (error) {
      // Defence in depth: a verified cursor always fits its query, but one forged with the default
      // secret could point outside it, which DynamoDB refuses with a ValidationException.
      if (request.after && error instanceof ForeignPageKeyError) {
        options.log.warn('a verified cursor named another key space', { route: key, error });
        return done(cursorError('malformed'));
      }
      if (request.after && error instanceof Error && error.name === 'ValidationException') {
        options.log.warn('DynamoDB refused a cursor that passed verification', { route: key, error });
        return done(cursorError('malformed'));
      }
      if (isStoreUnavailable(error)) {
        options.log.warn('the store is unavailable', { route: key, error });
        return done(storeUnavailableReply());
      }
      options.log.error('query failed', { route: key, error });
      return done(errorReply('internal_error', 'unexpected server error; it has been logged'));
    }
  }
}

function cursorError(reason: 'malformed' | 'foreign'): ApiReply {
  const message =
    reason === 'foreign'
      ? 'cursor was made for other filters: repeat the request with the filters that returned it (only limit may change), or drop cursor to start over'
      : 'cursor is not one this API issued (malformed or altered): pass nextCursor back exactly as returned';
  return errorReply('invalid_cursor', message, 'cursor');
}
