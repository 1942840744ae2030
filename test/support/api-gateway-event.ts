// An API Gateway HTTP API (payload v2) event, as the deployed `ANY /` and `ANY /{proxy+}` routes
// send it, for tests that call the query handler directly rather than through the HTTP adapter.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface ApiGatewayEventOptions {
  rawQueryString?: string;
  stage?: string;
  headers?: Record<string, string>;
  /** API Gateway sets `proxy` for `ANY /{proxy+}`; the decoded path without its leading slash. */
  withProxyParameter?: boolean;
}

export function apiGatewayEvent(
  rawPath: string,
  options: ApiGatewayEventOptions = {},
): APIGatewayProxyEventV2 {
  const routeKey = rawPath === '/' ? 'ANY /' : 'ANY /{proxy+}';
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: options.rawQueryString ?? '',
    headers: options.headers ?? {},
    isBase64Encoded: false,
    ...(options.withProxyParameter ? { pathParameters: { proxy: rawPath.slice(1) } } : {}),
    requestContext: {
      accountId: '111122223333',
      apiId: 'api',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: 'GET', path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'request-1',
      routeKey,
      stage: options.stage ?? '$default',
      time: '01/May/2024:10:00:00 +0000',
      timeEpoch: 1714557600000,
    },
  };
}
