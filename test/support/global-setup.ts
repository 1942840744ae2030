// Starts one DynamoDB Local for the whole test run (unless DYNAMODB_ENDPOINT names an external one).
// Its PID goes to the environment, which workers inherit and globalTeardown uses to stop it. The run's
// clients share one random access key (DynamoDB Local runs without -sharedDb: one database per key).
import { randomBytes } from 'node:crypto';
import { startEmbeddedDynamoDb } from '../../shared/local/embedded-dynamodb';
import { LOCAL_DYNAMODB_ACCESS_KEY_ENV } from '../../shared/store/dynamodb-client';

export default async function globalSetup(): Promise<void> {
  if (process.env.DYNAMODB_ENDPOINT) {
    process.env.TEST_DYNAMODB_ENDPOINT = process.env.DYNAMODB_ENDPOINT;
    return;
  }
  process.env[LOCAL_DYNAMODB_ACCESS_KEY_ENV] ??= `TEST${randomBytes(8).toString('hex').toUpperCase()}`;
  const dynamo = await startEmbeddedDynamoDb();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TEST_DYNAMODB_PID = String(dynamo.pid);
  (globalThis as { testDynamoDb?: typeof dynamo }).testDynamoDb = dynamo;
}
