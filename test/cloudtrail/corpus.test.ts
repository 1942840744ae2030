// Real, public CloudTrail records (../shared/events-corpus, beside the project) through the normalizer:
// no exception, failed and read-only calls change nothing, creates of mapped types yield ids their
// record determines, and a resource created and later deleted in the corpus ends as a tombstone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { identityForPhysicalId } from '../../shared/arn/resource-identity';
import { eventBridgeSourceOf, findCloudTrailMapping } from '../../shared/cloudtrail/cloudtrail-mappings';
import { normalizeCloudTrailEvent } from '../../shared/cloudtrail/normalize-cloudtrail-event';
import type { EventEnvelope } from '../../shared/events/event-envelope';
import type { Normalization, NormalizationOutcome } from '../../shared/model/normalization';
import type { ResourceChange } from '../../shared/model/resource-change';
import { IndexStore } from '../../shared/store/index-store';
import { createTestTable } from '../support/test-table';

const CORPUS = path.resolve(__dirname, '../../../shared/events-corpus');
const LOGS = path.join(CORPUS, 'cloudtrail-logs');

type CloudTrailRecord = Record<string, unknown> & {
  eventID: string;
  eventSource: string;
  eventName: string;
  eventTime: string;
  awsRegion: string;
  recipientAccountId?: string;
  errorCode?: string;
  readOnly?: boolean;
  requestParameters?: unknown;
  responseElements?: unknown;
};

function logFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return logFiles(full);
    return entry.name.endsWith('.json') ? [full] : [];
  });
}

/** A CloudTrail record as EventBridge delivers it, the way `npm run replay` wraps log files. */
function asEvent(record: CloudTrailRecord): EventEnvelope {
  return {
    version: '0',
    id: record.eventID,
    'detail-type': 'AWS API Call via CloudTrail',
    source: eventBridgeSourceOf(record.eventSource),
    account: record.recipientAccountId ?? '000000000000',
    time: record.eventTime,
    region: record.awsRegion,
    resources: [],
    detail: record,
  };
}

function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, found);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) stringsIn(item, found);
  return found;
}

const files = logFiles(LOGS);
const records: CloudTrailRecord[] = files.flatMap(
  (file) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { Records: CloudTrailRecord[] }).Records,
);
const results: { record: CloudTrailRecord; normalization: Normalization }[] = [];

if (files.length === 0) {
  // CI always has ../shared beside the clone: there a missing corpus is a failure, not a skip.
  if (process.env.CI === 'true')
    test('the corpus is present', () => {
      throw new Error(`no CloudTrail corpus at ${LOGS}`);
    });
  else test.skip(`the corpus is absent (${CORPUS}): nothing to check`, () => undefined);
} else {
  beforeAll(() => {
    for (const record of records)
      results.push({ record, normalization: normalizeCloudTrailEvent(asEvent(record)) });
    const counts: Record<NormalizationOutcome, number> = {
      mapped: 0,
      generic: 0,
      unmapped: 0,
      skipped: 0,
      rejected: 0,
    };
    for (const { normalization } of results) counts[normalization.outcome] += 1;
    const changes = results.reduce((sum, { normalization }) => sum + normalization.changes.length, 0);
    console.log(
      `CloudTrail corpus: ${records.length} records in ${files.length} files -> ` +
        `mapped ${counts.mapped}, generic ${counts.generic}, unmapped ${counts.unmapped}, ` +
        `skipped ${counts.skipped}, rejected ${counts.rejected}; ${changes} changes`,
    );
  });

  test('every record goes through the normalizer and none is rejected', () => {
    expect(results).toHaveLength(records.length);
    expect(results.filter(({ normalization }) => normalization.outcome === 'rejected')).toEqual([]);
  });

  test('failed and read-only calls change nothing', () => {
    const quiet = results.filter(({ record }) => record.errorCode !== undefined || record.readOnly === true);
    expect(quiet.length).toBeGreaterThan(0);
    for (const { normalization } of quiet) {
      expect(normalization.outcome).toBe('skipped');
      expect(normalization.changes).toEqual([]);
    }
  });

  test('each successful create of a mapped type yields changes whose ids the record determines', () => {
    const creates = results.filter(
      ({ record }) =>
        record.errorCode === undefined &&
        findCloudTrailMapping(record.eventSource, record.eventName)?.effect === 'create',
    );
    expect(creates.length).toBeGreaterThan(20);
    for (const { record, normalization } of creates) {
      expect(normalization.outcome).toBe('mapped');
      expect(normalization.changes.length).toBeGreaterThan(0);
      const candidates = stringsIn([record.requestParameters, record.responseElements]);
      for (const change of normalization.changes) {
        const context = { account: change.account, region: record.awsRegion };
        const determined = candidates.some(
          (candidate) => identityForPhysicalId(change.type, candidate, context).id === change.id,
        );
        expect({ call: record.eventName, id: change.id, determined }).toEqual({
          call: record.eventName,
          id: change.id,
          determined: true,
        });
        expect(change).toMatchObject({ action: 'upsert', lifecycle: 'create', eventId: record.eventID });
      }
    }
  });

  test('a resource created and later deleted in the corpus ends as a tombstone', async () => {
    const changes: ResourceChange[] = results.flatMap(({ normalization }) => normalization.changes);
    const created = new Set(
      changes.filter((change) => change.lifecycle === 'create').map((change) => change.id),
    );
    const deletedLater = changes.filter((change) => change.action === 'delete' && created.has(change.id));
    // The corpus creates and tears down its resources: buckets, roles, VPCs, instances, secrets...
    expect(new Set(deletedLater.map((change) => change.type)).size).toBeGreaterThanOrEqual(10);

    const table = await createTestTable('corpus');
    try {
      const store = new IndexStore({ client: table.documentClient, tableName: table.tableName });
      const relevant = changes.filter((change) => created.has(change.id));
      await store.applyChanges(relevant);
      for (const id of new Set(deletedLater.map((change) => change.id))) {
        const lastDelete = deletedLater
          .filter((change) => change.id === id)
          .map((change) => change.eventTime)
          .sort()
          .pop();
        const lastUpsert = relevant
          .filter((change) => change.id === id && change.action === 'upsert')
          .map((change) => change.eventTime)
          .sort()
          .pop();
        const row = await store.getResource(id);
        // A resource re-created after its last delete is active again; otherwise it is a tombstone.
        const expected =
          lastUpsert !== undefined && lastDelete !== undefined && lastUpsert > lastDelete
            ? 'active'
            : 'deleted';
        expect({ id, status: row?.status }).toEqual({ id, status: expected });
      }
    } finally {
      await table.drop();
    }
  });
}
