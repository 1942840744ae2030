// Stops the run's DynamoDB Local by PID and waits until the process is gone.
import type { EmbeddedDynamoDb } from '../../shared/local/embedded-dynamodb';

export default async function globalTeardown(): Promise<void> {
  const dynamo = (globalThis as { testDynamoDb?: EmbeddedDynamoDb }).testDynamoDb;
  if (dynamo) await dynamo.stop();
  const pid = Number(process.env.TEST_DYNAMODB_PID);
  if (pid > 0 && isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
