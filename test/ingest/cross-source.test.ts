// One resource, one row: for each resource type, a stack resource's CloudFormation Resource Status
// Change and the CloudTrail calls that created and tagged it land on ONE row with both sources, with
// the stack membership from CloudFormation and the name and tags from CloudTrail, whichever source
// arrives first. Through the ingest service into the index store on DynamoDB Local.
import { ingestEvents } from '../../shared/ingest/ingest-events';
import { normalizeEvent } from '../../shared/ingest/normalize-event';
import type { ResourceRecord } from '../../shared/model/resource-record';
import { createTelemetry } from '../../shared/observability/telemetry';
import { mapWithConcurrency } from '../../shared/store/concurrency';
import { IndexStore } from '../../shared/store/index-store';
import type { PageKey } from '../../shared/store/index-store';
import { HAND_WRITTEN_ARN_FORMATS } from '../../shared/arn/arn-formats';
import { allTypeTableRows } from '../../shared/arn/type-table';
import { allIamServiceRows } from '../../shared/cloudtrail/iam-write-actions';
import {
  ACCOUNT,
  CROSS_SOURCE_CASES,
  generatedCrossSourceCases,
  STACK_NAME,
  cloudTrailEvents,
  resourceStatusChange,
  stackArn,
  valueAt,
} from '../fixtures/cross-source-cases';
import type { CrossSourceCase, Json } from '../fixtures/cross-source-cases';
import { ACCOUNT as ALIAS_ACCOUNT, STACK_ID as ALIAS_STACK_ID, aliasCases } from '../fixtures/alias-cases';
import { createTestTable } from '../support/test-table';
import type { TestTable } from '../support/test-table';
import { captureOutput } from './emf-capture';
import { ALL_NORMALIZERS } from '../../shared/ingest/normalize-event';

interface Reported {
  resource: CrossSourceCase;
  cloudFormation: Json;
  cloudTrail: Json[];
}

const REPORTED: Reported[] = CROSS_SOURCE_CASES.map((resource) => {
  const cloudTrail = cloudTrailEvents(resource);
  return { resource, cloudTrail, cloudFormation: resourceStatusChange(resource, cloudTrail) };
});

/** How the events of one resource are delivered: a list of batches, one ingest call each, in order. */
const DELIVERIES: { name: string; batches: (reported: Reported) => Json[][] }[] = [
  {
    name: 'CloudFormation first',
    batches: ({ cloudFormation, cloudTrail }) => [[cloudFormation], ...cloudTrail.map((event) => [event])],
  },
  {
    name: 'CloudTrail first',
    batches: ({ cloudFormation, cloudTrail }) => [...cloudTrail.map((event) => [event]), [cloudFormation]],
  },
  {
    name: 'all in one batch',
    batches: ({ cloudFormation, cloudTrail }) => [[...cloudTrail, cloudFormation]],
  },
];

const telemetry = createTelemetry('ingest-cloudtrail');
const tables: TestTable[] = [];
const stores = new Map<string, IndexStore>();
const outcomesSeen = new Set<string>();

beforeAll(async () => {
  for (const delivery of DELIVERIES) {
    const table = await createTestTable('cross-source');
    tables.push(table);
    stores.set(delivery.name, new IndexStore({ client: table.documentClient, tableName: table.tableName }));
  }
  // Quiet: the ingest service's metrics and logs are asserted in the handler tests.
  // Eight resources at a time, as a busy ingest would write them (not all at once: DynamoDB Local
  // serialises transactions, and hundreds in flight only time out).
  const work = DELIVERIES.flatMap((delivery) => REPORTED.map((reported) => ({ delivery, reported })));
  const { error } = await captureOutput(() =>
    mapWithConcurrency(work, 8, async ({ delivery, reported }) => {
      const store = stores.get(delivery.name);
      if (!store) throw new Error(`no store for ${delivery.name}`);
      for (const batch of delivery.batches(reported)) {
        const report = await ingestEvents(batch, { store, telemetry, normalizers: ALL_NORMALIZERS });
        for (const event of report.events) outcomesSeen.add(event.outcome);
      }
    }),
  );
  if (error) throw error;
}, 300_000);

afterAll(async () => {
  await Promise.all(tables.map((table) => table.drop()));
  const types = new Set(CROSS_SOURCE_CASES.map((resource) => resource.type));
  process.stdout.write(
    `cross-source: ${types.size} resource types (${CROSS_SOURCE_CASES.length} resources) checked for one row ` +
      `with both sources, in ${DELIVERIES.length} delivery orders\n`,
  );
});

