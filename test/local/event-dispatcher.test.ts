// The local bus's delivery: bounded in-flight work, retries with backoff, dead letters, redrive.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadLetterFile } from '../../shared/local/dead-letter-file';
import { EventDispatcher } from '../../shared/local/event-dispatcher';
import type { BusTarget } from '../../shared/local/event-dispatcher';
import { entrySize, envelopeEntry } from '../../shared/local/put-events-protocol';
import type { BusEvent } from '../../shared/local/put-events-protocol';
import type { RuleDefinition } from '../../shared/rules/rule-definition';

const dir = mkdtempSync(join(tmpdir(), 'dispatcher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rule: RuleDefinition = {
  name: 'r',
  description: 'every event',
  pattern: { source: ['test'] },
  target: 'cloudtrail-ingest',
};

function event(n: number): BusEvent {
  return {
    version: '0',
    id: `e${n}`,
    'detail-type': 't',
    source: 'test',
    account: '000000000000',
    time: '2024-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: { n },
  };
}

function dispatcherWith(target: BusTarget, file: string, maxInFlight = 64) {
  return new EventDispatcher({
    rules: [rule],
    matches: (candidate) => (candidate.source === 'test' ? [rule] : []),
    targets: { 'cloudtrail-ingest': target, 'cloudformation-ingest': target },
    deadLetters: new DeadLetterFile(join(dir, file)),
    maxInFlight,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 4 },
  });
}

test('accept waits while the bus is at capacity, and resumes as work completes', async () => {
  const releases: (() => void)[] = [];
  const dispatcher = dispatcherWith(
    () => new Promise<void>((resolve) => releases.push(resolve)),
    'cap.jsonl',
    2,
  );
  await dispatcher.accept(event(1));
  await dispatcher.accept(event(2));
  let thirdAccepted = false;
  const third = dispatcher.accept(event(3)).then(() => (thirdAccepted = true));
  await new Promise((resolve) => setImmediate(resolve));
  expect(thirdAccepted).toBe(false);
  expect(dispatcher.stats.inFlight).toBe(2);
  releases.shift()!();
  await third;
  expect(thirdAccepted).toBe(true);
  while (releases.length > 0 || dispatcher.stats.inFlight > 0) {
    releases.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await dispatcher.drain();
  expect(dispatcher.stats).toMatchObject({ accepted: 3, delivered: 3, deadLettered: 0 });
});

test('a failing target is retried, then dead-lettered with its error; redrive keeps only what fails again', async () => {
  let healthy = false;
  const calls = new Map<string, number>();
  const dispatcher = dispatcherWith(async (received) => {
    calls.set(received.id, (calls.get(received.id) ?? 0) + 1);
    if (!healthy || received.id === 'e2') throw new Error(`store down for ${received.id}`);
  }, 'dlq.jsonl');
  await dispatcher.accept(event(1));
  await dispatcher.accept(event(2));
  await dispatcher.accept({ ...event(3), source: 'elsewhere' });
  await dispatcher.drain();
  expect(calls).toEqual(
    new Map([
      ['e1', 3],
      ['e2', 3],
    ]),
  );
  expect(dispatcher.stats).toMatchObject({ accepted: 3, unmatched: 1, deadLettered: 2, retried: 4 });
  const letters = readFileSync(join(dir, 'dlq.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(letters.map((letter) => [letter.event.id, letter.error])).toEqual([
    ['e1', 'Error: store down for e1'],
    ['e2', 'Error: store down for e2'],
  ]);

  healthy = true;
  expect(await dispatcher.redrive()).toEqual({ retried: 2, failed: 1, total: 2 });
  const left = readFileSync(join(dir, 'dlq.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(left.map((letter) => letter.event.id)).toEqual(['e2']);
});

test('entries are sized as EventBridge sizes them and wrapped in a full envelope', () => {
  const entry = {
    Source: 'aws.s3',
    DetailType: 'AWS API Call via CloudTrail',
    Detail: '{"a":"é"}',
    Resources: ['r1'],
    Time: 1_700_000_000,
  };
  expect(entrySize(entry)).toBe(14 + 6 + 27 + Buffer.byteLength('{"a":"é"}') + 2);
  const wrapped = envelopeEntry(entry, {
    account: '111122223333',
    region: 'eu-west-1',
    now: () => new Date(),
  });
  expect(wrapped).toEqual({
    event: {
      version: '0',
      id: expect.any(String),
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.s3',
      account: '111122223333',
      time: '2023-11-14T22:13:20Z',
      region: 'eu-west-1',
      resources: ['r1'],
      detail: { a: 'é' },
    },
  });
});

test('an unmatched event woken for a free slot passes the wake-up on to the next waiter', async () => {
  const releases: (() => void)[] = [];
  const dispatcher = dispatcherWith(
    () => new Promise<void>((resolve) => releases.push(resolve)),
    'wake.jsonl',
    1,
  );
  await dispatcher.accept(event(1));
  const unmatched = dispatcher.accept({ ...event(2), source: 'elsewhere' });
  const matched = dispatcher.accept(event(3));
  await new Promise((resolve) => setImmediate(resolve));
  releases.shift()!();
  await unmatched;
  await matched;
  releases.shift()?.();
  await dispatcher.drain();
  expect(dispatcher.stats).toMatchObject({ accepted: 3, unmatched: 1, delivered: 2 });
});
