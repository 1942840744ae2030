// Answers about the API itself: the index of routes at `/` and the OpenAPI document.
import type { RouteContext, RouteOutcome } from './query-route';

export const OPENAPI_PATH = '/openapi.json';

export async function answerApiIndex(_request: unknown, context: RouteContext): Promise<RouteOutcome> {
  return {
    kind: 'item',
    body: {
      openapi: OPENAPI_PATH,
      routes: context.routes.map(({ method, path, summary }) => ({ method, path, summary })),
    },
  };
}

export async function answerOpenApiDocument(_request: unknown, context: RouteContext): Promise<RouteOutcome> {
  return { kind: 'item', body: context.openApiDocument() };
}
