// A local EventBridge endpoint: speaks PutEvents over AWS JSON 1.1 (so @aws-sdk/client-eventbridge
// with `endpoint` set to it works unchanged) and hands accepted events to the dispatcher.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventDispatcher } from './event-dispatcher';
import { PutEventsRequestError, envelopeEntry, readEntries } from './put-events-protocol';
import type { EntryResult } from './put-events-protocol';

/** Our own operation on the bus: re-deliver the dead-letter file (`npm run redrive` calls it). */
export const REDRIVE_TARGET = 'ResourceInventory.Redrive';
const PUT_EVENTS_TARGET = 'AWSEvents.PutEvents';
/** Ten entries below 256 KB, plus JSON escaping: anything larger cannot be a valid request. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface LocalEventBusOptions {
  dispatcher: EventDispatcher;
  port?: number;
  host?: string;
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
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      sendJson(response, 500, { __type: 'InternalException', message: (error as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
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

async function handle(request: IncomingMessage, response: ServerResponse, options: LocalEventBusOptions) {
  if (request.method !== 'POST') {
    return sendJson(response, 405, { __type: 'MethodNotAllowed', message: 'Use POST with X-Amz-Target.' });
  }
  const target = String(request.headers['x-amz-target'] ?? '');
  const body = await readBody(request);
  if (body === undefined) {
    return sendError(
      response,
      new PutEventsRequestError('ValidationException', 'Request body is too large.', 413),
    );
  }
  if (target === REDRIVE_TARGET) {
    const result = await options.dispatcher.redrive();
    return sendJson(response, 200, { Retried: result.retried, Failed: result.failed });
  }
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
    const results: EntryResult[] = [];
    for (const entry of entries) {
      const outcome = envelopeEntry(entry, context);
      if ('error' in outcome) {
        results.push(outcome.error);
        continue;
      }
      await options.dispatcher.accept(outcome.event);
      results.push({ EventId: outcome.event.id });
    }
    sendJson(response, 200, {
      FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
      Entries: results,
    });
  } catch (error) {
    if (error instanceof PutEventsRequestError) return sendError(response, error);
    throw error;
  }
}

/** SigV4's credential scope names the region: `Credential=AKID/20240101/eu-west-1/events/aws4_request`. */
function signedRegion(request: IncomingMessage): string | undefined {
  const match = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/events\//.exec(
    String(request.headers.authorization ?? ''),
  );
  return match?.[1];
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendError(response: ServerResponse, error: PutEventsRequestError) {
  sendJson(response, error.statusCode, { __type: error.type, message: error.message });
}

function sendJson(response: ServerResponse, status: number, body: unknown) {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}