test('at least 15 resource types are covered', () => {
  expect(new Set(CROSS_SOURCE_CASES.map((resource) => resource.type)).size).toBeGreaterThanOrEqual(15);
});

test('every event was normalized and applied (none rejected, unmapped or skipped)', () => {
  expect([...outcomesSeen]).toEqual(['mapped']);
});

// The normalizers alone: the first place a mismatch would show, with both ids side by side.
describe.each(REPORTED.map((reported) => [label(reported.resource), reported] as const))(
  '%s: both sources name the same resource',
  (_label, { resource, cloudFormation, cloudTrail }) => {
    test('the CloudFormation event and every CloudTrail call yield changes to the expected id', () => {
      const ids = [cloudFormation, ...cloudTrail].map((event) => {
        const result = normalizeEvent(event);
        expect({ outcome: result.outcome, reason: result.reason }).toEqual({ outcome: 'mapped' });
        return result.changes.map((change) => change.id);
      });
      expect(ids).toEqual(ids.map(() => [resource.expected.id]));
    });

    test('the case is coherent: regional resources are reported from the stack region', () => {
      for (const event of cloudTrail) {
        const region = valueAt(event, 'detail.awsRegion');
        if (resource.expected.region === 'global') expect(region).toBe('us-east-1');
        else expect(region).toBe(resource.stackRegion);
        expect(valueAt(event, 'detail.recipientAccountId')).toBe(ACCOUNT);
      }
    });
  },
);

describe.each(DELIVERIES.map((delivery) => [delivery.name] as const))('delivered %s', (deliveryName) => {
  const store = (): IndexStore => {
    const found = stores.get(deliveryName);
    if (!found) throw new Error(`no store for ${deliveryName}`);
    return found;
  };

  test.each(CROSS_SOURCE_CASES.map((resource) => [label(resource), resource] as const))(
    '%s is one row with both sources',
    async (_label, resource) => {
      // Exactly one row per resource of the type (listing by type, deleted rows included).
      const ofType = await allResources(store(), resource.type);
      const expectedIds = CROSS_SOURCE_CASES.filter((other) => other.type === resource.type).map(
        (other) => other.expected.id,
      );
      expect(ofType.map((row) => row.id).sort()).toEqual(expectedIds.sort());

      const row = ofType.find((candidate) => candidate.id === resource.expected.id);
      expect(row).toMatchObject({
        arn: resource.expected.id,
        type: resource.type,
        account: ACCOUNT,
        region: resource.expected.region,
        status: 'active',
        deletedAt: null,
        sources: ['cloudformation', 'cloudtrail'],
        stack: { id: stackArn(resource.stackRegion), name: STACK_NAME, logicalId: resource.logicalId },
        tags: resource.expected.tags,
        ...(resource.expected.name === undefined ? {} : { name: resource.expected.name }),
      });
      // Tags are exactly CloudTrail's, not merely a superset.
      expect(row?.tags).toEqual(resource.expected.tags);
    },
  );

  test('the stack lists every resource, each once', async () => {
    const inStack = await allResourcesOfStack(store());
    expect(inStack.map((row) => row.stack?.logicalId).sort()).toEqual(
      CROSS_SOURCE_CASES.map((resource) => resource.logicalId).sort(),
    );
  });
});

// Resources the two sources name by different ids (an EIP's public IP and allocation id, a security
// group's name and id, a secret's name and ARN): still one row, whichever source arrives first, and
// the id CloudFormation gave finds it.
const ALIAS_CASES = aliasCases();

describe.each(DELIVERIES.map((delivery) => [delivery.name] as const))(
  'named by two ids, delivered %s',
  (deliveryName) => {
    const store = (): IndexStore => {
      const found = stores.get(deliveryName);
      if (!found) throw new Error(`no store for ${deliveryName}`);
      return found;
    };
    beforeAll(async () => {
      const { error } = await captureOutput(async () => {
        for (const aliasCase of ALIAS_CASES) {
          const [cloudTrailCreate, cloudFormation, ...calls] = aliasCase.created;
          const batches = DELIVERIES.find((delivery) => delivery.name === deliveryName)?.batches({
            resource: CROSS_SOURCE_CASES[0],
            cloudFormation,
            cloudTrail: [cloudTrailCreate, ...calls],
          });
          for (const batch of batches ?? []) {
            const report = await ingestEvents(batch, {
              store: store(),
              telemetry,
              normalizers: ALL_NORMALIZERS,
            });
            for (const event of report.events) outcomesSeen.add(event.outcome);
          }
        }
      });
      if (error) throw error;
    }, 120_000);

    test.each(ALIAS_CASES.map((aliasCase) => [aliasCase.name, aliasCase] as const))(
      '%s is one row with both sources, found by either id',
      async (_name, aliasCase) => {
        const rows = await collect((after) =>
          store().listResources(
            { type: aliasCase.type, account: ALIAS_ACCOUNT, status: 'all' },
            { limit: 100, after },
          ),
        );
        expect(rows.map((row) => row.id)).toEqual([aliasCase.canonicalId]);
        expect(rows[0]).toMatchObject({
          arn: aliasCase.canonicalId,
          status: 'active',
          sources: ['cloudformation', 'cloudtrail'],
          stack: { id: ALIAS_STACK_ID, logicalId: aliasCase.logicalId },
          name: aliasCase.expected.name,
        });
        expect(rows[0].tags).toEqual(aliasCase.expected.tags);
        expect(await store().getResource(aliasCase.aliasId)).toEqual(rows[0]);
      },
    );
  },
);

