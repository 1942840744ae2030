// Freshness: from PutEvents accepted to the resource visible through GET /resources/{id}, while a
// steady background load (a share of the measured throughput) flows through the same bus. Beside it,
// the floor under the same load: one PutItem then one consistent GetItem on the same DynamoDB Local.
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { resourceRowItem } from '../shared/store/index-items';
import { sendBenchEvents } from './bench-event-sender';
import { generateEventMix, probeEvent } from './event-mix';
import { ratioTo, round, summarizeLatencies } from './latency-summary';
import type { LatencySummary } from './latency-summary';
import { generateResources } from './resource-population';
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
}

export async function measureFreshness(options: {
  apiUrl: string;
  bus: EventBridgeClient;
  client: DynamoDBDocumentClient;
  floorTable: string;
  eventsPerSecond: number;
  probes: number;
  seed: number;
}): Promise<FreshnessRun> {
  const random = new SeededRandom(options.seed + 11);
  const background = startBackgroundLoad(options.bus, options.eventsPerSecond, options.seed + 3);
  const visible: number[] = [];
  const putEvents: number[] = [];
  const polls: number[] = [];
  const floor: number[] = [];
  const floorRows = generateResources(options.seed + 17, options.probes).map((record) =>
    resourceRowItem(record, 1, undefined),
  );
  try {
    // Let the background reach its steady state before the first probe.
    await sleep(1_000);
    for (let probe = 0; probe < options.probes; probe++) {
      const { event, resourceId } = probeEvent(options.seed, probe);
      const sent = performance.now();
      await sendBenchEvents(options.bus, [event], 1);
      const accepted = performance.now();
      putEvents.push(accepted - sent);
      const url = `${options.apiUrl}/resources/${encodeURIComponent(resourceId)}`;
      for (const deadline = accepted + 30_000; ;) {
        const pollStarted = performance.now();
        const response = await fetch(url);
        await response.arrayBuffer();
        polls.push(performance.now() - pollStarted);
        if (response.status === 200) break;
        if (response.status !== 404) throw new Error(`GET ${url} answered ${response.status}`);
        if (performance.now() > deadline) throw new Error(`${resourceId} was not visible after 30 s`);
      }
      visible.push(performance.now() - accepted);

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
      floor.push(performance.now() - floorStarted);
      await sleep(random.int(20, 60));
    }
  } finally {
    await background.stop();
  }
  const visibleMs = summarizeLatencies(visible);
  const floorMs = summarizeLatencies(floor);
  return {
    probes: visible.length,
    backgroundOfferedPerSecond: round(options.eventsPerSecond, 1),
    backgroundSentPerSecond: round(background.sentPerSecond(), 1),
    visibleMs,
    putEventsMs: summarizeLatencies(putEvents),
    pollMs: summarizeLatencies(polls),
    floorMs,
    ratioP50: ratioTo(visibleMs.p50, floorMs.p50),
    ratioP99: ratioTo(visibleMs.p99, floorMs.p99),
  };
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
