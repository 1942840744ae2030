// The replies the query API gives: JSON bodies, and the one error shape every failure uses.
// Error codes are data, so the OpenAPI document lists exactly the codes the service can answer.

export const ERROR_CODES = {
  unknown_parameter: { status: 400, description: 'A query parameter this route does not accept.' },
  invalid_parameter: {
    status: 400,
    description: 'A parameter value outside what is allowed, or a single-valued parameter given twice.',
  },
  invalid_cursor: {
    status: 400,
    description: 'A cursor that is malformed, was altered, or was made by a query with other filters.',
  },
  not_found: { status: 404, description: 'No such resource, stack or route.' },
  method_not_allowed: { status: 405, description: 'The path exists but not for this method (see Allow).' },
  internal_error: { status: 500, description: 'An unexpected failure on the server side.' },
  store_unavailable: {
    status: 503,
    description: 'The index store cannot be reached or timed out; try again shortly (see Retry-After).',
  },
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface ApiReply {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; parameter?: string };
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonReply(body: unknown, statusCode = 200, headers: Record<string, string> = {}): ApiReply {
  return {
    statusCode,
    headers: {
      'content-type': JSON_TYPE,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

export function contentReply(
  contentType: string,
  body: string,
  headers: Readonly<Record<string, string>> = {},
): ApiReply {
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'cache-control': 'no-store', ...headers },
    body,
  };
}

/** `parameter` names the offending parameter on every 400 and is absent otherwise. */
export function errorReply(
  code: ErrorCode,
  message: string,
  parameter?: string,
  headers: Record<string, string> = {},
): ApiReply {
  const body: ErrorBody = { error: { code, message, ...(parameter === undefined ? {} : { parameter }) } };
  return jsonReply(body, ERROR_CODES[code].status, headers);
}

/** Seconds a client should wait before asking again when the store is unavailable. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/** The 503 every route answers when the store cannot serve (see isStoreUnavailable). */
export function storeUnavailableReply(): ApiReply {
  return errorReply(
    'store_unavailable',
    'the index store cannot be reached now; try again shortly',
    undefined,
    { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
  );
}

/** Client-supplied text echoed in messages is cut short, so a 10 kB parameter cannot bloat the reply. */
export function quoted(text: string, max = 80): string {
  return JSON.stringify(shortened(text, max));
}

/** Cuts by code points, so a surrogate pair is never split. */
export function shortened(text: string, max = 80): string {
  const points = [...text];
  return points.length > max ? `${points.slice(0, max).join('')}…` : text;
}
