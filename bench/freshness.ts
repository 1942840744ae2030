// Freshness: from PutEvents accepted to the resource visible through GET /resources/{id}, while a
// steady background load (a share of the measured throughput) flows through the same bus. Beside it,
// the floor under the same load: one PutItem then one consistent GetItem on the same DynamoDB Local.
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { resourceRowItem } from '../shared/store/index-items';
import { sendBenchEvents } from './bench-event-sender';
import { generateEventMix, probeEvent } from './event-mix';
import type { BenchEvent } from './event-mix';
import { ratioTo, round, summarizeLatencies } from './latency-summary';
import type { LatencySummary } from './latency-summary';
import { generateResources } from './resource-population';
import type { RuntimeChild } from './runtime-child';
import type { RuntimeStats } from './runtime-protocol';
import { SeededRandom } from './seeded-random';

export interface FreshnessRun {
  probes: number;
  /** Events per second the background load offered (and what the bus accepted of it). */
  backgroundOfferedPerSecond: number;
  backgroundSentPerSecond: number;
  /** PutEvents accepted -> GET /resources/{id} answers 200. */
  visibleMs: LatencySummary;
  /** The PutEvents request itself (sent -> accepted). */
  putEventsMs: LatencySummary;
  /** One GET /resources/{id} round trip: the resolution of the visibility time. */
  pollMs: LatencySummary;
  /** PutItem then consistent GetItem of one row, under the same load. */
  floorMs: LatencySummary;
  ratioP50: number | null;
  ratioP99: number | null;
  /** DynamoDB requests per event and their latency as the runtime saw them, during the probes. */
  dynamodbRequestsPerEvent: number;
  dynamodbLatencyMs: LatencySummary;
}

export async function measureFreshness(options: {
  runtime: RuntimeChild;
  bus: EventBridgeClient;
  client: DynamoDBDocumentClient;
  floorTable: string;
  eventsPerSecond: number;
  probes: number;
  seed: number;
}): Promise<FreshnessRun> {
  const random = new SeededRandom(options.seed + 11);
  const background = startBackgroundLoad(options.bus, options.eventsPerSecond, options.seed + 3);
  const samples = {
    visible: [] as number[],
    putEvents: [] as number[],
    polls: [] as number[],
    floor: [] as number[],
  };
  const floorRows = generateResources(options.seed + 17, options.probes).map((record) =>
    resourceRowItem(record, 1, undefined),
  );
  let runtimeStats: { before: RuntimeStats; after: RuntimeStats };
  try {
    // Pacing, not waiting for a condition: let the background load reach its steady state first.
    await sleep(1_000);
    const before = await options.runtime.resetCounters();
    for (let probe = 0; probe < options.probes; probe++) {
      await probeOnce(options, probeEvent(options.seed, probe), samples);
      const row = floorRows[probe];
      const floorStarted = performance.now();
      await options.client.send(new PutCommand({ TableName: options.floorTable, Item: row }));
      await options.client.send(
        new GetCommand({
          TableName: options.floorTable,
          Key: { pk: row.pk, sk: row.sk },
          ConsistentRead: true,
        }),
      );
      samples.floor.push(performance.now() - floorStarted);
      // A random gap, so probes do not fall into step with the background's 100 ms ticks.
      await sleep(random.int(20, 60));
    }
    runtimeStats = { before, after: await options.runtime.stats() };
  } finally {
    await background.stop();
  }
  const visibleMs = summarizeLatencies(samples.visible);
  const floorMs = summarizeLatencies(samples.floor);
  const requests = Object.values(runtimeStats.after.dynamodbRequests).reduce((sum, count) => sum + count, 0);
  const accepted = runtimeStats.after.dispatch.accepted - runtimeStats.before.dispatch.accepted;
  return {
    probes: samples.visible.length,
    backgroundOfferedPerSecond: round(options.eventsPerSecond, 1),
    backgroundSentPerSecond: round(background.sentPerSecond(), 1),
    visibleMs,
    putEventsMs: summarizeLatencies(samples.putEvents),
    pollMs: summarizeLatencies(samples.polls),
    floorMs,
    ratioP50: ratioTo(visibleMs.p50, floorMs.p50),
    ratioP99: ratioTo(visibleMs.p99, floorMs.p99),
    dynamodbRequestsPerEvent: round(requests / Math.max(1, accepted), 2),
    dynamodbLatencyMs: runtimeStats.after.dynamodbLatencyMs,
  };
}

/** Sends one probe and polls GET /resources/{id} back to back until it answers 200. */
async function probeOnce(
  options: { runtime: RuntimeChild; bus: EventBridgeClient },
  probe: { event: BenchEvent; resourceId: string },
  samples: { visible: number[]; putEvents: number[]; polls: number[] },
): Promise<void> {
  const sent = performance.now();
  await sendBenchEvents(options.bus, [probe.event], 1);
  const accepted = performance.now();
  samples.putEvents.push(accepted - sent);
  const url = `${options.runtime.apiUrl}/resources/${encodeURIComponent(probe.resourceId)}`;
  for (const deadline = accepted + 30_000; ;) {
    const pollStarted = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    samples.polls.push(performance.now() - pollStarted);
    if (response.status === 200) break;
    if (response.status !== 404) throw new Error(`GET ${url} answered ${response.status}`);
    if (performance.now() > deadline) throw new Error(`${probe.resourceId} was not visible after 30 s`);
  }
  samples.visible.push(performance.now() - accepted);
}

/** Open-loop load: every 100 ms, the events due in that tick, whatever the previous tick's fate. */
function startBackgroundLoad(bus: EventBridgeClient, perSecond: number, seed: number) {
  const events = generateEventMix(seed, Math.ceil(perSecond * 300) + 10);
  const started = performance.now();
  let sent = 0;
  let next = 0;
  const inFlight = new Set<Promise<void>>();
  const errors: unknown[] = [];
  const timer = setInterval(() => {
    const due = Math.min(events.length, Math.floor(((performance.now() - started) / 1000) * perSecond));
    if (due <= next) return;
    const batch = events.slice(next, due);
    next = due;
    const sending = sendBenchEvents(bus, batch, 2)
      .then(() => {
        sent += batch.length;
      })
      .catch((error: unknown) => {
        errors.push(error);
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }, 100);
  return {
    sentPerSecond: () => sent / ((performance.now() - started) / 1000),
    async stop() {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      if (errors.length > 0) throw new Error(`background load failed: ${String(errors[0])}`);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
}
