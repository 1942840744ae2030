// The CloudFormation consumer's detail-types: stack and resource status changes, and snapshot runs.
import { normalizeResourceStatusChange } from '../cloudformation/normalize-resource-status-change';
import { normalizeStackStatusChange } from '../cloudformation/normalize-stack-status-change';
import { DETAIL_TYPES } from '../events/event-envelope';
import { normalizeSnapshotEvent } from '../snapshot/normalize-snapshot-event';
import type { Normalizers } from './event-admission';

export const CLOUDFORMATION_CONSUMER_NORMALIZERS: Normalizers = {
  [DETAIL_TYPES.stackStatus]: normalizeStackStatusChange,
  [DETAIL_TYPES.resourceStatus]: normalizeResourceStatusChange,
  [DETAIL_TYPES.snapshot]: normalizeSnapshotEvent,
};
