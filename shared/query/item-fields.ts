// The fields of every item the API returns, as data: replies are shaped from these lists (exactly
// these fields, in this order) and the OpenAPI document's item schemas are built from them.
import { CHANGE_SOURCES, LIFECYCLE_RANK } from '../model/resource-change';
import type { Principal, StackMembership, TagChange } from '../model/resource-change';
import type { HistoryEntry, ResourceRecord, StackRecord } from '../model/resource-record';
import { CHANGE_KINDS } from '../notify/change-notifier';
import type { ChangeFeedEntry } from '../notify/change-notifier';
import type { SnapshotRun } from '../store/snapshot-runs-reader';

export type JsonSchema = Record<string, unknown>;

export interface FieldSpec {
  description: string;
  schema: JsonSchema;
  /** Absent from the item when the record has no value (rather than null). */
  optional?: boolean;
}

/** Every field of T, no more: the compiler rejects a field list that drifts from the record type. */
export type FieldList<T> = { [K in keyof Required<T>]: FieldSpec };

const TEXT = { type: 'string' };
const EVENT_TIME = { type: 'string', format: 'date-time' };
const RECORD_STATUS = { type: 'string', enum: ['active', 'deleted'] };
const ref = (schema: string) => ({ $ref: `#/components/schemas/${schema}` });
const orNull = (schema: JsonSchema) => ({ anyOf: [schema, { type: 'null' }] });
const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } };

export const STACK_MEMBERSHIP_FIELDS: FieldList<StackMembership> = {
  id: { description: 'Stack ARN (CloudFormation StackId).', schema: TEXT },
  name: { description: 'Stack name.', schema: TEXT },
  logicalId: { description: "The resource's logical id in the stack template.", schema: TEXT },
};

export const RESOURCE_FIELDS: FieldList<ResourceRecord> = {
  id: {
    description: 'Canonical id: the ARN wherever one can be built, else a documented fallback id.',
    schema: TEXT,
  },
  arn: { description: 'ARN, or null when none is known.', schema: orNull(TEXT) },
  type: { description: 'CloudFormation type name, e.g. AWS::S3::Bucket.', schema: TEXT },
  service: { description: "The type's middle segment in lower case, e.g. s3.", schema: TEXT },
  account: { description: 'AWS account id.', schema: TEXT },
  region: { description: 'AWS region.', schema: TEXT },
  name: { description: 'Name, or the last segment of the id when no event named it.', schema: TEXT },
  status: { description: 'active, or deleted (a tombstone kept until it expires).', schema: RECORD_STATUS },
  stack: { description: 'The owning stack, or null.', schema: orNull(ref('StackMembership')) },
  tags: { description: 'Current tags.', schema: STRING_MAP },
  firstSeen: { description: 'Time of the earliest event about the resource.', schema: EVENT_TIME },
  lastChanged: { description: 'Time of the latest event about the resource.', schema: EVENT_TIME },
  deletedAt: { description: 'Time of the delete event, or null while active.', schema: orNull(EVENT_TIME) },
  sources: {
    description: 'Sorted names of the sources that reported the resource.',
    schema: { type: 'array', items: { type: 'string', enum: CHANGE_SOURCES }, uniqueItems: true },
  },
  createdBy: {
    description:
      'Principal ARN of the CloudTrail call that created the resource (the AWS service for a call it invoked), or null.',
    schema: orNull(TEXT),
  },
  lastChangedBy: {
    description: 'Principal ARN of the newest CloudTrail call that changed the resource, or null.',
    schema: orNull(TEXT),
  },
  lastConfirmed: {
    description: 'Time of the newest snapshot observation that saw the resource, or null.',
    schema: orNull(EVENT_TIME),
  },
  indexedAt: {
    description: 'Wall-clock time the row was last written (the one field not derived from events).',
    schema: EVENT_TIME,
    optional: true,
  },
};

