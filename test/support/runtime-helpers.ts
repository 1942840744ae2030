// Helpers for end-to-end tests of the local runtime: send events as a user would (real
// PutEventsCommand), read the index back over HTTP, and wait with a deadline instead of sleeping.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ScenarioEvent {
  id: string;
  'detail-type': string;
  source: string;
  time: string;
  resources?: string[];
  detail: Record<string, unknown>;
}

export function demoScenario(): ScenarioEvent[] {
  return JSON.parse(readFileSync(resolve(__dirname, '../../events/scenario/demo-scenario.json'), 'utf8'));
}

export async function putEvents(endpoint: string, events: readonly ScenarioEvent[]): Promise<number> {
  const client = new EventBridgeClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  let failed = 0;
  try {
    for (let at = 0; at < events.length; at += 10) {
      const result = await client.send(
        new PutEventsCommand({
          Entries: events.slice(at, at + 10).map((event) => ({
            Source: event.source,
            DetailType: event['detail-type'],
            Detail: JSON.stringify(event.detail),
            Resources: event.resources,
            Time: new Date(event.time),
          })),
        }),
      );
      failed += result.FailedEntryCount ?? 0;
    }
  } finally {
    client.destroy();
  }
  return failed;
}

type Json = Record<string, unknown>;

/** Every item of a paged list route, following nextCursor; `indexedAt` (wall clock) dropped. */
export async function listAll(apiUrl: string, path: string): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | undefined;
  do {
    const url = new URL(`${apiUrl}${path}`);
    url.searchParams.set('limit', '1000');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url);
    if (response.status !== 200)
      throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { items: Json[]; nextCursor?: string | null };
    items.push(...body.items.map(({ indexedAt: _indexedAt, ...item }) => item));
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
  return items.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

export async function indexSnapshot(apiUrl: string) {
  return {
    resources: await listAll(apiUrl, '/resources?status=all'),
    stacks: await listAll(apiUrl, '/stacks?status=all'),
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

/** A deterministic shuffle (so a failure can be reproduced) with some events repeated. */
export function shuffledWithDuplicates<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const out = [...items, ...items.filter(() => random() < 0.3)];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
