// A stand-in for API Gateway's IAM authorization on a loopback port: it recomputes each request's
// SigV4 signature with @smithy/signature-v4 from what it received and the secret it knows for the
// access key, refuses a mismatch (403, as API Gateway words it) and otherwise lets a handler answer.
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface VerifiedRequest {
  accessKeyId: string;
  region: string;
  service: string;
  url: URL;
  signedHeaders: string[];
}

export interface SigV4Verifier {
  url: string;
  /** Every request that reached the handler (signature verified). */
  verified: VerifiedRequest[];
  /** Requests refused, with the reason. */
  refused: string[];
  close(): Promise<void>;
}

export type VerifiedHandler = (request: VerifiedRequest, response: ServerResponse) => void;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

export async function startSigV4Verifier(
  secrets: Readonly<Record<string, string>>,
  handler: VerifiedHandler,
): Promise<SigV4Verifier> {
  const verified: VerifiedRequest[] = [];
  const refused: string[] = [];
  const server = createServer((request, response) => {
    verify(secrets, request).then(
      (outcome) => {
        if (typeof outcome === 'string') {
          refused.push(outcome);
          response.writeHead(403, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ message: outcome }));
          return;
        }
        verified.push(outcome);
        handler(outcome, response);
      },
      (error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      },
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    verified,
    refused,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
        server.closeAllConnections();
      }),
  };
}

async function verify(
  secrets: Readonly<Record<string, string>>,
  request: IncomingMessage,
): Promise<VerifiedRequest | string> {
  const match = AUTHORIZATION.exec(request.headers.authorization ?? '');
  if (!match) return 'Missing Authentication Token';
  const [, accessKeyId, day, region, service, signedHeaderList, signature] = match;
  const secretAccessKey = secrets[accessKeyId];
  if (secretAccessKey === undefined) return 'The security token included in the request is invalid.';
  const amzDate = String(request.headers['x-amz-date'] ?? '');
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || !amzDate.startsWith(day))
    return 'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP';
  if (Math.abs(Date.now() - signingDate.getTime()) > 5 * 60_000) return 'Signature expired';

  const signedHeaders = signedHeaderList.split(';');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return `Signed header ${name} is missing`;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  const signer = new SignatureV4({
    service,
    region,
    credentials: { accessKeyId, secretAccessKey },
    sha256: Hash.bind(null, 'sha256'),
  });
  const expected = await signer.sign(
    {
      method: request.method ?? 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: (request.url ?? '/').split('?')[0],
      query,
      headers,
    },
    { signingDate },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})$/.exec(expected.headers.authorization)?.[1];
  if (expectedSignature !== signature) {
    return 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.';
  }
  return { accessKeyId, region, service, url, signedHeaders };
}

function parseAmzDate(value: string): Date | undefined {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!parts) return undefined;
  const [, y, mo, d, h, mi, s] = parts;
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
}
