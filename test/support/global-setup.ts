// Starts one DynamoDB Local for the whole test run (unless DYNAMODB_ENDPOINT names an external one).
// Its PID goes to the environment, which workers inherit and globalTeardown uses to stop it.
import { startEmbeddedDynamoDb } from '../../shared/local/embedded-dynamodb';

export default async function globalSetup(): Promise<void> {
  // Node 20 is supported by this SDK release; its notice about future releases only clutters test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (process.env.DYNAMODB_ENDPOINT) {
    process.env.TEST_DYNAMODB_ENDPOINT = process.env.DYNAMODB_ENDPOINT;
    return;
  }
  const dynamo = await startEmbeddedDynamoDb();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.TEST_DYNAMODB_PID = String(dynamo.pid);
  (globalThis as { testDynamoDb?: typeof dynamo }).testDynamoDb = dynamo;
}
