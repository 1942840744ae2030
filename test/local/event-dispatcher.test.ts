// The local bus's delivery: bounded in-flight work, retries with backoff, dead letters, redrive,
// throttling, and no accepted event lost to a dead letter that cannot be written or serialised.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadLetterFile } from '../../shared/local/dead-letter-file';
import { EventDispatcher } from '../../shared/local/event-dispatcher';
import type { BusTarget } from '../../shared/local/event-dispatcher';
import { EventJournal } from '../../shared/local/event-journal';
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

describe('nothing accepted is lost', () => {
  const deepDetail = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const failing: BusTarget = async () => {
    throw new Error('cannot index this');
  };
  const context = { account: '000000000000', region: 'us-east-1', now: () => new Date() };

  test('a dead letter of a 10,000-deep detail is written with the detail as sent, and survives a redrive', async () => {
    const dispatcher = dispatcherWith(failing, 'deep.jsonl');
    const wrapped = envelopeEntry({ Source: 'test', DetailType: 't', Detail: deepDetail }, context);
    if (!('event' in wrapped)) throw new Error('the entry should be valid');
    expect(() => JSON.stringify(wrapped.event)).toThrow(RangeError);
    await dispatcher.accept(wrapped.event);
    await dispatcher.drain();
    const line = readFileSync(join(dir, 'deep.jsonl'), 'utf8').trim();
    expect(line.endsWith(`"detail":${deepDetail}}}`)).toBe(true);
    expect(JSON.parse(line)).toMatchObject({
      error: 'Error: cannot index this',
      event: { id: wrapped.event.id },
    });

    expect(await dispatcher.redrive()).toEqual({ retried: 1, failed: 1, total: 1 });
    const after = readFileSync(join(dir, 'deep.jsonl'), 'utf8').trim();
    expect(after.endsWith(`"detail":${deepDetail}}}`)).toBe(true);
  });

  test('an unserialisable event without its text is kept in a truncated form, with the error', async () => {
    const dispatcher = dispatcherWith(failing, 'truncated.jsonl');
    const deep = { ...event(1), detail: JSON.parse(deepDetail) as Record<string, unknown> };
    await dispatcher.accept(deep);
    await dispatcher.drain();
    const letter = JSON.parse(readFileSync(join(dir, 'truncated.jsonl'), 'utf8'));
    expect(letter.serializationError).toMatch(/RangeError/);
    expect(letter.event).toMatchObject({ id: 'e1', source: 'test', detail: { unserializable: true } });
    expect(letter.event.detail.preview.startsWith('{"a":{"a":')).toBe(true);
  });

  test('a dead letter that cannot be written is an error: new events are refused, the event stays journaled, and it is written once the file can be', async () => {
    const deadLetterDir = join(dir, 'not-yet');
    const journalled = await EventJournal.open(join(dir, 'unwritable.log'));
    const reported: string[] = [];
    const dispatcher = new EventDispatcher({
      rules: [rule],
      matches: (candidate) => (candidate.source === 'test' ? [rule] : []),
      targets: { 'cloudtrail-ingest': failing, 'cloudformation-ingest': failing },
      deadLetters: new DeadLetterFile(join(deadLetterDir, 'dlq.jsonl')),
      journal: journalled.journal,
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
      onError: (message) => reported.push(message),
    });
    await dispatcher.accept(event(1));
    await waitUntil(() => dispatcher.stats.deadLetterWriteFailures > 0);
    expect(dispatcher.unhealthy).toMatch(/ENOENT/);
    expect(reported).toContain('dead letter could not be written; refusing new events until it can');
    const [refused] = await dispatcher.acceptBatch([event(2)]);
    expect(refused).toEqual({
      accepted: false,
      code: 'InternalFailure',
      message: expect.stringMatching(/cannot write dead letters/),
    });
    expect(journalled.journal.pendingCount).toBe(1);

    mkdirSync(deadLetterDir);
    await dispatcher.drain();
    expect(dispatcher.unhealthy).toBeUndefined();
    expect(JSON.parse(readFileSync(join(deadLetterDir, 'dlq.jsonl'), 'utf8')).event.id).toBe('e1');
    expect(journalled.journal.pendingCount).toBe(0);
    await journalled.journal.close();
  });

  test('stopping gives up waiting between retries and leaves the event in the journal for the next start', async () => {
    const path = join(dir, 'stop.log');
    const first = await EventJournal.open(path);
    const dispatcher = new EventDispatcher({
      rules: [rule],
      matches: () => [rule],
      targets: { 'cloudtrail-ingest': failing, 'cloudformation-ingest': failing },
      deadLetters: new DeadLetterFile(join(dir, 'stop.jsonl')),
      journal: first.journal,
      retry: { attempts: 10, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await dispatcher.accept(event(7));
    expect(await dispatcher.stop(20)).toBe(1);
    await first.journal.close();
    const next = await EventJournal.open(path);
    expect(next.unfinished.map((entry) => entry.id)).toEqual(['e7']);
    await next.journal.close();
  });
});

test('a PutEvents request that finds no room within its wait is throttled, and nothing of it is taken', async () => {
  const releases: (() => void)[] = [];
  const dispatcher = dispatcherWith(
    () => new Promise<void>((resolve) => releases.push(resolve)),
    'throttle.jsonl',
    1,
  );
  await dispatcher.accept(event(1));
  const outcomes = await dispatcher.acceptBatch([event(2), { ...event(3), source: 'elsewhere' }], 30);
  expect(outcomes).toEqual([
    { accepted: false, code: 'ThrottlingException', message: expect.any(String) },
    { accepted: true },
  ]);
  expect(dispatcher.stats.throttled).toBe(1);
  releases.shift()!();
  await dispatcher.drain();
  expect(dispatcher.stats.delivered).toBe(1);
});

async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
