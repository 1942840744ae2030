// The core contract between normalizers and the index store: one observation about one resource.
// Everything a row shows is a pure function of the ResourceChanges recorded for it.

export const CHANGE_SOURCES = ['cloudformation', 'cloudtrail', 'snapshot'] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];

export type ChangeAction = 'upsert' | 'delete';

/**
 * Where a change sits in a resource's life. Events carry one-second timestamps, so many share a
 * second; inside one second changes apply in this order (see LIFECYCLE_RANK).
 * `observe` and `absent` are snapshot observations: "a listing saw it" and "a listing complete for
 * its scope did not see it".
 */
export type Lifecycle = 'absent' | 'create' | 'observe' | 'update' | 'tag' | 'detach' | 'delete';

/**
 * Tie-break inside one second: a resource is created before it is updated, updated before it is
 * tagged, detached from its stack (DELETE_SKIPPED) before it is deleted. So a create and a delete in
 * the same second end deleted, and a tag change in the create's second is never lost to the create.
 * An absence ranks first (anything else seen in the listing's second happened after the listing
 * missed it, and an observation of the same run always beats its absence); an observation ranks
 * after a create (the listing saw what was created) and before every later change.
 * Beyond the rank, the event id (then the change's position in its event) orders changes totally, so
 * the fold is deterministic whatever the delivery order.
 */
export const LIFECYCLE_RANK: Record<Lifecycle, number> = {
  absent: 0,
  create: 1,
  observe: 2,
  update: 3,
  tag: 4,
  detach: 5,
  delete: 6,
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

/** Who made a CloudTrail call (from `userIdentity`, `sourceIPAddress`, `userAgent`); null when absent. */
export interface Principal {
  /** The identity ARN; for an assumed role, the session ARN as CloudTrail gives it. */
  arn: string | null;
  /** userIdentity.type: IAMUser, AssumedRole, Root, AWSService, ... */
  type: string | null;
  accountId: string | null;
  /** The AWS service that made the call for the caller (`cloudformation.amazonaws.com`). */
  invokedBy: string | null;
  sourceIPAddress: string | null;
  userAgent: string | null;
}

/** The principal shown in `createdBy` / `lastChangedBy`: the identity ARN, else the invoking service. */
export function principalName(principal: Principal | undefined): string | null {
  if (!principal) return null;
  return principal.arn ?? principal.invokedBy ?? null;
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
  /** CloudTrail only: who made the call. */
  principal?: Principal;
  /**
   * Other ids the same resource is known by, which another source may have indexed it under (an
   * EIP's public-IP fallback id, a security group's name-based fallback id). The store folds a row
   * stored under one of them into this change's row and sends later changes to it there.
   */
  aliases?: string[];
}

/** Which snapshot run observations belong to (a listing's identity, known before it ends). */
export interface SnapshotRunRef {
  runId: string;
  /** What was listed: config, resource-explorer, tagging, cloudformation, cloudcontrol. */
  listingSource: string;
  account: string;
  region: string;
  startedAt: string;
  /** The observation time every observation of the run carries. */
  listedAt: string;
}

/**
 * The end of one snapshot listing (source `snapshot`): what it covered and whether it got to the end.
 * Only a complete listing lets the index infer absences, and only for rows of `types` in `account`
 * and `region` that no change newer than `listedAt` touched.
 */
export interface ListingCompletion {
  runId: string;
  /** What was listed: config, resource-explorer, tagging, cloudformation, cloudcontrol. */
  listingSource: string;
  account: string;
  region: string;
  /** CloudFormation type names the listing is complete for. */
  types: string[];
  /** The observation time every observation of the run carries (the listing's start). */
  listedAt: string;
  startedAt: string;
  finishedAt: string;
  /** False when a page failed or retries gave up: nothing is inferred. */
  complete: boolean;
  observed: number;
  /** Why the listing is partial, when it is. */
  reason?: string;
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
