// The floor for ingest: plain PutItem and UpdateItem of index rows (GSI keys included) on the same
// DynamoDB Local, through the same document client the store uses, with `concurrency` writers.
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mapWithConcurrency } from '../shared/store/concurrency';
import { resourceRowItem } from '../shared/store/index-items';
import type { Item } from '../shared/store/index-items';
import { summarizeLatencies, round } from './latency-summary';
import { cpuMsBetween, cpuSnapshot } from './process-cpu';
import type { LatencySummary } from './latency-summary';
import { generateResources } from './resource-population';

export interface RawWriteFloor {
  concurrency: number;
  operations: number;
  putItemPerSecond: number;
  updateItemPerSecond: number;
  putItemMs: LatencySummary;
  updateItemMs: LatencySummary;
  /** CPU milliseconds per PutItem: DynamoDB Local, and this process (the client). */
  cpuMsPerPutItem: Record<string, number>;
}

export async function measureRawWrites(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: { concurrency: number; operations: number; seed: number; warmup: number; dynamodbPid?: number },
): Promise<RawWriteFloor> {
  // Fresh rows per level (the seed varies with the level), so every PutItem creates an item.
  const rows = generateResources(options.seed, options.warmup + options.operations).map((record) =>
    resourceRowItem(record, 1, undefined),
  );
  const put = (row: Item) => client.send(new PutCommand({ TableName: tableName, Item: row }));
  const update = (row: Item, index: number) =>
    client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: row.pk, sk: row.sk },
        UpdateExpression: 'SET #lastChanged = :lastChanged, #version = #version + :one',
        ExpressionAttributeNames: { '#lastChanged': 'lastChanged', '#version': 'version' },
        ExpressionAttributeValues: {
          ':lastChanged': new Date(Date.UTC(2024, 6, 1, 0, 0, index)).toISOString(),
          ':one': 1,
        },
      }),
    );
  const warm = rows.slice(0, options.warmup);
  const measured = rows.slice(options.warmup);
  await mapWithConcurrency(warm, options.concurrency, put);
  await mapWithConcurrency(warm, options.concurrency, update);
  const pids = { dynamodbLocal: options.dynamodbPid, bench: process.pid };
  const cpuBefore = cpuSnapshot(pids);
  const puts = await timed(measured, options.concurrency, put);
  const cpu = cpuMsBetween(cpuBefore, cpuSnapshot(pids));
  const updates = await timed(measured, options.concurrency, update);
  return {
    concurrency: options.concurrency,
    operations: measured.length,
    putItemPerSecond: round(measured.length / puts.seconds, 1),
    updateItemPerSecond: round(measured.length / updates.seconds, 1),
    putItemMs: summarizeLatencies(puts.latencies),
    updateItemMs: summarizeLatencies(updates.latencies),
    cpuMsPerPutItem: Object.fromEntries(
      Object.entries(cpu).map(([name, ms]) => [name, round(ms / measured.length, 3)]),
    ),
  };
}

async function timed(
  rows: Item[],
  concurrency: number,
  operation: (row: Item, index: number) => Promise<unknown>,
): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  const started = performance.now();
  await mapWithConcurrency(rows, concurrency, async (row, index) => {
    const at = performance.now();
    await operation(row, index);
    latencies.push(performance.now() - at);
  });
  return { seconds: (performance.now() - started) / 1000, latencies };
}
