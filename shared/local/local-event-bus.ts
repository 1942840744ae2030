// A local EventBridge endpoint: speaks PutEvents over AWS JSON 1.1 (so @aws-sdk/client-eventbridge
// with `endpoint` set to it works unchanged) and hands accepted events to the dispatcher. It answers
// only a local Host header, reads at most MAX_BODY_BYTES of a body, throttles as EventBridge does when
// the bus is at capacity, and runs its own redrive operation only for a caller holding the token.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostRefusal, isAllowedHost } from '../http/host-check';
import type { HostPolicy } from '../http/host-check';
import type { EventDispatcher } from './event-dispatcher';
import { sameSecret } from './local-secrets';
import { PutEventsRequestError, envelopeEntry, readEntries } from './put-events-protocol';
import type { BusEvent, EntryResult } from './put-events-protocol';

/** Our own operation on the bus: re-deliver a batch of dead letters (`npm run redrive` calls it). */
export const REDRIVE_TARGET = 'ResourceInventory.Redrive';
/** The header carrying the data directory's redrive token. */
export const REDRIVE_TOKEN_HEADER = 'x-inventory-redrive-token';
/** Dead letters per redrive request unless the caller asks for fewer or more. */
export const DEFAULT_REDRIVE_BATCH = 100;
const PUT_EVENTS_TARGET = 'AWSEvents.PutEvents';
/**
 * Ten entries below 256 KB in all, in JSON where escaping can grow a string (`\u0000` is six bytes for
 * one): anything larger cannot be a valid request and is refused before it is read.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface LocalEventBusOptions {
  dispatcher: EventDispatcher;
  port?: number;
  host?: string;
  /** One more Host name to answer besides the loopback names (see host-check.ts). */
  allowedHost?: string;
  /** Required (in REDRIVE_TOKEN_HEADER) by the redrive operation; without one redrive is refused. */
  redriveToken?: string;
  /** The account put in every envelope (the bus owner's, as on AWS). */
  account?: string;
  /** Used when the request's signature names no region. */
  defaultRegion?: string;
  now?: () => Date;
}

export interface LocalEventBus {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startLocalEventBus(options: LocalEventBusOptions): Promise<LocalEventBus> {
  const policy: HostPolicy = { port: 0, allowedHost: options.allowedHost };
  const server = createServer((request, response) => {
    handle(request, response, options, policy).catch((error: unknown) => {
      sendJson(response, 500, { __type: 'InternalException', message: (error as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  policy.port = port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: LocalEventBusOptions,
  policy: HostPolicy,
) {
  if (!isAllowedHost(request.headers.host, policy)) {
    return refuse(request, response, 403, 'AccessDeniedException', hostRefusal(request.headers.host, policy));
  }
  if (request.method !== 'POST') {
    return sendJson(response, 405, { __type: 'MethodNotAllowed', message: 'Use POST with X-Amz-Target.' });
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    return refuse(request, response, 413, 'ValidationException', tooLargeMessage());
  }
  const target = String(request.headers['x-amz-target'] ?? '');
  if (target === REDRIVE_TARGET) {
    const token = String(request.headers[REDRIVE_TOKEN_HEADER] ?? '');
    if (!options.redriveToken || !sameSecret(token, options.redriveToken)) {
      return refuse(
        request,
        response,
        403,
        'AccessDeniedException',
        `Redrive needs the data directory's token in ${REDRIVE_TOKEN_HEADER} (npm run redrive sends it).`,
      );
    }
  }
  const body = await readBody(request);
  if (body === undefined) return refuse(request, response, 413, 'ValidationException', tooLargeMessage());
  if (target === REDRIVE_TARGET) return redrive(response, body, options.dispatcher);
  if (target !== PUT_EVENTS_TARGET) {
    return sendError(
      response,
      new PutEventsRequestError(
        'UnknownOperationException',
        `This bus only serves ${PUT_EVENTS_TARGET}, not '${target}'.`,
      ),
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return sendError(
      response,
      new PutEventsRequestError('SerializationException', 'The request body is not JSON.'),
    );
  }
  try {
    const entries = readEntries(parsed);
    const context = {
      account: options.account ?? '000000000000',
      region: signedRegion(request) ?? options.defaultRegion ?? 'us-east-1',
      now: options.now ?? (() => new Date()),
    };
    const results: (EntryResult | BusEvent)[] = entries.map((entry) => {
      const outcome = envelopeEntry(entry, context);
      return 'error' in outcome ? outcome.error : outcome.event;
    });
    const events = results.filter((result): result is BusEvent => 'id' in result);
    const outcomes = await options.dispatcher.acceptBatch(events);
    if (outcomes.some((outcome) => !outcome.accepted && outcome.code === 'ThrottlingException')) {
      // Nothing of the request was taken in: EventBridge's throttling answer, which the SDK retries.
      return sendError(
        response,
        new PutEventsRequestError('ThrottlingException', 'Rate exceeded: the local bus is at capacity.'),
      );
    }
    const byId = new Map(events.map((event, at) => [event.id, outcomes[at]]));
    const entryResults: EntryResult[] = results.map((result) => {
      if (!('id' in result)) return result;
      const outcome = byId.get(result.id);
      return outcome?.accepted === false
        ? { ErrorCode: outcome.code, ErrorMessage: outcome.message }
        : { EventId: result.id };
    });
    sendJson(response, 200, {
      FailedEntryCount: entryResults.filter((result) => 'ErrorCode' in result).length,
      Entries: entryResults,
    });
  } catch (error) {
    if (error instanceof PutEventsRequestError) return sendError(response, error);
    throw error;
  }
}

/** `{"Limit": n}`: one batch from the head of the dead-letter file; the caller loops (see redrive.ts). */
async function redrive(response: ServerResponse, body: string, dispatcher: EventDispatcher) {
  let limit = DEFAULT_REDRIVE_BATCH;
  try {
    const requested = (JSON.parse(body || '{}') as { Limit?: unknown }).Limit;
    if (requested !== undefined) {
      if (!Number.isInteger(requested) || (requested as number) < 1) throw new Error('Limit');
      limit = requested as number;
    }
  } catch {
    return sendError(
      response,
      new PutEventsRequestError('ValidationException', 'Limit must be a positive integer.'),
    );
  }
  const batch = await dispatcher.redrive(limit);
  sendJson(response, 200, { Retried: batch.retried, Failed: batch.failed, Total: batch.total });
}

/** SigV4's credential scope names the region: `Credential=AKID/20240101/eu-west-1/events/aws4_request`. */
function signedRegion(request: IncomingMessage): string | undefined {
  const match = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/events\//.exec(
    String(request.headers.authorization ?? ''),
  );
  return match?.[1];
}

/** The body as text, or undefined as soon as it passes MAX_BODY_BYTES (the rest is never read). */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
        return;
      }
      request.off('data', onData);
      request.pause();
      chunks.length = 0;
      resolve(undefined);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function tooLargeMessage(): string {
  return `Request body is too large (this bus reads at most ${MAX_BODY_BYTES} bytes; PutEvents entries total below 256 KB).`;
}

/** An error answer after which the connection is closed, dropping any unread body with the socket. */
function refuse(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  type: string,
  message: string,
) {
  response.shouldKeepAlive = false;
  sendJson(response, status, { __type: type, message }, { connection: 'close' }, () =>
    request.socket.destroy(),
  );
}

function sendError(response: ServerResponse, error: PutEventsRequestError) {
  sendJson(response, error.statusCode, { __type: error.type, message: error.message });
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  afterEnd?: () => void,
) {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  response.end(text, afterEnd);
}
