// Lambda entry of the query API: API Gateway HTTP API (payload v2) or function URL events in, JSON
// replies out. Everything but reading the environment lives in shared/query.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createQueryApiHandler, createQueryApiHandlerFromEnv } from '../shared/query/query-api-handler';
import type { QueryApiHandler } from '../shared/query/query-api-handler';

/** For the local runtime and tests: the same handler over a store they provide. */
export { createQueryApiHandler };

let built: QueryApiHandler | undefined;

/** Built on first use from TABLE_NAME (required), DYNAMODB_ENDPOINT and CURSOR_SECRET (optional). */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  built ??= createQueryApiHandlerFromEnv(process.env);
  return built(event);
}
