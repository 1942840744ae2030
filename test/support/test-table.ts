// Gives each test file its own fresh table on the run's DynamoDB Local, and a client that records
// every command it sends (so tests can prove that no read path scans).
import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { createDocumentClient, createDynamoDbClient } from '../../shared/store/dynamodb-client';
import { createTableInput } from '../../shared/store/table-definition';

export interface TestTable {
  tableName: string;
  endpoint: string;
  client: DynamoDBClient;
  documentClient: DynamoDBDocumentClient;
  /** Names of the commands sent since the last `sentCommands.length = 0`. */
  sentCommands: string[];
  drop(): Promise<void>;
}

export function testEndpoint(): string {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run the tests through jest (globalSetup)');
  return endpoint;
}

export async function createTestTable(prefix = 'test'): Promise<TestTable> {
  const endpoint = testEndpoint();
  // Tests check behaviour, not stalls: a generous deadline keeps a busy machine from failing them.
  const client = createDynamoDbClient({ endpoint, requestTimeoutMs: 60_000 });
  const sentCommands: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      sentCommands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'recordCommands' },
  );
  const tableName = `${prefix}-${randomUUID()}`;
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  return {
    tableName,
    endpoint,
    client,
    documentClient: createDocumentClient(client),
    sentCommands,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
