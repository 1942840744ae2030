// `npm run bench` options: what to measure and how much of it. Quick mode shrinks every amount so a
// run finishes in under two minutes on a 2-core machine; the default run is the one to quote.
import { parseArgs } from 'node:util';

export const SECTIONS = ['ingest', 'freshness', 'query', 'coldstart', 'snapshot'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  seed: number;
  /** Where the JSON report goes. */
  out: string;
  sections: Section[];
  /** Dispatcher concurrency levels of the ingest run (events delivered at once). */
  concurrency: number[];
  /** Events sent per ingest level (after the warm-up). */
  ingestEvents: number;
  warmupEvents: number;
  /** Index sizes (resources) of the query run, ascending. */
  sizes: number[];
  /** Requests per query scenario, for the API and for the raw Query alike. */
  queryIterations: number;
  /** Page size of every listed query. */
  pageLimit: number;
  /** The page the "deep page" scenarios read (1 is the first page). */
  deepPage: number;
  freshnessProbes: number;
  /** Background load during the freshness run, as a share of the measured ingest throughput. */
  freshnessLoadShare: number;
  coldStartSpawns: number;
  /** Prior changes of one resource at which write cost is measured (history growth). */
  historyLengths: number[];
  /** Changes timed at each history length. */
  historyMeasured: number;
  /** Resources in the snapshot import run (one listing of one account and region). */
  snapshotResources: number;
  /** Run the runtime child of this section under `--cpu-prof` and summarize where its time goes. */
  profile?: 'ingest' | 'freshness' | 'query';
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

Measures the local inventory against the raw cost of the same DynamoDB Local operations, prints a
table and writes JSON (default bench/results/latest.json).

  --quick                 small amounts: finishes in under 2 minutes on 2 cores
  --sizes N,N             index sizes for the query run (default 10000,100000; quick 2000,10000)
  --with-1m               add an index of 1,000,000 resources to the query run (slow to seed)
  --concurrency N,N       ingest delivery concurrency levels (default 1,4,16; quick 1,8)
  --events N              events per ingest level (default 2000; quick 400)
  --iterations N          requests per query scenario (default 200; quick 30)
  --seed N                random seed for events, resources and orders (default 42)
  --only LIST             only these sections: ${SECTIONS.join(',')}
  --profile SECTION       CPU-profile the runtime during that run (ingest, freshness or query) and
                          summarize where its time went
  --out FILE              JSON report path (default bench/results/latest.json)
  --help                  this text
`;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      'with-1m': { type: 'boolean', default: false },
      concurrency: { type: 'string' },
      events: { type: 'string' },
      iterations: { type: 'string' },
      seed: { type: 'string' },
      only: { type: 'string' },
      profile: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const quick = values.quick;
  const sizes = values.sizes
    ? positiveList('--sizes', values.sizes)
    : quick
      ? [2_000, 10_000]
      : [10_000, 100_000];
  if (values['with-1m']) sizes.push(1_000_000);
  const profile = values.profile;
  if (profile !== undefined && profile !== 'ingest' && profile !== 'freshness' && profile !== 'query')
    throw new Error(`--profile must be ingest, freshness or query, not '${profile}'`);
  return {
    quick,
    seed: values.seed === undefined ? 42 : integer('--seed', values.seed, 0),
    out: values.out ?? 'bench/results/latest.json',
    sections: values.only ? sectionList(values.only) : [...SECTIONS],
    concurrency: values.concurrency
      ? positiveList('--concurrency', values.concurrency)
      : quick
        ? [1, 8]
        : [1, 4, 16],
    ingestEvents: values.events ? integer('--events', values.events, 1) : quick ? 400 : 2_000,
    warmupEvents: quick ? 60 : 200,
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    queryIterations: values.iterations ? integer('--iterations', values.iterations, 1) : quick ? 30 : 200,
    pageLimit: 100,
    deepPage: 10,
    freshnessProbes: quick ? 80 : 300,
    freshnessLoadShare: 0.5,
    coldStartSpawns: quick ? 5 : 15,
    historyLengths: quick ? [1, 100, 1_000] : [1, 100, 1_000, 10_000],
    historyMeasured: quick ? 30 : 60,
    snapshotResources: quick ? 1_000 : 5_000,
    profile,
    help: values.help,
  };
}

function integer(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number >= ${min}, not '${text}'`);
  return value;
}

function positiveList(name: string, text: string): number[] {
  const values = text.split(',').map((part) => integer(name, part.trim().replace(/_/g, ''), 1));
  if (values.length === 0) throw new Error(`${name} needs at least one number`);
  return values;
}

function sectionList(text: string): Section[] {
  return text.split(',').map((part) => {
    const section = SECTIONS.find((known) => known === part.trim());
    if (!section) throw new Error(`--only takes ${SECTIONS.join(', ')}, not '${part}'`);
    return section;
  });
}
