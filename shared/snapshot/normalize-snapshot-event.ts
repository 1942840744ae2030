// "Resource Inventory Snapshot" -> Normalization: a batch of observations becomes `observe` changes
// at the run's listing time; a run's end becomes the ListingCompletion the index infers absences from.
import { resourceRegion } from '../arn/resource-identity';
import type { EventEnvelope } from '../events/event-envelope';
import { canonicalEventTime } from '../ingest/event-time';
import { describeSchemaError, mapped, rejected } from '../ingest/normalization-results';
import type { Normalization } from '../model/normalization';
import type { ListingCompletion, ResourceChange } from '../model/resource-change';
import { SNAPSHOT_EVENT_SOURCE, SnapshotDetailSchema } from './snapshot-event-schema';
import type { ListingCompleteDetail, ObservationsDetail } from './snapshot-event-schema';

/**
 * @example
 * normalizeSnapshotEvent(busEvent) // { outcome: 'mapped', changes: [{ lifecycle: 'observe', ... }], ... }
 */
export function normalizeSnapshotEvent(event: EventEnvelope): Normalization {
  if (event.source !== SNAPSHOT_EVENT_SOURCE)
    return rejected(`a snapshot event must come from ${SNAPSHOT_EVENT_SOURCE}, not ${event.source}`);
  const parsed = SnapshotDetailSchema.safeParse(event.detail);
  if (!parsed.success)
    return rejected(`malformed snapshot event: ${describeSchemaError(parsed.error, 'detail')}`);
  const listedAt = canonicalEventTime(parsed.data.run.listedAt);
  if (!listedAt) return rejected(`detail.run.listedAt is not a date: ${parsed.data.run.listedAt}`);
  return parsed.data.kind === 'observations'
    ? mapped(observationChanges(parsed.data, listedAt))
    : { ...mapped([]), listing: listingCompletion(parsed.data, listedAt) };
}

function observationChanges(detail: ObservationsDetail, listedAt: string): ResourceChange[] {
  const { run } = detail;
  return detail.resources.map((observation) => {
    const change: ResourceChange = {
      id: observation.id,
      arn: observation.arn,
      type: observation.type,
      account: observation.account,
      // Global types show in `global` whichever region listed them, as on the event path.
      region: resourceRegion(observation.type, observation.region),
      action: 'upsert',
      lifecycle: 'observe',
      eventTime: listedAt,
      // One id per run: a run sent twice (a retried PutEvents, a re-imported file) changes nothing.
      eventId: run.id,
      source: 'snapshot',
      sourceStatus: run.source,
    };
    if (observation.typeDerived) change.typeDerived = true;
    if (observation.name !== undefined) change.name = observation.name;
    if (observation.stack !== undefined) change.stack = observation.stack;
    if (observation.tags !== undefined) change.tags = { set: observation.tags };
    return change;
  });
}

function listingCompletion(detail: ListingCompleteDetail, listedAt: string): ListingCompletion {
  const listing: ListingCompletion = {
    runId: detail.run.id,
    listingSource: detail.run.source,
    account: detail.scope.account,
    region: detail.scope.region,
    types: [...new Set(detail.scope.types)].sort(),
    listedAt,
    startedAt: detail.run.startedAt,
    finishedAt: detail.finishedAt,
    complete: detail.complete,
    observed: detail.observed,
  };
  if (detail.reason !== undefined) listing.reason = detail.reason;
  return listing;
}
