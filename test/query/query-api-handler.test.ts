// The Lambda entry itself: built lazily from the environment, it answers API Gateway payload v2
// events (named stage included) exactly as the local adapter's requests are answered.
import { createQueryApiHandlerFromEnv } from '../../shared/query/query-api-handler';
import { IndexStore } from '../../shared/store/index-store';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';
import { IDS, seedIndex } from './query-fixtures';
import { apiGatewayEvent } from '../support/api-gateway-event';

let table: TestTable;
const savedEnv = { ...process.env };

beforeAll(async () => {
  table = await createTestTable('query-handler');
  await seedIndex(new IndexStore({ client: table.documentClient, tableName: table.tableName }));
  // The real telemetry: keep its log lines and EMF blobs out of the test output.
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.TABLE_NAME = table.tableName;
  process.env.DYNAMODB_ENDPOINT = table.endpoint;
});
afterAll(async () => {
  process.env = savedEnv;
  await table.drop();
});

function event(rawPath: string, rawQueryString = '', stage = '$default') {
  return apiGatewayEvent(rawPath, {
    rawQueryString,
    stage,
    headers: { accept: 'application/json' },
    withProxyParameter: true,
  });
}

test('the exported handler reads TABLE_NAME and DYNAMODB_ENDPOINT on first use', async () => {
  const { handler } = await import('../../handlers/query-api');
  const result = await handler(event(`/resources/${encodeURIComponent(IDS.alphaLogs)}`));
  expect(result.statusCode).toBe(200);
  expect(result.headers?.['content-type']).toMatch(/^application\/json/);
  expect(JSON.parse(result.body ?? '')).toMatchObject({ id: IDS.alphaLogs, name: 'alpha-logs' });
  // API Gateway HTTP APIs deliver the path decoded: the same resource, raw slashes and all.
  const decoded = await handler(event(`/resources/${IDS.deployRole}/history`, 'limit=1'));
  expect(decoded.statusCode).toBe(200);
  expect(JSON.parse(decoded.body ?? '')).toMatchObject({ items: [{ eventId: 'evt-deploy-3' }] });
});

test('a named stage in rawPath is not part of the route', async () => {
  const handler = createQueryApiHandlerFromEnv(process.env);
  expect((await handler(event('/prod/resources', 'limit=2', 'prod'))).statusCode).toBe(200);
  expect((await handler(event('/prod', '', 'prod'))).statusCode).toBe(200);
  expect((await handler(event('/prod/resources', '', '$default'))).statusCode).toBe(404);
});

test('without TABLE_NAME the handler refuses to start, saying why', () => {
  expect(() => createQueryApiHandlerFromEnv({})).toThrow(/TABLE_NAME/);
});
