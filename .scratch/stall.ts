import { startEmbeddedDynamoDb } from '../shared/local/embedded-dynamodb';
import { createDynamoDbClient } from '../shared/store/dynamodb-client';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
(async () => {
  const db = await startEmbeddedDynamoDb({});
  const c = createDynamoDbClient({ endpoint: db.endpoint });
  await c.send(new ListTablesCommand({}));
  process.kill(db.pid, 'SIGSTOP');
  const t = Date.now();
  try { await c.send(new ListTablesCommand({})); } catch (e) { console.log('error', (e as Error).name, (e as Error).message, Date.now() - t); }
  process.kill(db.pid, 'SIGCONT');
  await db.stop(); c.destroy();
})();
