// Gathers what one listing in AWS saw (observations, pages, failures) and turns it into runs, one per
// account and region the observations belong to: the home scope always (so a run that found nothing,
// or failed, is still recorded), the others when something was seen there.
import { randomUUID } from 'node:crypto';
import { canonicalEventTime } from '../../ingest/event-time';
import { addCounts, mergeObservations } from '../snapshot-listing';
import type { SnapshotListing } from '../snapshot-listing';
import type { ListingSource, Observation } from '../snapshot-event-schema';

interface Group {
  account: string;
  region: string;
  observations: Observation[];
  /** Types of the group seen with a type some table knows (only those can be proven complete). */
  knownTypes: Set<string>;
  unknownTypes: Record<string, number>;
}

export class ListingCollector {
  pages = 0;
  readonly failures: string[] = [];
  readonly skipped: Record<string, number> = {};
  private readonly groups = new Map<string, Group>();

  constructor(
    readonly source: ListingSource,
    readonly home: { account: string; region: string },
    readonly startedAt: Date,
    /** The observation time: the start, or earlier for sources that lag behind the resources. */
    readonly listedAt: Date,
  ) {
    this.group(home.account, home.region);
  }

  add(read: { observation: Observation; known: boolean }): void {
    const { observation, known } = read;
    // An organization-wide view lists other accounts too: the index admits a run only from the
    // account it lists, and that account's own snapshot function lists them.
    if (observation.account !== this.home.account) {
      this.skip("another account's resource (its own snapshot lists it)");
      return;
    }
    const group = this.group(observation.account, observation.region);
    group.observations.push(observation);
    if (known) group.knownTypes.add(observation.type);
    else group.unknownTypes[observation.type] = (group.unknownTypes[observation.type] ?? 0) + 1;
  }

  skip(reason: string): void {
    addCounts(this.skipped, { [reason]: 1 });
  }

  fail(reason: string): void {
    this.failures.push(reason);
  }

  get observed(): number {
    let count = 0;
    for (const group of this.groups.values()) count += group.observations.length;
    return count;
  }

  /**
   * The runs. `provesTypes`: whether a complete listing proves absences for the types it saw (a
   * filtered view or a tag-only listing does not).
   */
  finish(finishedAt: Date, provesTypes: boolean): SnapshotListing[] {
    const complete = this.failures.length === 0;
    const reason = complete
      ? undefined
      : this.failures.slice(0, 3).join('; ') +
        (this.failures.length > 3 ? ` (and ${this.failures.length - 3} more)` : '');
    const listedAt = canonicalEventTime(this.listedAt.toISOString()) ?? this.listedAt.toISOString();
    const stamp = this.startedAt.toISOString().replace(/[-:.]/g, '');
    const suffix = randomUUID().slice(0, 8);
    const homeKey = `${this.home.account}|${this.home.region}`;
    return [...this.groups.entries()]
      .filter(([key, group]) => key === homeKey || group.observations.length > 0)
      .map(([key, group]) => {
        const listing: SnapshotListing = {
          run: {
            id: `${this.source}-${group.account}-${group.region}-${stamp}-${suffix}`,
            source: this.source,
            account: group.account,
            region: group.region,
            startedAt: this.startedAt.toISOString(),
            listedAt,
          },
          observations: mergeObservations(group.observations),
          completeTypes: complete && provesTypes ? [...group.knownTypes].sort() : [],
          complete,
          finishedAt: finishedAt.toISOString(),
          unknownTypes: group.unknownTypes,
          // Pages and skips are counted once, on the home run.
          skipped: key === homeKey ? { ...this.skipped } : {},
          pages: key === homeKey ? this.pages : 0,
        };
        if (reason !== undefined) listing.reason = reason;
        return listing;
      });
  }

  private group(account: string, region: string): Group {
    const key = `${account}|${region}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { account, region, observations: [], knownTypes: new Set(), unknownTypes: {} };
      this.groups.set(key, group);
    }
    return group;
  }
}

/** A failed call, for a reason line and the logs: the error's name and message. */
export function describeFailure(what: string, error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return `${what} failed: ${name}: ${message}`.slice(0, 500);
}
