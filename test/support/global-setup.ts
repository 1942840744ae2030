// Starts one DynamoDB Local for the whole test run (unless DYNAMODB_ENDPOINT names an external one).
// Its PID goes to the environment, which workers inherit and globalTeardown uses to stop it.
import { startEmbeddedDynamoDb } from '../../shared/local/embedded-dynamodb';

export default async function globalSetup(): Promise<void> {
  if (process.env.DYNAMODB_ENDPOINT) {
    process.env.TEST_DYNAMODB_ENDPOINT = process.env.DYNAMODB_ENDPOINT;
    return;
  }
  const dynamo = await startEmbeddedDynamoDb();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TEST_DYNAMODB_PID = String(dynamo.pid);
  (globalThis as { testDynamoDb?: typeof dynamo }).testDynamoDb = dynamo;
}
