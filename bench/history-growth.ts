// Write cost against history length: one resource is given 1, 100, 1,000 (and 10,000) prior changes
// through the real store, then timed over a run of further changes at each length. A row that merges
// changes without reading history keeps latency, requests and capacity per change flat.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ResourceChange } from '../shared/model/resource-change';
import { createDocumentClient, createDynamoDbClient } from '../shared/store/dynamodb-client';
import { CONSUMED_CAPACITY_CHANNEL } from '../shared/store/consumed-capacity';
import type { ConsumedCapacityMessage } from '../shared/store/consumed-capacity';
import { IndexStore } from '../shared/store/index-store';
import { recordRequests } from './dynamodb-request-recorder';
import { round, summarizeLatencies } from './latency-summary';
import type { LatencySummary } from './latency-summary';
import { createFreshTable } from './table-seeder';

export interface HistoryGrowthPoint {
  historyLength: number;
  eventsPerSecond: number;
  dynamodbRequestsPerEvent: number;
  capacityPerEvent: { read: number; write: number };
  latencyMs: LatencySummary;
}

/** The n-th change of the resource: tag changes at one-second steps, so each is the newest. */
function changeNumber(n: number, name = 'deployed-every-hour'): ResourceChange {
  const time = new Date(Date.UTC(2024, 0, 1) + n * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    id: `arn:aws:lambda:eu-west-1:111122223333:function:${name}`,
    arn: `arn:aws:lambda:eu-west-1:111122223333:function:${name}`,
    type: 'AWS::Lambda::Function',
    account: '111122223333',
    region: 'eu-west-1',
    action: 'upsert',
    lifecycle: n === 0 ? 'create' : 'update',
    eventTime: time,
    eventId: `history-growth-${n}`,
    source: 'cloudtrail',
    name,
    tags: { add: { build: String(n % 7), deployedAt: time } },
  };
}

export async function measureHistoryGrowth(
  endpoint: string,
  options: { lengths: number[]; measured: number },
): Promise<HistoryGrowthPoint[]> {
  const tableName = 'bench-history-growth';
  // A client of its own: the request recorder stays on it.
  const client = createDynamoDbClient({ endpoint });
  await createFreshTable(client, tableName);
  const recorder = recordRequests(client);
  const store = new IndexStore({ client: createDocumentClient(client), tableName });
  const capacity = { read: 0, write: 0 };
  const onCapacity = (message: unknown) => {
    const { read, write } = message as ConsumedCapacityMessage;
    capacity.read += read;
    capacity.write += write;
  };
  subscribe(CONSUMED_CAPACITY_CHANNEL, onCapacity);
  const points: HistoryGrowthPoint[] = [];
  let written = 0;
  try {
    // Warm the process and the table on another resource first, so the first point is not a cold start.
    for (let i = 0; i < options.measured; i++) await store.applyChanges([changeNumber(i, 'warm-up')]);
    for (const length of options.lengths) {
      // Bring the history to `length` changes, through the store as events would.
      while (written < length) await store.applyChanges([changeNumber(written++)]);
      recorder.clear();
      capacity.read = 0;
      capacity.write = 0;
      const latencies: number[] = [];
      const started = performance.now();
      for (let i = 0; i < options.measured; i++) {
        const t0 = performance.now();
        await store.applyChanges([changeNumber(written++)]);
        latencies.push(performance.now() - t0);
      }
      const seconds = (performance.now() - started) / 1000;
      points.push({
        historyLength: length,
        eventsPerSecond: round(options.measured / seconds, 1),
        dynamodbRequestsPerEvent: round(recorder.calls.length / options.measured, 2),
        capacityPerEvent: {
          read: round(capacity.read / options.measured, 2),
          write: round(capacity.write / options.measured, 2),
        },
        latencyMs: summarizeLatencies(latencies),
      });
    }
  } finally {
    unsubscribe(CONSUMED_CAPACITY_CHANNEL, onCapacity);
    client.destroy();
  }
  return points;
}
