// Test harness for the query API: a fresh table on DynamoDB Local, the real handler behind the local
// HTTP adapter on a free port, and a telemetry that records metrics in memory (logs silenced).
import { request as httpRequest } from 'node:http';
import { createQueryApiHandler } from '../../handlers/query-api';
import { startLocalHttpApi } from '../../shared/http/local-http-api';
import type { LocalHttpApi } from '../../shared/http/local-http-api';
import type { QueryApiHandler } from '../../shared/query/query-api-handler';
import { SERVICE_NAMES } from '../../shared/observability/metric-catalog';
import type { DimensionName, MetricKey } from '../../shared/observability/metric-catalog';
import { createTelemetry } from '../../shared/observability/telemetry';
import { createQueryReaders } from '../../shared/query/query-readers';
import type { Telemetry } from '../../shared/observability/telemetry';
import { IndexStore } from '../../shared/store/index-store';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';

export interface RecordedMetric {
  metric: MetricKey;
  value: number;
  dimensions: Partial<Record<DimensionName, string>>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  body: unknown;
}

export interface QueryApiHarness {
  table: TestTable;
  store: IndexStore;
  api: LocalHttpApi;
  /** The handler the adapter serves, for events no HTTP client can send. */
  handler: QueryApiHandler;
  metrics: RecordedMetric[];
  /** GET (or another method) through fetch; `target` is path and query, already encoded. */
  get(target: string, method?: string): Promise<ApiResponse>;
  /** Sends the path exactly as given (fetch would normalise `..`, `//` and the like). */
  raw(target: string, method?: string): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function startQueryApiHarness(
  prefix: string,
  options: { cursorSecret?: string; now?: () => Date } = {},
): Promise<QueryApiHarness> {
  const table = await createTestTable(prefix);
  const store = new IndexStore({
    client: table.documentClient,
    tableName: table.tableName,
    tombstoneRetentionDays: 36_500,
    now: options.now,
  });
  const metrics: RecordedMetric[] = [];
  const real = createTelemetry(SERVICE_NAMES.queryApi);
  // Errors still print, so an unexpected 500 shows its cause in the test output.
  real.logger.setLogLevel('ERROR');
  const telemetry: Telemetry = {
    logger: real.logger,
    metrics: real.metrics,
    record: (metric, value, dimensions = {}) => metrics.push({ metric, value, dimensions }),
    flush: () => undefined,
  };
  const readers = createQueryReaders({
    client: table.documentClient,
    tableName: table.tableName,
    now: options.now,
  });
  const handler = createQueryApiHandler({ store, readers, telemetry, cursorSecret: options.cursorSecret });
  const api = await startLocalHttpApi({ handler, port: 0 });
  return {
    table,
    store,
    api,
    handler,
    metrics,
    async get(target, method = 'GET') {
      const response = await fetch(`${api.url}${target}`, { method });
      return toApiResponse(response.status, response.headers, await response.text());
    },
    raw: (target, method = 'GET') => rawRequest(api.port, target, method),
    async close() {
      await api.close();
      await table.drop();
    },
  };
}

function toApiResponse(status: number, headers: Headers, text: string): ApiResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status, headers, text, body };
}

function rawRequest(port: number, target: string, method: string): Promise<ApiResponse> {
  return new Promise((resolveResponse, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: target, method }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        resolveResponse(
          toApiResponse(response.statusCode ?? 0, headers, Buffer.concat(chunks).toString('utf8')),
        );
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** `/resources/<id>` with the id percent-encoded, as clients are told to send it. */
export const resourcePath = (id: string, suffix = '') => `/resources/${encodeURIComponent(id)}${suffix}`;

/** Follows nextCursor until null and returns every item, with the number of pages read. */
export async function readAllPages(
  harness: QueryApiHarness,
  path: string,
  query: URLSearchParams,
  limits: () => number,
): Promise<{ items: Record<string, unknown>[]; pages: number }> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', String(limits()));
    if (cursor) params.set('cursor', cursor);
    const response = await harness.get(`${path}?${params}`);
    if (response.status !== 200)
      throw new Error(`${path}?${params} answered ${response.status}: ${response.text}`);
    const page = asPage(response.body);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
    if (pages > 10_000) throw new Error('pagination does not end');
  } while (cursor);
  return { items, pages };
}

export interface PageBody {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

/** The body as a page, or a thrown error saying why it is not one. */
export function asPage(body: unknown): PageBody {
  if (typeof body !== 'object' || body === null || !('items' in body) || !('nextCursor' in body))
    throw new Error(`not a page: ${JSON.stringify(body)}`);
  const { items, nextCursor } = body;
  if (!Array.isArray(items) || !items.every(isRecord)) throw new Error(`items is not a list of objects`);
  if (nextCursor !== null && typeof nextCursor !== 'string')
    throw new Error(`nextCursor is ${typeof nextCursor}`);
  return { items, nextCursor };
}

/** The error object of an error body, or a thrown error. */
export function asError(body: unknown): { code: string; message: string; parameter?: string } {
  if (!isRecord(body) || !isRecord(body.error)) throw new Error(`not an error body: ${JSON.stringify(body)}`);
  const { code, message, parameter } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string')
    throw new Error('error without code or message');
  return { code, message, ...(typeof parameter === 'string' ? { parameter } : {}) };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
