// Query latency: GET /resources through the local HTTP API (handler, query service, store, DynamoDB
// Local) beside the raw DynamoDB requests that return the same page, replayed with the low-level
// client; and the items DynamoDB read per item the page returned.
import { BatchGetItemCommand, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type {
  BatchGetItemCommandInput,
  DynamoDBClient,
  GetItemCommandInput,
  QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { IndexStore, PageKey, ResourceFilter } from '../shared/store/index-store';
import type { RecordedCall, RequestRecorder } from './dynamodb-request-recorder';
import { ratioTo, round, summarizeLatencies } from './latency-summary';
import type { LatencySummary } from './latency-summary';
import type { RuntimeChild } from './runtime-child';

export interface QueryScenario {
  name: string;
  /** The API's query parameters (limit and cursor are added). */
  query: Record<string, string>;
  /** The same filter as the store sees it. */
  filter: ResourceFilter;
  /** 1 is the first page. */
  page: number;
}

export interface QueryResult {
  name: string;
  query: string;
  /** The page measured (may be lower than asked when the listing has fewer pages). */
  page: number;
  itemsReturned: number;
  api: LatencySummary;
  raw: LatencySummary;
  ratioP50: number | null;
  ratioP99: number | null;
  /** The store's own requests for this page, replayed raw: how much its request pattern costs. */
  storeRequests: LatencySummary;
  /** The fewest raw requests that return the page (the floor `raw` measures). */
  rawRequests: string[];
  /** The requests the store made for the page. */
  storeRequestNames: string[];
  /** DynamoDB requests the runtime made per API request (counted in the runtime process). */
  apiDynamodbRequestsPerPage: number;
  itemsRead: number;
  itemsReadPerItemReturned: number | null;
  /** True when the API page, the store page and the raw floor's page held the same ids in order. */
  samePage: boolean;
}

export async function measureQueryScenario(
  scenario: QueryScenario,
  context: {
    runtime: RuntimeChild;
    store: IndexStore;
    recorder: RequestRecorder;
    raw: DynamoDBClient;
    limit: number;
    iterations: number;
  },
): Promise<QueryResult> {
  const { runtime, store, recorder, raw, limit } = context;
  const { page, ids: storeIds, calls } = await storePage(store, recorder, scenario, limit);
  const base = new URL(`${runtime.apiUrl}/resources`);
  for (const [key, value] of Object.entries(scenario.query)) base.searchParams.set(key, value);
  base.searchParams.set('limit', String(limit));
  const { url, ids: apiIds } = await apiPage(base, page);

  const itemsRead = calls.reduce((sum, call) => sum + call.itemsRead, 0);
  const floorCalls = fewestRequestsFor(calls, itemsRead);
  const floorIds = await pageIdsOf(raw, floorCalls);
  const replay = async (sequence: RecordedCall[]) => {
    for (const call of sequence) await replayCall(raw, call);
  };
  for (let warm = 0; warm < 3; warm++) {
    await getJson(url);
    await replay(floorCalls);
    await replay(calls);
  }
  const before = await runtime.stats();
  const apiTimes: number[] = [];
  const rawTimes: number[] = [];
  const replayTimes: number[] = [];
  // Interleaved, so drift on a shared machine hits the three alike.
  for (let i = 0; i < context.iterations; i++) {
    let started = performance.now();
    await getJson(url);
    apiTimes.push(performance.now() - started);
    started = performance.now();
    await replay(floorCalls);
    rawTimes.push(performance.now() - started);
    started = performance.now();
    await replay(calls);
    replayTimes.push(performance.now() - started);
  }
  const after2 = await runtime.stats();
  const apiRequests = totalRequests(after2.dynamodbRequests) - totalRequests(before.dynamodbRequests);
  const api = summarizeLatencies(apiTimes);
  const rawSummary = summarizeLatencies(rawTimes);
  return {
    name: scenario.name,
    query: new URLSearchParams(scenario.query).toString(),
    page,
    itemsReturned: storeIds.length,
    api,
    raw: rawSummary,
    storeRequests: summarizeLatencies(replayTimes),
    ratioP50: ratioTo(api.p50, rawSummary.p50),
    ratioP99: ratioTo(api.p99, rawSummary.p99),
    rawRequests: floorCalls.map((call) => call.operation),
    storeRequestNames: calls.map((call) => call.operation),
    apiDynamodbRequestsPerPage: round(apiRequests / context.iterations, 2),
    itemsRead,
    itemsReadPerItemReturned: storeIds.length > 0 ? round(itemsRead / storeIds.length, 2) : null,
    // The store may read past its page and cut it at the limit: the floor's page is its first items.
    samePage:
      sameIds(storeIds, apiIds) &&
      (floorIds === undefined || sameIds(storeIds, floorIds.slice(0, storeIds.length))),
  };
}

/** The store's page `scenario.page` (or its last), and exactly the requests it took to read it. */
async function storePage(
  store: IndexStore,
  recorder: RequestRecorder,
  scenario: QueryScenario,
  limit: number,
): Promise<{ page: number; ids: string[]; calls: RecordedCall[] }> {
  let after: PageKey | undefined;
  for (let page = 1; ; page++) {
    recorder.clear();
    const result = await store.listResources(scenario.filter, { limit, after });
    if (!result.next || page >= scenario.page)
      return { page, ids: result.items.map((item) => item.id), calls: [...recorder.calls] };
    after = result.next;
  }
}

/** The same page through the API, following nextCursor: its URL (cursor included) and ids. */
async function apiPage(base: URL, page: number): Promise<{ url: string; ids: string[] }> {
  let url = base.toString();
  for (let at = 1; ; at++) {
    const body = await getJson(url);
    if (at >= page || !body.nextCursor) return { url, ids: body.items.map((item) => item.id) };
    const next = new URL(base);
    next.searchParams.set('cursor', body.nextCursor);
    url = next.toString();
  }
}

/**
 * A page the store read with several Queries on one index (a filtered page, topped up until full)
 * is also what one Query returns when its Limit is the items all of them read: the floor is that
 * one Query. Anything else (a tag page: Query, then BatchGetItem of the rows) is its own floor.
 */
function fewestRequestsFor(calls: RecordedCall[], itemsRead: number): RecordedCall[] {
  if (calls.length < 2 || !calls.every((call) => call.operation === 'Query')) return calls;
  return [{ ...calls[0], input: { ...queryInputOf(calls[0]), Limit: Math.max(1, itemsRead) } }];
}

/** The ids a Query-only sequence returns (to check the floor reads the same page); else undefined. */
async function pageIdsOf(raw: DynamoDBClient, calls: RecordedCall[]): Promise<string[] | undefined> {
  if (!calls.every((call) => call.operation === 'Query')) return undefined;
  const ids: string[] = [];
  for (const call of calls) {
    const result = await raw.send(new QueryCommand(queryInputOf(call)));
    for (const item of result.Items ?? []) ids.push(item.id?.S ?? '');
  }
  return ids;
}

function queryInputOf(call: RecordedCall): QueryCommandInput {
  if (call.operation !== 'Query') throw new Error(`${call.operation} is not a Query`);
  // The recorder keeps the union of every operation's input; the operation name narrows it.
  return call.input as QueryCommandInput;
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, index) => b[index] === id);
}

/** Sends one recorded request again, unchanged, with the low-level client. */
function replayCall(raw: DynamoDBClient, call: RecordedCall): Promise<unknown> {
  // The middleware sees the union of every operation's input; the command name says which one this
  // is, which the type system cannot know (hence the narrowing casts).
  switch (call.operation) {
    case 'Query':
      return raw.send(new QueryCommand(queryInputOf(call)));
    case 'BatchGetItem':
      return raw.send(new BatchGetItemCommand(call.input as BatchGetItemCommandInput));
    case 'GetItem':
      return raw.send(new GetItemCommand(call.input as GetItemCommandInput));
    default:
      throw new Error(`the query benchmark cannot replay ${call.operation}`);
  }
}

function totalRequests(byOperation: Record<string, number>): number {
  return Object.values(byOperation).reduce((sum, count) => sum + count, 0);
}

async function getJson(url: string): Promise<{ items: { id: string }[]; nextCursor?: string | null }> {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { items: { id: string }[]; nextCursor?: string | null };
}
