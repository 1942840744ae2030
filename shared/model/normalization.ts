// What a normalizer makes of one event: the changes it implies and how it understood the event.
import type { ListingCompletion, ResourceChange, SnapshotRunRef, StackChange } from './resource-change';

/**
 * - mapped: understood through a mapping or a CloudFormation rule
 * - generic: indexed by the ARN fallback (a write call no mapping knows, with ARNs in its response)
 * - unmapped: a successful write call nothing understood (counted, logged once per call)
 * - skipped: deliberately changes nothing (failed call, read-only call, an in-progress status...)
 * - rejected: malformed or unknown event; never retried
 */
export type NormalizationOutcome = 'mapped' | 'generic' | 'unmapped' | 'skipped' | 'rejected';

export interface Normalization {
  outcome: NormalizationOutcome;
  changes: ResourceChange[];
  stackChanges: StackChange[];
  /** A snapshot listing's end, for the index to record the run and infer absences. */
  listing?: ListingCompletion;
  /** The snapshot run a batch of observations belongs to, for the index to count what it did. */
  snapshotRun?: SnapshotRunRef;
  /** Why it was skipped, unmapped or rejected; for logs and tests. */
  reason?: string;
}
