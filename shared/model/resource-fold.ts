// The row of a resource (or stack) as a pure fold of its history: same history, same row, whatever
// order the events arrived in. The fold is the merge of every change into an empty state, so the
// store (which merges one change into the stored state) and this reference agree by construction.
import type { StackChange } from './resource-change';
import type { ResourceRecord, StackRecord } from './resource-record';
import { mergeChanges, recordOfState } from './resource-state';
import { stackStatusRank } from './stack-status';
import type { RecordedChange } from './change-order';

export { compareChanges } from './change-order';
export type { RecordedChange } from './change-order';

/** Folds a resource's history into its row; undefined for an empty history. */
export function foldResource(history: readonly RecordedChange[]): ResourceRecord | undefined {
  const state = mergeChanges(undefined, history);
  return state && recordOfState(state);
}

/** A stack's row state: the newest status by the stack order, and the earliest time seen. */
export interface StackState {
  latest: StackChange;
  latestOrder: string;
  firstSeen: string;
}

/** Stack changes order by time, then CloudFormation's own status progression, then event id. */
export function stackOrderKey(change: StackChange): string {
  return `${change.eventTime}|${String(stackStatusRank(change.stackStatus)).padStart(2, '0')}|${change.eventId}`;
}

export function mergeStackChange(state: StackState | undefined, change: StackChange): StackState {
  const order = stackOrderKey(change);
  if (!state) return { latest: change, latestOrder: order, firstSeen: change.eventTime };
  return {
    latest: order > state.latestOrder ? change : state.latest,
    latestOrder: order > state.latestOrder ? order : state.latestOrder,
    firstSeen: change.eventTime < state.firstSeen ? change.eventTime : state.firstSeen,
  };
}

export function stackRecordOfState(state: StackState): StackRecord {
  const last = state.latest;
  const deleted = last.stackStatus === 'DELETE_COMPLETE';
  return {
    id: last.stackId,
    name: last.stackName,
    account: last.account,
    region: last.region,
    status: deleted ? 'deleted' : 'active',
    stackStatus: last.stackStatus,
    statusReason: last.statusReason ?? null,
    firstSeen: state.firstSeen,
    lastChanged: last.eventTime,
    deletedAt: deleted ? last.eventTime : null,
  };
}

/** Folds a stack's status history into its row: the latest status wins, by the same total order. */
export function foldStack(history: readonly StackChange[]): StackRecord | undefined {
  let state: StackState | undefined;
  for (const change of history) state = mergeStackChange(state, change);
  return state && stackRecordOfState(state);
}
