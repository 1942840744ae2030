// Records what a DynamoDB client sends (operation and marshalled input) and what each call read
// (ScannedCount, Count), through a client middleware: how the benchmark learns the exact requests
// the index store makes for a page, to replay them raw and to count items read per item returned.
import type { DynamoDBClient, ServiceInputTypes } from '@aws-sdk/client-dynamodb';

export interface RecordedCall {
  /** The command's name without `Command` (Query, BatchGetItem, ...). */
  operation: string;
  /** The low-level (marshalled) input, as sent. */
  input: ServiceInputTypes;
  /** Items DynamoDB read (Query/Scan ScannedCount; BatchGetItem: keys asked for; GetItem: 1). */
  itemsRead: number;
}

export interface RequestRecorder {
  readonly calls: RecordedCall[];
  /** Forgets what was recorded so far. */
  clear(): void;
}

export function recordRequests(client: DynamoDBClient): RequestRecorder {
  const calls: RecordedCall[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      // At the build step lib-dynamodb has marshalled the input already; keep a copy, as it was sent.
      const input = structuredClone(args.input);
      const result = await next(args);
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      calls.push({ operation, input, itemsRead: itemsReadBy(operation, input, result.output) });
      return result;
    },
    { step: 'build', name: 'benchRequestRecorder' },
  );
  return {
    calls,
    clear: () => {
      calls.length = 0;
    },
  };
}

function itemsReadBy(operation: string, input: ServiceInputTypes, output: unknown): number {
  const fields = (output ?? {}) as { ScannedCount?: number; Item?: unknown };
  switch (operation) {
    case 'Query':
    case 'Scan':
      return fields.ScannedCount ?? 0;
    case 'GetItem':
      return fields.Item ? 1 : 0;
    case 'BatchGetItem': {
      const requestItems = 'RequestItems' in input ? input.RequestItems : undefined;
      return Object.values(requestItems ?? {}).reduce(
        (sum: number, table) => sum + ('Keys' in table ? (table.Keys?.length ?? 0) : 0),
        0,
      );
    }
    default:
      return 0;
  }
}
