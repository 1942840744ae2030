// The store asks DynamoDB for the capacity each request consumed (indexes included) and publishes it
// on a diagnostics channel: nothing listens in Lambda, the benchmark adds it up per event.
import { channel } from 'node:diagnostics_channel';

export const CONSUMED_CAPACITY_CHANNEL = 'resource-inventory:dynamodb-consumed-capacity';

export interface ConsumedCapacityMessage {
  operation: string;
  read: number;
  write: number;
}

interface CapacityEntry {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const consumed = channel(CONSUMED_CAPACITY_CHANNEL);

/** The request option that makes DynamoDB report what it consumed, per table and index. */
export const RETURN_CONSUMED_CAPACITY = { ReturnConsumedCapacity: 'INDEXES' } as const;

/** Publishes what a response says it consumed (a list for transactions and batches, one for the rest). */
export function reportConsumedCapacity(operation: string, output: { ConsumedCapacity?: unknown }): void {
  if (!consumed.hasSubscribers || output.ConsumedCapacity === undefined) return;
  const entries = (
    Array.isArray(output.ConsumedCapacity) ? output.ConsumedCapacity : [output.ConsumedCapacity]
  ) as CapacityEntry[];
  let read = 0;
  let write = 0;
  for (const entry of entries) {
    if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
      read += entry.ReadCapacityUnits ?? 0;
      write += entry.WriteCapacityUnits ?? 0;
    } else if (/Get|Query|Scan/.test(operation)) read += entry.CapacityUnits ?? 0;
    else write += entry.CapacityUnits ?? 0;
  }
  consumed.publish({ operation, read, write } satisfies ConsumedCapacityMessage);
}
