// The core contract between normalizers and the index store: one observation about one resource.
// Everything a row shows is a pure function of the ResourceChanges recorded for it.

export const CHANGE_SOURCES = ['cloudformation', 'cloudtrail', 'backfill'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

export type ChangeAction = 'upsert' | 'delete';

/**
 * Where a change sits in a resource's life. Events carry one-second timestamps, so many share a
 * second; inside one second changes apply in this order (see LIFECYCLE_RANK).
 */
export type Lifecycle = 'create' | 'update' | 'tag' | 'detach' | 'delete';

/**
 * Tie-break inside one second: a resource is created before it is updated, updated before it is
 * tagged, detached from its stack (DELETE_SKIPPED) before it is deleted. So a create and a delete in
 * the same second end deleted, and a tag change in the create's second is never lost to the create.
 * Beyond the rank, the event id (then the change's position in its event) orders changes totally, so
 * the fold is deterministic whatever the delivery order.
 */
export const LIFECYCLE_RANK: Record<Lifecycle, number> = {
  create: 0,
  update: 1,
  tag: 2,
  detach: 3,
  delete: 4,
};

export interface StackMembership {
  /** The stack's ARN (CloudFormation's StackId). */
  id: string;
  name: string;
  logicalId: string;
}

/**
 * What a change says about tags. `set` replaces the whole tag set (a source that knows all tags);
 * `add` merges keys; `remove` drops keys. They apply in that order.
 */
export interface TagChange {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

export interface ResourceChange {
  /** Canonical id: the ARN wherever it can be built, else the documented fallback id. */
  id: string;
  arn: string | null;
  /** CloudFormation type name (`AWS::S3::Bucket`) whatever the source. */
  type: string;
  /** True when the type was guessed from an ARN by the generic fallback, not known from a mapping. */
  typeDerived?: boolean;
  account: string;
  region: string;
  action: ChangeAction;
  lifecycle: Lifecycle;
  /** Event time, ISO 8601 in UTC (`2024-01-02T03:04:05Z`); one-second granularity. */
  eventTime: string;
  eventId: string;
  source: ChangeSource;
  name?: string;
  /** Stack membership: an object sets it, null detaches (retained on stack delete), absent says nothing. */
  stack?: StackMembership | null;
  tags?: TagChange;
  /** The source's own status word (CREATE_COMPLETE, RunInstances, ...), kept in history. */
  sourceStatus?: string;
}

/** A CloudFormation stack as the index shows it. */
export interface StackChange {
  /** The stack ARN. */
  stackId: string;
  stackName: string;
  account: string;
  region: string;
  /** CloudFormation stack status, e.g. UPDATE_COMPLETE. */
  stackStatus: string;
  statusReason?: string;
  eventTime: string;
  eventId: string;
}

/** Service name shown in the API: the type's middle segment, lower-cased (`AWS::S3::Bucket` -> `s3`). */
export function serviceOfType(type: string): string {
  const parts = type.split('::');
  return (parts.length >= 2 ? parts[1] : parts[0]).toLowerCase();
}

/** A readable name when no event named the resource: the last segment of the id. */
export function nameFromId(id: string): string {
  const tail = id.split(/[:/]/).filter((part) => part.length > 0);
  return tail.length > 0 ? tail[tail.length - 1] : id;
}
