// A seeded population of resource rows for the query benchmark: realistic spreads of types, accounts,
// regions, stacks (5 to 500 resources), tags and tombstones. Generated one by one from the seed, so
// the first N resources of a larger population are exactly the population of size N.
import { identityForPhysicalId, resourceRegion } from '../shared/arn/resource-identity';
import { serviceOfType } from '../shared/model/resource-change';
import type { ResourceRecord } from '../shared/model/resource-record';
import { ACCOUNTS, REGIONS } from './event-mix';
import { SeededRandom } from './seeded-random';

/** Weights roughly as a CDK-heavy account looks: many roles, functions, log groups and buckets. */
const TYPES: readonly (readonly [string, number])[] = [
  ['AWS::IAM::Role', 14],
  ['AWS::Lambda::Function', 14],
  ['AWS::Logs::LogGroup', 12],
  ['AWS::S3::Bucket', 9],
  ['AWS::SQS::Queue', 8],
  ['AWS::SNS::Topic', 6],
  ['AWS::DynamoDB::Table', 6],
  ['AWS::EC2::SecurityGroup', 8],
  ['AWS::EC2::Instance', 5],
  ['AWS::EC2::Volume', 5],
  ['AWS::KMS::Key', 4],
  ['AWS::SecretsManager::Secret', 3],
  ['AWS::ECR::Repository', 3],
  ['AWS::StepFunctions::StateMachine', 3],
];
const ACCOUNT_WEIGHTS = [0.5, 0.3, 0.2];
const REGION_WEIGHTS = [0.5, 0.3, 0.2];
const ENVIRONMENTS = ['prod', 'staging', 'dev'] as const;
export const TEAMS = [
  'payments',
  'search',
  'media',
  'platform',
  'data',
  'identity',
  'growth',
  'mobile',
] as const;
const WORDS = [
  'orders',
  'billing',
  'search',
  'media',
  'auth',
  'reports',
  'events',
  'jobs',
  'assets',
  'users',
];

interface StackInProgress {
  id: string;
  name: string;
  account: string;
  region: string;
  capacity: number;
  members: number;
}

export interface ResourcePopulation {
  /** The next resource of the population (the same sequence for the same seed). */
  next(): ResourceRecord;
}

export function createResourcePopulation(seed: number): ResourcePopulation {
  const random = new SeededRandom(seed ^ 0x5eed);
  let current: StackInProgress | undefined;
  let counter = 0;
  let stackCounter = 0;
  const weightedOf = <T>(values: readonly T[], weights: number[]) =>
    random.weighted(values.map((value, index) => [value, weights[index]] as const));

  // Resources of a stack arrive together (one deploy), interleaved with resources made by hand.
  const stackFor = (): StackInProgress | undefined => {
    if (!random.chance(0.6)) return undefined;
    if (current === undefined || current.members >= current.capacity) {
      stackCounter++;
      const account = weightedOf(ACCOUNTS, ACCOUNT_WEIGHTS);
      const region = weightedOf(REGIONS, REGION_WEIGHTS);
      const name = `${random.pick(WORDS)}-${random.pick(ENVIRONMENTS)}-${stackCounter}`;
      current = {
        id: `arn:aws:cloudformation:${region}:${account}:stack/${name}/${random.uuid()}`,
        name,
        account,
        region,
        // Most stacks are small; a few approach CloudFormation's 500-resource limit.
        capacity: random.chance(0.1) ? random.int(200, 500) : random.int(5, 60),
        members: 0,
      };
    }
    current.members++;
    return current;
  };

  return {
    next() {
      counter++;
      const stack = stackFor();
      const type = random.weighted(TYPES);
      const account = stack?.account ?? weightedOf(ACCOUNTS, ACCOUNT_WEIGHTS);
      const region = resourceRegion(type, stack?.region ?? weightedOf(REGIONS, REGION_WEIGHTS));
      const name = `${stack?.name ?? random.pick(WORDS)}-${type.split('::')[2].toLowerCase()}-${counter}`;
      const physicalId = physicalIdOf(type, name, account, region, random);
      const identity = identityForPhysicalId(type, physicalId, { account, region });
      const tags: Record<string, string> = {};
      if (random.chance(0.7))
        tags.env = random.weighted(ENVIRONMENTS.map((env, i) => [env, [5, 3, 2][i]] as const));
      if (random.chance(0.5)) tags.team = random.pick(TEAMS);
      if (random.chance(0.3)) tags['cost-center'] = String(random.int(4000, 4019));
      if (random.chance(0.2)) tags.Name = name;
      const firstSeen = new Date(Date.UTC(2024, 0, 1) + random.int(0, 150 * 86_400) * 1000);
      const lastChanged = new Date(firstSeen.getTime() + random.int(0, 30 * 86_400) * 1000);
      const deleted = random.chance(0.1);
      return {
        id: identity.id,
        arn: identity.arn,
        type,
        service: serviceOfType(type),
        account,
        region,
        name,
        status: deleted ? 'deleted' : 'active',
        stack: stack ? { id: stack.id, name: stack.name, logicalId: `Resource${stack.members}` } : null,
        tags,
        firstSeen: isoSeconds(firstSeen),
        lastChanged: isoSeconds(lastChanged),
        deletedAt: deleted ? isoSeconds(lastChanged) : null,
        sources: stack
          ? ['cloudformation']
          : random.chance(0.3)
            ? ['cloudformation', 'cloudtrail']
            : ['cloudtrail'],
        createdBy: null,
        lastChangedBy: null,
        lastConfirmed: null,
        indexedAt: isoSeconds(lastChanged),
      };
    },
  };
}

/** The first `count` resources of the population of `seed`. */
export function generateResources(seed: number, count: number): ResourceRecord[] {
  const population = createResourcePopulation(seed);
  return Array.from({ length: count }, () => population.next());
}

function physicalIdOf(
  type: string,
  name: string,
  account: string,
  region: string,
  random: SeededRandom,
): string {
  switch (type) {
    case 'AWS::SQS::Queue':
      return `https://sqs.${region}.amazonaws.com/${account}/${name}`;
    case 'AWS::SecretsManager::Secret':
      return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${random.suffix(6)}`;
    case 'AWS::EC2::SecurityGroup':
      return `sg-${random.hex(17)}`;
    case 'AWS::EC2::Instance':
      return `i-${random.hex(17)}`;
    case 'AWS::EC2::Volume':
      return `vol-${random.hex(17)}`;
    case 'AWS::KMS::Key':
      return random.uuid();
    default:
      return name;
  }
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