export const STACK_FIELDS: FieldList<StackRecord> = {
  id: { description: 'Stack ARN.', schema: TEXT },
  name: { description: 'Stack name.', schema: TEXT },
  account: { description: 'AWS account id.', schema: TEXT },
  region: { description: 'AWS region.', schema: TEXT },
  status: { description: 'active, or deleted once DELETE_COMPLETE.', schema: RECORD_STATUS },
  stackStatus: { description: "CloudFormation's latest status word, e.g. UPDATE_COMPLETE.", schema: TEXT },
  statusReason: { description: "CloudFormation's status reason, or null.", schema: orNull(TEXT) },
  firstSeen: { description: 'Time of the earliest event about the stack.', schema: EVENT_TIME },
  lastChanged: { description: 'Time of the latest event about the stack.', schema: EVENT_TIME },
  deletedAt: { description: 'Time of DELETE_COMPLETE, or null.', schema: orNull(EVENT_TIME) },
  indexedAt: { description: 'Wall-clock time the row was last written.', schema: EVENT_TIME, optional: true },
};

export const TAG_CHANGE_FIELDS: FieldList<TagChange> = {
  set: { description: 'The whole tag set, replacing the previous one.', schema: STRING_MAP, optional: true },
  add: { description: 'Tags added or changed.', schema: STRING_MAP, optional: true },
  remove: {
    description: 'Tag keys removed.',
    schema: { type: 'array', items: { type: 'string' } },
    optional: true,
  },
};

export const HISTORY_FIELDS: FieldList<HistoryEntry> = {
  eventId: { description: 'Id of the event that reported the change.', schema: TEXT },
  eventTime: { description: 'Event time.', schema: EVENT_TIME },
  source: { description: 'Source of the event.', schema: { type: 'string', enum: CHANGE_SOURCES } },
  action: { description: 'upsert or delete.', schema: { type: 'string', enum: ['upsert', 'delete'] } },
  lifecycle: {
    description: 'Where the change sits in the life of the resource (orders changes inside one second).',
    schema: { type: 'string', enum: Object.keys(LIFECYCLE_RANK) },
  },
  sourceStatus: { description: "The source's own status word or call name, or null.", schema: orNull(TEXT) },
  name: { description: 'Name the event gave, or null.', schema: orNull(TEXT) },
  stack: {
    description: 'Stack membership the event stated; null detaches; absent when the event said nothing.',
    schema: orNull(ref('StackMembership')),
    optional: true,
  },
  tags: { description: 'What the event said about tags, or null.', schema: orNull(ref('TagChange')) },
  principal: {
    description: 'Who made the CloudTrail call, or null for other sources.',
    schema: orNull(ref('Principal')),
  },
};

export const PRINCIPAL_FIELDS: FieldList<Principal> = {
  arn: { description: 'Identity ARN (for an assumed role, the session ARN), or null.', schema: orNull(TEXT) },
  type: {
    description: 'userIdentity.type (IAMUser, AssumedRole, AWSService, ...), or null.',
    schema: orNull(TEXT),
  },
  accountId: { description: "The caller's account id, or null.", schema: orNull(TEXT) },
  invokedBy: { description: 'The AWS service that made the call, or null.', schema: orNull(TEXT) },
  sourceIPAddress: { description: 'Source IP address or service name, or null.', schema: orNull(TEXT) },
  userAgent: { description: 'User agent, or null.', schema: orNull(TEXT) },
};

const FIELD_VALUES = {
  type: 'object',
  description: 'Field name to value; a field the row did not have is absent.',
  additionalProperties: true,
};
const COUNT = { type: 'integer', minimum: 0 };

/** A change as `GET /changes` lists it: the feed entry without its row version. */
export type ChangeItem = Omit<ChangeFeedEntry, 'version'>;

