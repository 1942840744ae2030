// The row of a resource (or stack) as a pure fold of its history: same history, same row, whatever
// order the events arrived in. This is what makes the index immune to late and duplicated delivery.
import { LIFECYCLE_RANK, nameFromId, principalName, serviceOfType } from './resource-change';
import type { ChangeSource, ResourceChange, StackChange, StackMembership } from './resource-change';
import type { ResourceRecord, StackRecord } from './resource-record';
import { stackStatusRank } from './stack-status';

/** A change as stored in history: `seq` tells apart several changes one event makes to one resource. */
export interface RecordedChange extends ResourceChange {
  seq: number;
}

/** Total order of history: time, then lifecycle rank, then event id, then position in the event. */
export function compareChanges(a: RecordedChange, b: RecordedChange): number {
  return (
    compareStrings(a.eventTime, b.eventTime) ||
    LIFECYCLE_RANK[a.lifecycle] - LIFECYCLE_RANK[b.lifecycle] ||
    compareStrings(a.eventId, b.eventId) ||
    a.seq - b.seq
  );
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Folds a resource's history into its row; undefined for an empty history. */
export function foldResource(history: readonly RecordedChange[]): ResourceRecord | undefined {
  if (history.length === 0) return undefined;
  const ordered = [...history].sort(compareChanges);
  const first = ordered[0];

  let arn: string | null = null;
  let type = first.type;
  let typeIsDerived = first.typeDerived === true;
  let account = first.account;
  let region = first.region;
  let name: string | undefined;
  let status: ResourceRecord['status'] = 'active';
  let stack: StackMembership | null = null;
  let tags: Record<string, string> = {};
  let deletedAt: string | null = null;
  const sources = new Set<ChangeSource>();
  let createdBy: string | null = null;
  let lastChangedBy: string | null = null;
  let lastConfirmed: string | null = null;

  for (const change of ordered) {
    sources.add(change.source);
    const by = principalName(change.principal);
    if (by !== null) {
      lastChangedBy = by;
      if (change.lifecycle === 'create') createdBy = by;
    }
    if (change.lifecycle === 'observe') lastConfirmed = change.eventTime;
    if (change.arn) arn = change.arn;
    // A type known from a mapping beats one guessed from an ARN, whatever their order.
    if (!change.typeDerived || typeIsDerived) {
      type = change.type;
      typeIsDerived = change.typeDerived === true;
    }
    if (change.account) account = change.account;
    if (change.region) region = change.region;
    if (change.name) name = change.name;
    if (change.stack !== undefined) stack = change.stack === null ? null : { ...change.stack };
    if (change.tags) tags = applyTagChange(tags, change.tags);
    if (change.action === 'delete') {
      status = 'deleted';
      deletedAt = change.eventTime;
    } else {
      // Any upsert newer than a delete means the resource exists again (re-created by any path).
      status = 'active';
      deletedAt = null;
    }
  }

  return {
    id: first.id,
    arn,
    type,
    service: serviceOfType(type),
    account,
    region,
    name: name ?? nameFromId(first.id),
    status,
    stack,
    tags,
    firstSeen: first.eventTime,
    lastChanged: ordered[ordered.length - 1].eventTime,
    deletedAt,
    sources: [...sources].sort(),
    createdBy,
    lastChangedBy,
    lastConfirmed,
  };
}

function applyTagChange(current: Record<string, string>, change: NonNullable<ResourceChange['tags']>) {
  const next: Record<string, string> = change.set ? { ...change.set } : { ...current };
  if (change.add) Object.assign(next, change.add);
  for (const key of change.remove ?? []) delete next[key];
  return next;
}

export function compareStackChanges(a: StackChange, b: StackChange): number {
  return (
    compareStrings(a.eventTime, b.eventTime) ||
    stackStatusRank(a.stackStatus) - stackStatusRank(b.stackStatus) ||
    compareStrings(a.eventId, b.eventId)
  );
}

/** Folds a stack's status history into its row: the latest status wins, by the same total order. */
export function foldStack(history: readonly StackChange[]): StackRecord | undefined {
  if (history.length === 0) return undefined;
  const ordered = [...history].sort(compareStackChanges);
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  const deleted = last.stackStatus === 'DELETE_COMPLETE';
  return {
    id: last.stackId,
    name: last.stackName,
    account: last.account,
    region: last.region,
    status: deleted ? 'deleted' : 'active',
    stackStatus: last.stackStatus,
    statusReason: last.statusReason ?? null,
    firstSeen: first.eventTime,
    lastChanged: last.eventTime,
    deletedAt: deleted ? last.eventTime : null,
  };
}
