// The local bus's door: only local Host headers, bodies cut off at the cap without being read, an
// unknown EventBusName refused per entry, throttling after a bounded wait, and redrive only with the
// data directory's token.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadLetterFile } from '../../shared/local/dead-letter-file';
import { EventDispatcher } from '../../shared/local/event-dispatcher';
import {
  MAX_BODY_BYTES,
  REDRIVE_TARGET,
  REDRIVE_TOKEN_HEADER,
  startLocalEventBus,
} from '../../shared/local/local-event-bus';
import type { LocalEventBus } from '../../shared/local/local-event-bus';
import type { BusEvent } from '../../shared/local/put-events-protocol';
import type { RuleDefinition } from '../../shared/rules/rule-definition';
import { rawRequest, sendOversizedBody } from '../support/raw-http';

const dir = mkdtempSync(join(tmpdir(), 'bus-'));
const rule: RuleDefinition = {
  name: 'r',
  description: 'all',
  pattern: { source: ['test'] },
  target: 'cloudtrail-ingest',
};
const delivered: BusEvent[] = [];
let hold: Promise<void> | undefined;
const target = async (event: BusEvent) => {
  await hold;
  delivered.push(event);
};
const dispatcher = new EventDispatcher({
  rules: [rule],
  matches: (event) => (event.source === 'test' ? [rule] : []),
  targets: { 'cloudtrail-ingest': target, 'cloudformation-ingest': target },
  deadLetters: new DeadLetterFile(join(dir, 'dlq.jsonl')),
  maxInFlight: 1,
  maxAcceptWaitMs: 50,
});
const TOKEN = 'the-token-of-this-data-dir';
let bus: LocalEventBus;
let client: EventBridgeClient;

beforeAll(async () => {
  bus = await startLocalEventBus({ dispatcher, redriveToken: TOKEN });
  client = new EventBridgeClient({
    endpoint: bus.url,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await bus.close();
  await dispatcher.drain();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (extra: Record<string, unknown> = {}) => ({
  Source: 'test',
  DetailType: 't',
  Detail: '{"n":1}',
  ...extra,
});

test('the default bus, by name or ARN, takes events; an unknown EventBusName is an entry error', async () => {
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        entry(),
        entry({ EventBusName: 'default' }),
        entry({ EventBusName: 'arn:aws:events:eu-west-1:111122223333:event-bus/default' }),
        entry({ EventBusName: 'orders' }),
      ],
    }),
  );
  expect(result.FailedEntryCount).toBe(1);
  expect(result.Entries?.slice(0, 3).every((item) => typeof item.EventId === 'string')).toBe(true);
  expect(result.Entries?.[3]).toEqual({
    ErrorCode: 'ResourceNotFoundException',
    ErrorMessage: 'Event bus orders does not exist.',
  });
  await dispatcher.drain();
});

test('a request that waits longer than its bound for room gets ThrottlingException, as EventBridge answers', async () => {
  let release: () => void = () => undefined;
  hold = new Promise((resolve) => (release = resolve));
  try {
    await client.send(new PutEventsCommand({ Entries: [entry()] }));
    await expect(client.send(new PutEventsCommand({ Entries: [entry()] }))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
  } finally {
    release();
    hold = undefined;
  }
  await dispatcher.drain();
});

test.each([
  ['a rebound DNS name', (port: number) => `attacker.example:${port}`],
  ['another port', (port: number) => `localhost:${port + 1}`],
])('a PutEvents with the Host of %s is refused with 403 and takes nothing in', async (_what, host) => {
  const before = dispatcher.stats.accepted;
  const response = await rawRequest(bus.url, {
    method: 'POST',
    headers: {
      host: host(bus.port),
      'x-amz-target': 'AWSEvents.PutEvents',
      'content-type': 'application/x-amz-json-1.1',
    },
    body: JSON.stringify({ Entries: [entry()] }),
  });
  expect(response.status).toBe(403);
  expect(JSON.parse(response.body)).toMatchObject({
    __type: 'AccessDeniedException',
    message: expect.stringMatching(/not this local server/),
  });
  expect(dispatcher.stats.accepted).toBe(before);
});

test('redrive needs the data directory token', async () => {
  const ask = (headers: Record<string, string>) =>
    rawRequest(bus.url, {
      method: 'POST',
      headers: { host: `127.0.0.1:${bus.port}`, 'x-amz-target': REDRIVE_TARGET, ...headers },
      body: '{"Limit":10}',
    });
  expect((await ask({})).status).toBe(403);
  expect((await ask({ [REDRIVE_TOKEN_HEADER]: 'guess' })).status).toBe(403);
  const allowed = await ask({ [REDRIVE_TOKEN_HEADER]: TOKEN });
  expect(allowed.status).toBe(200);
  expect(JSON.parse(allowed.body)).toEqual({ Retried: 0, Failed: 0, Total: 0 });
});

test('a body over the cap is refused: from Content-Length at once, a chunked one once the cap is passed; memory stays flat', async () => {
  const before = process.memoryUsage().rss;
  const headers = { 'x-amz-target': 'AWSEvents.PutEvents' };
  const declared = await sendOversizedBody(bus.url, 600 * 1024 * 1024, { declare: true, headers });
  expect(declared.status).toBe(413);
  expect(declared.bytesSent).toBeLessThan(64 * 1024 * 1024);
  const chunked = await sendOversizedBody(bus.url, 600 * 1024 * 1024, { declare: false, headers });
  expect(chunked.status).toBe(413);
  expect(JSON.parse(chunked.body)).toMatchObject({ __type: 'ValidationException' });
  // The bus reads up to its cap and no further.
  expect(chunked.bytesSent).toBeLessThan(MAX_BODY_BYTES + 64 * 1024 * 1024);
  expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
});