// The same promise for every type the data can place from both sides, generated from the type table
// and the IAM data: the CloudFormation create and the CloudTrail create of one resource, one row.
const GENERATED = generatedCrossSourceCases(
  allTypeTableRows(),
  allIamServiceRows(),
  new Set([
    ...CROSS_SOURCE_CASES.map((resource) => resource.type),
    ...HAND_WRITTEN_ARN_FORMATS.map((f) => f.type),
  ]),
);

describe('generated from the type table and the IAM data', () => {
  let table: TestTable;
  let store: IndexStore;
  beforeAll(async () => {
    table = await createTestTable('cross-source-generated');
    tables.push(table);
    store = new IndexStore({ client: table.documentClient, tableName: table.tableName });
    const { error } = await captureOutput(async () => {
      // Half the cases deliver CloudTrail first, half CloudFormation first; a few at a time.
      for (let start = 0; start < GENERATED.length; start += 25) {
        await Promise.all(
          GENERATED.slice(start, start + 25).map(async (generated, index) => {
            const events = [generated.cloudTrail, generated.cloudFormation];
            if (index % 2 === 1) events.reverse();
            for (const event of events)
              await ingestEvents([event], { store, telemetry, normalizers: ALL_NORMALIZERS });
          }),
        );
      }
    });
    if (error) throw error;
  }, 300_000);

  test('with the hand-written cases, at least 300 resource types are covered', () => {
    const types = new Set([...CROSS_SOURCE_CASES, ...GENERATED].map((resource) => resource.type));
    expect(types.size).toBeGreaterThanOrEqual(300);
  });

  test.each(GENERATED.map((generated) => [generated.type, generated] as const))(
    '%s: both creates name one resource, which is one row with both sources',
    async (type, generated) => {
      const fromCloudFormation = normalizeEvent(generated.cloudFormation);
      const fromCloudTrail = normalizeEvent(generated.cloudTrail);
      expect(fromCloudFormation.changes).toHaveLength(1);
      const [change] = fromCloudFormation.changes;
      expect(change.arn).not.toBeNull();
      expect(fromCloudTrail.changes.map((other) => [other.id, other.type, other.lifecycle])).toEqual([
        [change.id, type, 'create'],
      ]);
      const row = await store.getResource(change.id);
      expect(row).toMatchObject({
        type,
        status: 'active',
        sources: ['cloudformation', 'cloudtrail'],
        stack: { logicalId: generated.logicalId },
      });
    },
  );
});

test('no read scanned a table', () => {
  for (const table of tables) expect(table.sentCommands).not.toContain('ScanCommand');
});

function label(resource: CrossSourceCase): string {
  return `${resource.type} (${resource.logicalId})`;
}

async function allResources(store: IndexStore, type: string): Promise<ResourceRecord[]> {
  return collect((after) => store.listResources({ type, status: 'all' }, { limit: 100, after }));
}

/** Every row of the stack, in any region: the stack name matches the stacks of both test regions. */
async function allResourcesOfStack(store: IndexStore): Promise<ResourceRecord[]> {
  return collect((after) => store.listResources({ stack: STACK_NAME, status: 'all' }, { limit: 100, after }));
}

async function collect(
  read: (after: PageKey | undefined) => Promise<{ items: ResourceRecord[]; next?: PageKey }>,
): Promise<ResourceRecord[]> {
  const rows: ResourceRecord[] = [];
  let after: PageKey | undefined;
  do {
    const page = await read(after);
    rows.push(...page.items);
    after = page.next;
  } while (after);
  return rows;
}
