// What the index holds for one resource and one stack: the API's item fields, nothing more.
import type { ChangeSource, Principal, StackMembership } from './resource-change';

export type RecordStatus = 'active' | 'deleted';

export interface ResourceRecord {
  id: string;
  arn: string | null;
  type: string;
  service: string;
  account: string;
  region: string;
  name: string;
  status: RecordStatus;
  stack: StackMembership | null;
  tags: Record<string, string>;
  firstSeen: string;
  lastChanged: string;
  deletedAt: string | null;
  sources: ChangeSource[];
  /** Principal of the CloudTrail call that created the resource (its latest creation), or null. */
  createdBy: string | null;
  /** Principal of the newest CloudTrail call that changed it, or null. */
  lastChangedBy: string | null;
  /** Time of the newest snapshot observation that saw it, or null. */
  lastConfirmed: string | null;
  /** The one wall-clock field: when the row was last written. */
  indexedAt?: string;
}

export interface StackRecord {
  id: string;
  name: string;
  account: string;
  region: string;
  status: RecordStatus;
  /** CloudFormation's own status word, e.g. UPDATE_ROLLBACK_COMPLETE. */
  stackStatus: string;
  statusReason: string | null;
  firstSeen: string;
  lastChanged: string;
  deletedAt: string | null;
  indexedAt?: string;
}

/** One entry of a resource's history, as `/resources/{id}/history` returns it. */
export interface HistoryEntry {
  eventId: string;
  eventTime: string;
  source: ChangeSource;
  action: 'upsert' | 'delete';
  lifecycle: string;
  sourceStatus: string | null;
  name: string | null;
  stack: StackMembership | null | undefined;
  tags: { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } | null;
  /** CloudTrail entries: who made the call; null for other sources. */
  principal: Principal | null;
}
