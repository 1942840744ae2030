// A local stand-in for API Gateway's HTTP API: node:http requests become payload v2 events, as the
// deployed API's `ANY /` and `ANY /{proxy+}` routes send them, and the handler's result becomes the
// response, so the local runtime and tests run the very handler code Lambda runs. Binds to 127.0.0.1
// unless told otherwise, answers only a local Host header, and takes no request body (no route uses one).
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { hostRefusal, isAllowedHost } from './host-check';
import type { HostPolicy } from './host-check';

export type LocalHttpHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

export interface LocalHttpApiOptions {
  handler: LocalHttpHandler;
  /** 0 or absent: a free port chosen by the OS. */
  port?: number;
  host?: string;
  /** One more Host name to answer besides the loopback names (see host-check.ts). */
  allowedHost?: string;
}

export interface LocalHttpApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startLocalHttpApi(options: LocalHttpApiOptions): Promise<LocalHttpApi> {
  const host = options.host ?? '127.0.0.1';
  // Node answers a bare 431 above 16 KiB of request line and headers; a larger allowance lets the
  // handler judge long parameters itself and answer with its JSON error.
  const policy: HostPolicy = { port: 0, allowedHost: options.allowedHost };
  const server = createServer({ maxHeaderSize: 64 * 1024 }, (request, response) => {
    if (!isAllowedHost(request.headers.host, policy)) {
      refuse(request, response, 403, 'forbidden_host', hostRefusal(request.headers.host, policy));
      return;
    }
    if (hasBody(request)) {
      // Answered from the headers alone: the body is never read, so its size costs no memory.
      refuse(request, response, 413, 'payload_too_large', 'this API takes no request body');
      return;
    }
    serve(options.handler, request, response).catch((error: unknown) => {
      // Only a failure to write the response lands here; the handler's own failures are answered.
      console.error('local HTTP API could not answer', error);
      response.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  policy.port = port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

/** A request with a body announces it by Content-Length (above 0) or Transfer-Encoding. */
function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (
    (length !== undefined && length.trim() !== '0') || request.headers['transfer-encoding'] !== undefined
  );
}

/**
 * A local refusal in the API's error shape. The connection is closed after it, so an unread body is
 * dropped with the socket instead of being read.
 */
function refuse(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  const body = JSON.stringify({ error: { code, message } });
  response.shouldKeepAlive = false;
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    connection: 'close',
  });
  response.end(body, () => request.socket.destroy());
}

async function serve(handler: LocalHttpHandler, request: IncomingMessage, response: ServerResponse) {
  const event = toEvent(request);
  let result: APIGatewayProxyResultV2;
  try {
    result = await handler(event);
  } catch (error) {
    // API Gateway's own answer when the integration fails.
    console.error('handler failed', error);
    writeResult(response, { statusCode: 500, body: JSON.stringify({ message: 'Internal Server Error' }) });
    return;
  }
  writeResult(response, result);
}

/**
 * The v2 event API Gateway builds for the routes `ANY /` and `ANY /{proxy+}` on the `$default` stage.
 * `rawPath` stays percent-encoded here (as function URLs deliver it); a deployed HTTP API decodes it,
 * and the query service accepts both.
 */
function toEvent(request: IncomingMessage): APIGatewayProxyEventV2 {
  const target = request.url ?? '/';
  const queryAt = target.indexOf('?');
  const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
  const rawQueryString = queryAt < 0 ? '' : target.slice(queryAt + 1).replace(/#.*$/, '');
  const headers = joinedHeaders(request.rawHeaders);
  const cookieHeader = headers.cookie;
  delete headers.cookie;
  const now = new Date();
  const method = request.method ?? 'GET';
  const proxy = rawPath.length > 1 ? decodedOrRaw(rawPath.slice(1)) : undefined;
  const routeKey = proxy === undefined ? 'ANY /' : 'ANY /{proxy+}';

  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookieHeader ? { cookies: cookieHeader.split(/;\s*/).filter((cookie) => cookie.length > 0) } : {}),
    headers,
    ...queryStringParameters(rawQueryString),
    ...(proxy === undefined ? {} : { pathParameters: { proxy } }),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0],
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: apiGatewayTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
}

/** Header names lower-cased; a repeated header's values joined with commas, as API Gateway does. */
function joinedHeaders(rawHeaders: string[]): Record<string, string> {
  const headers = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    const previous = headers.get(name);
    const separator = name === 'cookie' ? '; ' : ',';
    headers.set(
      name,
      previous === undefined ? rawHeaders[i + 1] : `${previous}${separator}${rawHeaders[i + 1]}`,
    );
  }
  return Object.fromEntries(headers);
}

/** Decoded values; a repeated parameter's values joined with commas; absent when there are none. */
function queryStringParameters(
  rawQueryString: string,
): Pick<APIGatewayProxyEventV2, 'queryStringParameters'> {
  const parameters = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const previous = parameters.get(name);
    parameters.set(name, previous === undefined ? value : `${previous},${value}`);
  }
  return parameters.size > 0 ? { queryStringParameters: Object.fromEntries(parameters) } : {};
}

function writeResult(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  // A bare string (or other value) is API Gateway's shorthand for a 200 JSON body.
  if (typeof result !== 'object' || result === null) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(typeof result === 'string' ? result : JSON.stringify(result));
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body = result.body ?? '';
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

function decodedOrRaw(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** API Gateway's `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
function apiGatewayTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
