// The query run: grows one index table to each size in turn (seeded directly in the store's item
// layout), picks the busiest type, stack, account+region and tags of what is there, and measures each
// listing's first and deep pages through the runtime's HTTP API and as raw DynamoDB requests.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ResourceRecord } from '../shared/model/resource-record';
import { createDocumentClient, createDynamoDbClient } from '../shared/store/dynamodb-client';
import { IndexStore } from '../shared/store/index-store';
import { recordRequests } from './dynamodb-request-recorder';
import { measureQueryScenario } from './query-latency';
import type { QueryResult, QueryScenario } from './query-latency';
import { createResourcePopulation } from './resource-population';
import { measureShardedListing } from './sharded-listing';
import type { ShardedListingResult } from './sharded-listing';
import type { RuntimeChild } from './runtime-child';
import { createFreshTable, seedResources } from './table-seeder';
import { round } from './latency-summary';

export const SEEDING_NOTE =
  "Query indexes are seeded directly with BatchWriteItem in the store's own item layout (resourceRowItem/resourceTagItem), not through the ingest path.";

export interface QuerySizeResult {
  resources: number;
  /** Rows and tag items in the table. */
  items: number;
  seedSeconds: number;
  scenarios: QueryResult[];
  /** The status-only listing, sharded, against one Query on one partition. */
  shardedListing: ShardedListingResult;
}

export interface QueryBenchmarkOptions {
  endpoint: string;
  client: DynamoDBClient;
  tableName: string;
  runtime: RuntimeChild;
  sizes: number[];
  seed: number;
  iterations: number;
  limit: number;
  deepPage: number;
  log: (line: string) => void;
}

export async function runQueryBenchmark(options: QueryBenchmarkOptions): Promise<QuerySizeResult[]> {
  const { client, tableName } = options;
  await createFreshTable(client, tableName);
  // The store the benchmark asks for page keys and requests, on its own recorded client.
  const recordedClient = createDynamoDbClient({ endpoint: options.endpoint });
  const recorder = recordRequests(recordedClient);
  const store = new IndexStore({ client: createDocumentClient(recordedClient), tableName });
  const seedingClient = createDocumentClient(client);
  const population = createResourcePopulation(options.seed);
  const tally = new PopulationTally();
  const results: QuerySizeResult[] = [];
  let seeded = 0;
  let items = 0;
  let seedSeconds = 0;
  try {
    for (const size of options.sizes) {
      while (seeded < size) {
        const chunk: ResourceRecord[] = [];
        for (; seeded < size && chunk.length < 5_000; seeded++) chunk.push(population.next());
        chunk.forEach((record) => tally.add(record));
        const written = await seedResources(seedingClient, tableName, chunk);
        items += written.items;
        seedSeconds += written.seconds;
      }
      options.log(`query: ${size} resources seeded (${items} items, ${round(seedSeconds, 1)} s so far)`);
      const scenarios: QueryResult[] = [];
      for (const scenario of tally.scenarios(options.deepPage)) {
        scenarios.push(
          await measureQueryScenario(scenario, {
            runtime: options.runtime,
            store,
            recorder,
            raw: client,
            limit: options.limit,
            iterations: options.iterations,
          }),
        );
      }
      const shardedListing = await measureShardedListing(store, client, {
        tableName,
        limit: options.limit,
        iterations: options.iterations,
      });
      results.push({ resources: size, items, seedSeconds: round(seedSeconds, 1), scenarios, shardedListing });
    }
  } finally {
    recordedClient.destroy();
  }
  return results;
}

/** Running counts of active resources per filter value, to query the busiest ones. */
class PopulationTally {
  private readonly types = new Map<string, number>();
  private readonly stacks = new Map<string, number>();
  private readonly accountRegions = new Map<string, number>();
  private readonly teams = new Map<string, number>();

  add(record: ResourceRecord): void {
    if (record.status !== 'active') return;
    bump(this.types, record.type);
    if (record.stack) bump(this.stacks, record.stack.name);
    if (record.region !== 'global') bump(this.accountRegions, `${record.account}|${record.region}`);
    if (record.tags.team) bump(this.teams, record.tags.team);
  }

  scenarios(deepPage: number): QueryScenario[] {
    const type = busiest(this.types);
    const stack = busiest(this.stacks);
    const [account, region] = busiest(this.accountRegions).split('|');
    const team = busiest(this.teams);
    const both = (name: string, query: Record<string, string>, filter: QueryScenario['filter']) => [
      { name: `${name}, first page`, query, filter, page: 1 },
      { name: `${name}, deep page`, query, filter, page: deepPage },
    ];
    return [
      ...both('by type', { type }, { type }),
      { name: 'by stack, first page', query: { stack }, filter: { stack }, page: 1 },
      ...both('by account+region', { account, region }, { account, region }),
      ...both('by type + tag', { type, 'tag.env': 'prod' }, { type, tags: { env: 'prod' } }),
      ...both('by tag only', { 'tag.team': team }, { tags: { team } }),
    ];
  }
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function busiest(counts: Map<string, number>): string {
  let best = '';
  let most = -1;
  for (const [key, count] of counts) {
    if (count > most || (count === most && key < best)) {
      best = key;
      most = count;
    }
  }
  return best;
}
