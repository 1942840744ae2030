// Answers about the API itself: the OpenAPI document (it lists every route).
import type { RouteContext, RouteOutcome } from './query-route';

export const OPENAPI_PATH = '/openapi.json';

export async function answerOpenApiDocument(_request: unknown, context: RouteContext): Promise<RouteOutcome> {
  return { kind: 'item', body: context.openApiDocument() };
}