export const CHANGE_FIELDS: FieldList<ChangeItem> = {
  indexedAt: {
    description: 'Wall-clock time the index wrote the change (the order of the feed).',
    schema: EVENT_TIME,
  },
  eventTime: { description: 'Time of the event that caused it.', schema: EVENT_TIME },
  id: { description: 'Canonical id of the resource.', schema: TEXT },
  arn: { description: 'ARN, or null when none is known.', schema: orNull(TEXT) },
  type: { description: 'CloudFormation type name.', schema: TEXT },
  change: {
    description:
      'created (a first row), updated, deleted (now a tombstone) or restored (a tombstone active again).',
    schema: { type: 'string', enum: CHANGE_KINDS },
  },
  fields: {
    description: 'Names of the resource fields that changed, sorted.',
    schema: { type: 'array', items: TEXT, uniqueItems: true },
  },
  before: { description: "The changed fields' values before the change.", schema: FIELD_VALUES },
  after: { description: "The changed fields' values after the change.", schema: FIELD_VALUES },
};

export const SNAPSHOT_RUN_FIELDS: FieldList<SnapshotRun> = {
  id: { description: 'Run id.', schema: TEXT },
  source: { description: 'What was listed (e.g. config, resource-explorer, cloudformation).', schema: TEXT },
  account: { description: 'Account listed, or null when the listing spans accounts.', schema: orNull(TEXT) },
  region: { description: 'Region listed, or null when the listing spans regions.', schema: orNull(TEXT) },
  startedAt: { description: 'When the run started.', schema: EVENT_TIME },
  finishedAt: { description: 'When it finished, or null while running.', schema: orNull(EVENT_TIME) },
  complete: {
    description: 'True when the listing was complete for its scope: only then were absences inferred.',
    schema: { type: 'boolean' },
  },
  observed: { description: 'Resources the listing saw.', schema: COUNT },
  created: { description: 'Rows the run created.', schema: COUNT },
  updated: {
    description: 'Rows the run changed (confirmations that changed nothing else are not counted).',
    schema: COUNT,
  },
  inferredDeleted: {
    description: 'Rows deleted because a complete listing no longer held them.',
    schema: COUNT,
  },
};

/** The JSON Schema of an item: exactly its fields, the non-optional ones required. */
export function itemSchema<T>(description: string, fields: FieldList<T>): JsonSchema {
  const entries = Object.entries<FieldSpec>(fields);
  return {
    type: 'object',
    description,
    properties: Object.fromEntries(
      entries.map(([name, spec]) => [name, { ...spec.schema, description: spec.description }]),
    ),
    required: entries.filter(([, spec]) => !spec.optional).map(([name]) => name),
    additionalProperties: false,
  };
}

/** Copies exactly the listed fields, in list order; undefined values are left out. */
export function shapeItem<T extends object>(fields: FieldList<T>, record: T): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const name of Object.keys(fields)) {
    const value: unknown = Reflect.get(record, name);
    if (value !== undefined) item[name] = value;
  }
  return item;
}

export function shapeResource(record: ResourceRecord): Record<string, unknown> {
  const item = shapeItem(RESOURCE_FIELDS, record);
  item.stack = record.stack ? shapeItem(STACK_MEMBERSHIP_FIELDS, record.stack) : null;
  return item;
}

export function shapeStack(record: StackRecord): Record<string, unknown> {
  return shapeItem(STACK_FIELDS, record);
}

export function shapeHistoryEntry(entry: HistoryEntry): Record<string, unknown> {
  const item = shapeItem(HISTORY_FIELDS, entry);
  if (entry.stack) item.stack = shapeItem(STACK_MEMBERSHIP_FIELDS, entry.stack);
  if (entry.tags) item.tags = shapeItem(TAG_CHANGE_FIELDS, entry.tags);
  if (entry.principal) item.principal = shapeItem(PRINCIPAL_FIELDS, entry.principal);
  return item;
}

export function shapeChange(entry: ChangeFeedEntry): Record<string, unknown> {
  return shapeItem(CHANGE_FIELDS, entry);
}

export function shapeSnapshotRun(run: SnapshotRun): Record<string, unknown> {
  return shapeItem(SNAPSHOT_RUN_FIELDS, run);
}
