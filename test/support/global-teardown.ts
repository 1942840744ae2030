// Stops the run's DynamoDB Local by PID and waits until the process is gone.
import type { EmbeddedDynamoDb } from '../../shared/local/embedded-dynamodb';
import { isProcessAlive } from '../../shared/local/process-alive';

export default async function globalTeardown(): Promise<void> {
  const dynamo = (globalThis as { testDynamoDb?: EmbeddedDynamoDb }).testDynamoDb;
  if (dynamo) await dynamo.stop();
  const pid = Number(process.env.TEST_DYNAMODB_PID);
  if (pid > 0 && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
}
