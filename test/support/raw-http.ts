// Requests fetch cannot make: a chosen Host header, and a body far larger than any server should read,
// streamed from one reused buffer (so the sender's memory stays flat) until the server answers.
import { request } from 'node:http';

export interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly the headers given (Host included). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export interface OversizedOutcome {
  /** The server's status, or undefined when it closed the connection without one. */
  status?: number;
  body: string;
  /** Bytes written before the answer (or the closed connection) came. */
  bytesSent: number;
}

/**
 * POSTs `totalBytes` of body (declared in Content-Length, or chunked when `declare` is false), one
 * 64 KiB buffer at a time, stopping as soon as the server answers or closes the connection.
 */
export function sendOversizedBody(
  url: string,
  totalBytes: number,
  options: { declare: boolean; headers?: Record<string, string> },
): Promise<OversizedOutcome> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve) => {
    let bytesSent = 0;
    let finished = false;
    const finish = (outcome: Omit<OversizedOutcome, 'bytesSent'>) => {
      if (finished) return;
      finished = true;
      req.destroy();
      resolve({ ...outcome, bytesSent });
    };
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...(options.declare ? { 'content-length': String(totalBytes) } : {}),
          ...options.headers,
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (text: string) => (body += text));
        response.on('end', () => finish({ status: response.statusCode, body }));
        response.on('error', () => finish({ status: response.statusCode, body }));
      },
    );
    req.on('error', () => setTimeout(() => finish({ body: '' }), 200));
    const pump = () => {
      while (!finished && bytesSent < totalBytes) {
        bytesSent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!finished) req.end();
    };
    pump();
  });
}
