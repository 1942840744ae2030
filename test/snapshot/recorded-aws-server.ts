// A local HTTP endpoint on a free loopback port that answers the real SDK clients with recorded AWS
// pages: CloudFormation's query protocol (form-encoded `Action=...`, XML replies), Resource
// Explorer's REST-JSON (`POST /ListResources`) and the Tagging API's JSON 1.1 (`X-Amz-Target`).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface RecordedRequest {
  /** `ListStacks` (query Action), `ListResources` (REST path) or `GetResources` (JSON target). */
  operation: string;
  /** Form fields (query protocol) or the JSON body. */
  params: Record<string, unknown>;
}

export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export interface RecordedServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const RECORDED = join(__dirname, 'recorded');

export function recorded(name: string): string {
  return readFileSync(join(RECORDED, name), 'utf8');
}

export const xml = (name: string, status = 200): Reply => ({
  status,
  body: recorded(name),
  headers: { 'content-type': 'text/xml' },
});

export const json = (name: string, contentType = 'application/json'): Reply => ({
  status: 200,
  body: recorded(name),
  headers: { 'content-type': contentType },
});

/** A query-protocol error as CloudFormation sends it. */
export const xmlError = (status: number, code: string, message: string): Reply => ({
  status,
  body: `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>err-1</RequestId></ErrorResponse>`,
  headers: { 'content-type': 'text/xml' },
});

/** A REST-JSON / JSON 1.1 error as AWS sends it: the type in a header and in the body. */
export const jsonError = (status: number, type: string, message: string): Reply => ({
  status,
  body: JSON.stringify({ __type: type, message }),
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': type },
});

export async function startRecordedServer(
  respond: (request: RecordedRequest) => Reply,
): Promise<RecordedServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const target = request.headers['x-amz-target'];
      let recordedRequest: RecordedRequest;
      if (typeof target === 'string') {
        recordedRequest = { operation: target.split('.').pop() ?? target, params: JSON.parse(text || '{}') };
      } else if (String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        const form = Object.fromEntries(new URLSearchParams(text));
        recordedRequest = { operation: form.Action ?? '', params: form };
      } else {
        recordedRequest = {
          operation: (request.url ?? '/').replace(/^\//, '').split('?')[0],
          params: JSON.parse(text || '{}'),
        };
      }
      requests.push(recordedRequest);
      const reply = respond(recordedRequest);
      response.writeHead(reply.status, { 'x-amzn-requestid': `req-${requests.length}`, ...reply.headers });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
