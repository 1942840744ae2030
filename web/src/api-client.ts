// The page's only way to the data: GET requests to the public HTTP API, resolved relative to where the
// page was served (so a gateway stage path or a signing proxy's prefix is kept), with every failure
// turned into an ApiError that says what the API (or the network) answered.

export type ApiFailure =
  /** The API (or a gateway in front of it) answered with an error status or a body that is not JSON. */
  | { kind: 'http'; status: number; code?: string; message: string; parameter?: string }
  | { kind: 'unreachable'; message: string };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
    this.name = 'ApiError';
  }
}

/** What a reply must look like: a type guard and its name for the error message. */
export interface Shape<T> {
  name: string;
  accepts(body: unknown): body is T;
}

export interface ApiClient {
  /**
   * `path` is relative (`resources`, `stacks/x/resources`), its segments already encoded; `shape`
   * checks the reply is what the page expects before any of it is used.
   */
  get<T>(path: string, shape: Shape<T>, query?: URLSearchParams, signal?: AbortSignal): Promise<T>;
  /** A non-JSON reply (`format=csv`): its text and headers; failures as for `get`. */
  getText(path: string, query: URLSearchParams, accept: string, signal?: AbortSignal): Promise<TextReply>;
  /** The absolute URL a request goes to, for messages. */
  urlOf(path: string, query?: URLSearchParams): string;
}

export interface TextReply {
  text: string;
  headers: Headers;
}

/** A sign-in in front of the API (deployed); see sign-in.ts. */
export interface ApiAuth {
  authorization(): Promise<string | undefined>;
  /** True when the 401 sent the browser to sign in. */
  unauthorized(): Promise<boolean>;
  failure(): string | undefined;
}

const TIMEOUT_MS = 20_000;

export function createApiClient(base: URL, auth?: ApiAuth): ApiClient {
  const urlOf = (path: string, query?: URLSearchParams) => {
    const url = new URL(path, base);
    if (query && query.size > 0) url.search = query.toString();
    return url.toString();
  };
  /** The reply's text once it is known to be a success; every failure as an ApiError. */
  const fetchText = async (url: string, accept: string, signal?: AbortSignal) => {
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    const authorization = await auth?.authorization();
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept, ...(authorization ? { authorization } : {}) },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      const why = timeout.aborted ? `no answer within ${TIMEOUT_MS / 1000} s` : describe(error);
      throw new ApiError({ kind: 'unreachable', message: `could not reach the API at ${url}: ${why}` });
    }
    if (response.status === 401 && auth) {
      if (await auth.unauthorized()) {
        throw new ApiError({ kind: 'http', status: 401, message: 'signing you in…' });
      }
      const failure = auth.failure();
      if (failure) throw new ApiError({ kind: 'http', status: 401, message: `sign-in failed: ${failure}` });
    }
    const text = await response.text();
    if (!response.ok) throw new ApiError(failureOf(response, parseJson(text), text));
    return { response, text };
  };
  return {
    urlOf,
    async get<T>(path: string, shape: Shape<T>, query?: URLSearchParams, signal?: AbortSignal): Promise<T> {
      const url = urlOf(path, query);
      const { response, text } = await fetchText(url, 'application/json', signal);
      const body = parseJson(text);
      if (body === undefined) {
        const type = response.headers.get('content-type') ?? 'no content type';
        throw new ApiError({
          kind: 'http',
          status: response.status,
          message: `expected JSON from ${url}, got ${type} (a proxy or login page in between?)`,
        });
      }
      if (!shape.accepts(body)) {
        throw new ApiError({
          kind: 'http',
          status: response.status,
          message: `${url} answered JSON that is not ${shape.name}`,
        });
      }
      return body;
    },
    async getText(path, query, accept, signal) {
      const { response, text } = await fetchText(urlOf(path, query), accept, signal);
      return { text, headers: response.headers };
    },
  };
}

function failureOf(response: Response, body: unknown, text: string): ApiFailure {
  const status = response.status;
  const error = field(body, 'error');
  const code = field(error, 'code');
  const message = field(error, 'message');
  if (typeof code === 'string' && typeof message === 'string') {
    const parameter = field(error, 'parameter');
    return { kind: 'http', status, code, message, ...(typeof parameter === 'string' ? { parameter } : {}) };
  }
  // API Gateway's own answers (403 from IAM authorization, 500/503 when the integration fails).
  const gatewayMessage = field(body, 'message') ?? field(body, 'Message');
  if (typeof gatewayMessage === 'string') return { kind: 'http', status, message: gatewayMessage };
  const snippet = text.trim().slice(0, 200);
  return { kind: 'http', status, message: snippet || response.statusText || 'no message' };
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
