// A listing as the bus receives it: one run (one source, account and region), its observations, and
// what it proves complete. Pages read from files, or listed in AWS, are merged into these.
import type { Observation, SnapshotRun } from './snapshot-event-schema';

export interface SnapshotListing {
  run: SnapshotRun;
  observations: Observation[];
  /** Types the run lists completely in its account and region (absences may be inferred for them). */
  completeTypes: string[];
  /** False when a page failed or retries gave up. */
  complete: boolean;
  reason?: string;
  finishedAt: string;
  /** Resources of types no table knows, by the type made up for them. */
  unknownTypes: Record<string, number>;
  /** Entries that became no observation, by reason. */
  skipped: Record<string, number>;
  /** Pages (files, or API pages) the listing read. */
  pages: number;
}

/** Adds `count`'s entries into `into`. */
export function addCounts(into: Record<string, number>, count: Readonly<Record<string, number>>): void {
  for (const [key, n] of Object.entries(count)) into[key] = (into[key] ?? 0) + n;
}

/**
 * Observations of one run merged by id: a resource listed twice (overlapping pages) is one
 * observation, the later page's facts filling in what the earlier one lacked.
 */
export function mergeObservations(observations: Iterable<Observation>): Observation[] {
  const byId = new Map<string, Observation>();
  for (const observation of observations) {
    const seen = byId.get(observation.id);
    byId.set(observation.id, seen ? { ...seen, ...observation } : observation);
  }
  return [...byId.values()];
}
