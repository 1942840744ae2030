// Ingest throughput through the whole local path: PutEvents over HTTP -> local bus -> rule match ->
// ingest handler -> index store -> DynamoDB Local, at one delivery concurrency, on a fresh table;
// with the DynamoDB requests the runtime made per event and its peak RSS.
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { sendBenchEvents } from './bench-event-sender';
import type { BenchEvent } from './event-mix';
import { round } from './latency-summary';
import type { LatencySummary } from './latency-summary';
import { cpuMsBetween, cpuSnapshot } from './process-cpu';
import type { RuntimeChild } from './runtime-child';

export interface IngestRun {
  concurrency: number;
  /** Events sent and accepted by the bus. */
  events: number;
  /** Events a rule matched and the handler processed (the rest no rule wants, e.g. *_IN_PROGRESS). */
  delivered: number;
  unmatched: number;
  retried: number;
  deadLettered: number;
  seconds: number;
  eventsPerSecond: number;
  dynamodbRequests: number;
  dynamodbRequestsPerEvent: number;
  dynamodbRequestsPerDeliveredEvent: number;
  dynamodbRequestsPerSecond: number;
  requestsByOperation: Record<string, number>;
  /** DynamoDB capacity units consumed per event, indexes included (ReturnConsumedCapacity). */
  capacityPerEvent: { read: number; write: number };
  /** DynamoDB request latency as the runtime saw it during the run. */
  dynamodbLatencyMs: LatencySummary;
  /** CPU milliseconds per event: the runtime, DynamoDB Local, and this process (the PutEvents sender). */
  cpuMsPerEvent: Record<string, number>;
}

export async function measureIngest(
  runtime: RuntimeChild,
  bus: EventBridgeClient,
  options: {
    concurrency: number;
    warmup: readonly BenchEvent[];
    events: readonly BenchEvent[];
    senders: number;
    dynamodbPid?: number;
    /** Profile the runtime over the measured events and write the .cpuprofile here. */
    profilePath?: string;
  },
): Promise<IngestRun> {
  await sendBenchEvents(bus, options.warmup, options.senders);
  await runtime.drain();
  const before = await runtime.resetCounters();
  if (options.profilePath) await runtime.startProfile();
  const pids = { runtime: runtime.pid, dynamodbLocal: options.dynamodbPid, bench: process.pid };
  const cpuBefore = cpuSnapshot(pids);
  const started = performance.now();
  await sendBenchEvents(bus, options.events, options.senders);
  const after = await runtime.drain();
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuMsBetween(cpuBefore, cpuSnapshot(pids));
  if (options.profilePath) await runtime.stopProfile(options.profilePath);
  const requests = Object.values(after.dynamodbRequests).reduce((sum, count) => sum + count, 0);
  const delta = (key: 'accepted' | 'delivered' | 'unmatched' | 'retried' | 'deadLettered') =>
    after.dispatch[key] - before.dispatch[key];
  const delivered = delta('delivered');
  return {
    concurrency: options.concurrency,
    events: delta('accepted'),
    delivered,
    unmatched: delta('unmatched'),
    retried: delta('retried'),
    deadLettered: delta('deadLettered'),
    seconds: round(seconds, 2),
    eventsPerSecond: round(options.events.length / seconds, 1),
    dynamodbRequests: requests,
    dynamodbRequestsPerEvent: round(requests / options.events.length, 2),
    dynamodbRequestsPerDeliveredEvent: round(requests / Math.max(1, delivered), 2),
    dynamodbRequestsPerSecond: round(requests / seconds, 1),
    requestsByOperation: after.dynamodbRequests,
    capacityPerEvent: {
      read: round(after.consumedCapacity.read / options.events.length, 2),
      write: round(after.consumedCapacity.write / options.events.length, 2),
    },
    dynamodbLatencyMs: after.dynamodbLatencyMs,
    cpuMsPerEvent: Object.fromEntries(
      Object.entries(cpu).map(([name, ms]) => [name, round(ms / options.events.length, 2)]),
    ),
  };
}
