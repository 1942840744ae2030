// The benchmark's inputs: options, the seeded event mix (every event is one the normalizers accept,
// with the ids the samples promise) and the seeded resource population.
import { benchListing } from '../../bench/snapshot-import';
import { observationEvents } from '../../shared/snapshot/snapshot-events';
import { parseBenchOptions } from '../../bench/bench-options';
import { countByKind, generateEventMix, probeEvent } from '../../bench/event-mix';
import type { BenchEvent } from '../../bench/event-mix';
import { generateResources } from '../../bench/resource-population';
import { SeededRandom } from '../../bench/seeded-random';
import { normalizeEvent } from '../../shared/ingest/normalize-event';

/** The envelope the local bus would wrap around a PutEvents entry. */
function envelope(event: BenchEvent, id: string) {
  return {
    version: '0',
    id,
    'detail-type': event.detailType,
    source: event.source,
    account: '000000000000',
    time: event.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: event.resources,
    detail: event.detail,
  };
}

describe('parseBenchOptions', () => {
  it('has quick amounts and default amounts', () => {
    const quick = parseBenchOptions(['--quick']);
    expect(quick).toMatchObject({ quick: true, sizes: [2_000, 10_000], concurrency: [1, 8], seed: 42 });
    const full = parseBenchOptions([]);
    expect(full).toMatchObject({ quick: false, sizes: [10_000, 100_000], concurrency: [1, 4, 16] });
    expect(full.sections).toEqual(['ingest', 'freshness', 'query', 'coldstart', 'snapshot']);
  });

  it('reads sizes, the 1M option, concurrency, seed, sections and output', () => {
    const options = parseBenchOptions([
      '--sizes',
      '100000,10_000',
      '--with-1m',
      '--concurrency',
      '2,32',
      '--seed',
      '7',
      '--only',
      'query,coldstart',
      '--out',
      'x.json',
    ]);
    expect(options).toMatchObject({
      sizes: [10_000, 100_000, 1_000_000],
      concurrency: [2, 32],
      seed: 7,
      sections: ['query', 'coldstart'],
      out: 'x.json',
    });
  });

  it('refuses what it cannot measure', () => {
    expect(() => parseBenchOptions(['--sizes', '0'])).toThrow('--sizes');
    expect(() => parseBenchOptions(['--concurrency', 'many'])).toThrow('--concurrency');
    expect(() => parseBenchOptions(['--only', 'everything'])).toThrow('--only');
    expect(() => parseBenchOptions(['--profile', 'memory'])).toThrow('--profile');
    expect(() => parseBenchOptions(['--fast'])).toThrow();
  });
});

describe('SeededRandom', () => {
  it('repeats its stream for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(0).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});

describe('generateEventMix', () => {
  const events = generateEventMix(42, 600);

  it('is the same list for the same seed, in time order', () => {
    expect(JSON.stringify(generateEventMix(42, 600))).toBe(JSON.stringify(events));
    expect(JSON.stringify(generateEventMix(43, 600))).not.toBe(JSON.stringify(events));
    const times = events.map((event) => event.time.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('mixes CloudFormation deploys and CloudTrail creates, tags and deletes', () => {
    const counts = countByKind(events);
    expect(events).toHaveLength(600);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(0);
    const cloudFormation = counts['stack-status'] + counts['resource-status'];
    expect(cloudFormation / events.length).toBeGreaterThan(0.3);
    expect(cloudFormation / events.length).toBeLessThan(0.7);
  });

  it('makes only events the normalizers accept: none rejected or unmapped', () => {
    const outcomes: Record<string, number> = {};
    const refused: string[] = [];
    events.forEach((event, index) => {
      const result = normalizeEvent(envelope(event, `bench-${index}`));
      outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      if (result.outcome === 'rejected' || result.outcome === 'unmapped')
        refused.push(`${event.detailType} ${String(event.detail.eventName ?? '')}: ${result.reason}`);
    });
    expect(refused).toEqual([]);
    expect(Object.keys(outcomes).sort()).toEqual(['mapped', 'skipped']);
    expect(outcomes.mapped).toBeGreaterThan(events.length / 2);
  });

  it('gives probes fresh resources whose ids are what the normalizer makes of them', () => {
    const ids = new Set<string>();
    for (let probe = 0; probe < 20; probe++) {
      const { event, resourceId } = probeEvent(42, probe);
      const result = normalizeEvent(envelope(event, `probe-${probe}`));
      expect(result.changes.map((change) => change.id)).toEqual([resourceId]);
      ids.add(resourceId);
    }
    expect(ids.size).toBe(20);
  });
});

describe('generateResources', () => {
  it('is prefix-stable: the first N of a larger population are the population of N', () => {
    expect(generateResources(42, 300)).toEqual(generateResources(42, 1_000).slice(0, 300));
  });

  it('has unique ids, ARNs, stacks of up to 500 resources, tags and tombstones', () => {
    const resources = generateResources(42, 5_000);
    expect(new Set(resources.map((resource) => resource.id)).size).toBe(resources.length);
    expect(resources.every((resource) => resource.arn === resource.id)).toBe(true);
    const stackSizes = new Map<string, number>();
    for (const resource of resources)
      if (resource.stack) stackSizes.set(resource.stack.name, (stackSizes.get(resource.stack.name) ?? 0) + 1);
    expect(Math.max(...stackSizes.values())).toBeGreaterThan(100);
    expect(Math.max(...stackSizes.values())).toBeLessThanOrEqual(500);
    const deleted = resources.filter((resource) => resource.status === 'deleted').length;
    expect(deleted / resources.length).toBeGreaterThan(0.05);
    expect(resources.some((resource) => resource.tags.team && resource.tags.env)).toBe(true);
  });
});

describe('snapshot import input', () => {
  it('is one complete listing of distinct resources, in batches the bus takes', () => {
    const listing = benchListing(7, 250);
    expect(new Set(listing.observations.map((observation) => observation.id)).size).toBe(250);
    expect(listing.completeTypes.length).toBeGreaterThan(3);
    expect(observationEvents(listing)).toHaveLength(3);
  });
});
