// Adapts the query service to Lambda: API Gateway HTTP API payload v2 events in (the shape Lambda
// function URLs send too), structured results out, with one log line and the catalog's metrics per
// request. Unexpected failures become a JSON 500, logged and counted.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SERVICE_NAMES } from '../observability/metric-catalog';
import { createTelemetry } from '../observability/telemetry';
import type { Telemetry } from '../observability/telemetry';
import { createDocumentClient, createDynamoDbClient } from '../store/dynamodb-client';
import { isStoreUnavailable } from '../store/dynamodb-errors';
import { IndexStore } from '../store/index-store';
import { errorReply, shortened, storeUnavailableReply } from './api-reply';
import { UNMATCHED_ROUTE } from './query-route';
import type { IndexReader } from './query-route';
import { SIGN_IN_ENVIRONMENT, signInSettingsFromEnv } from './sign-in-settings';
import type { SignInSettings } from './sign-in-settings';
import { createQueryReaders } from './query-readers';
import type { QueryReaders } from './query-readers';
import type { OpenApiOptions } from './openapi-document';
import { createQueryService } from './query-service';
import type { AnsweredRequest, ApiRequest } from './query-service';

export type QueryApiHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

export interface QueryApiOptions {
  store: IndexReader;
  /** Search, summary, change feed and snapshot runs (createQueryReaders over the same table). */
  readers: QueryReaders;
  telemetry?: Telemetry;
  /** HMAC key for cursors; deployments should set it (the built-in default is public). */
  cursorSecret?: string;
  /** The page's sign-in (deployed behind Cognito managed login); absent locally. */
  signIn?: SignInSettings;
  openApi?: OpenApiOptions;
}

export function createQueryApiHandler(options: QueryApiOptions): QueryApiHandler {
  const telemetry = options.telemetry ?? createTelemetry(SERVICE_NAMES.queryApi);
  const { logger } = telemetry;
  const service = createQueryService({
    store: options.store,
    readers: options.readers,
    cursorSecret: options.cursorSecret,
    signIn: options.signIn,
    openApi: options.openApi,
    log: logger,
  });

  return async (event) => {
    const started = performance.now();
    const request = requestOf(event);
    logger.appendKeys({ requestId: event.requestContext?.requestId });
    let answered: AnsweredRequest;
    try {
      answered = await service.answer(request);
    } catch (error) {
      const unavailable = isStoreUnavailable(error);
      if (unavailable) logger.warn('the store is unavailable', { error });
      else logger.error('request failed', { error });
      answered = {
        reply: unavailable
          ? storeUnavailableReply()
          : errorReply('internal_error', 'unexpected server error; it has been logged'),
        route: UNMATCHED_ROUTE,
        items: 0,
      };
    }
    const latency = performance.now() - started;
    const status = answered.reply.statusCode;
    const dimensions = { Route: answered.route };
    telemetry.record('requests', 1, dimensions);
    telemetry.record('requestLatency', latency, dimensions);
    telemetry.record('itemsReturned', answered.items, dimensions);
    if (status >= 400 && status < 500) telemetry.record('clientErrors', 1, dimensions);
    if (status >= 500) telemetry.record('serverErrors', 1, dimensions);
    logger.info('request', {
      route: answered.route,
      method: shortened(request.method, 16),
      path: shortened(request.path, 200),
      status,
      latencyMs: Math.round(latency),
      items: answered.items,
    });
    logger.resetKeys();
    telemetry.flush();
    return { ...answered.reply, isBase64Encoded: false };
  };
}

/**
 * The Lambda's own set-up: TABLE_NAME (required); DYNAMODB_ENDPOINT, CURSOR_SECRET, SIGN_IN_ISSUER
 * (the OpenID Connect issuer of the sign-in, for the OpenAPI document) and the page's sign-in
 * (SIGN_IN_DOMAIN_URL, SIGN_IN_CLIENT_ID, served at /config.json) optional.
 */
export function createQueryApiHandlerFromEnv(env: NodeJS.ProcessEnv): QueryApiHandler {
  const tableName = env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set: the query API needs the index table name');
  const client = createDocumentClient(createDynamoDbClient({ endpoint: env.DYNAMODB_ENDPOINT || undefined }));
  return createQueryApiHandler({
    store: new IndexStore({ client, tableName }),
    readers: createQueryReaders({ client, tableName }),
    cursorSecret: env.CURSOR_SECRET || undefined,
    signIn: signInSettingsFromEnv(env),
    openApi: { signInIssuer: env[SIGN_IN_ENVIRONMENT.issuer] || undefined },
  });
}

/**
 * API Gateway keeps a named stage in rawPath (`/prod/resources`); the `$default` stage and function
 * URLs do not. `rawQueryString` is kept as sent, so repeated parameters stay visible.
 */
function requestOf(event: APIGatewayProxyEventV2): ApiRequest {
  const stage = event.requestContext?.stage;
  let path = event.rawPath || '/';
  if (stage && stage !== '$default' && (path === `/${stage}` || path.startsWith(`/${stage}/`)))
    path = path.slice(stage.length + 1) || '/';
  return {
    method: event.requestContext?.http?.method ?? 'GET',
    path,
    rawQueryString: event.rawQueryString ?? '',
  };
}
