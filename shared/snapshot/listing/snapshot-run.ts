// One scheduled snapshot of an account and region: CloudFormation's stacks, Resource Explorer's
// index (or the Tagging API) and the organization's accounts (where the account may list them) listed
// side by side, then put on the bus; the report feeds the metrics.
import type { ListingSendResult } from '../snapshot-sender';
import type { SnapshotListing } from '../snapshot-listing';
import { listCloudFormation } from './cloudformation-listing';
import type { ListingClients } from './listing-clients';
import type { ListingContext } from './listing-context';
import { listOrganizationAccounts } from './organization-listing';
import { listIndexedResources } from './resource-explorer-listing';

export interface SnapshotRunReport {
  runs: {
    id: string;
    source: string;
    account: string;
    region: string;
    observed: number;
    complete: boolean;
    reason?: string;
  }[];
  observed: number;
  pages: number;
  /** Partial listings and observation batches the bus did not accept: each one is a failure. */
  failures: string[];
  /** Listings the account may not make (a member account's ListAccounts), with why: no failure. */
  skipped: string[];
  durationMillis: number;
}

export interface SnapshotRunDeps {
  clients: ListingClients;
  context: ListingContext;
  send: (listings: readonly SnapshotListing[]) => Promise<ListingSendResult[]>;
}

/**
 * @example
 * const report = await runSnapshot({ clients: createListingClients({ region }), context, send });
 */
export async function runSnapshot(deps: SnapshotRunDeps): Promise<SnapshotRunReport> {
  const started = deps.context.now().getTime();
  const [stacks, indexed, accounts] = await Promise.all([
    listCloudFormation(deps.clients.cloudFormation, deps.context),
    listIndexedResources(deps.clients, deps.context),
    listOrganizationAccounts(deps.clients.organizations, deps.context),
  ]);
  const listings = [...stacks, ...indexed, ...('listings' in accounts ? accounts.listings : [])];
  const sent = await deps.send(listings);
  const failures = [
    ...new Set(
      listings.flatMap((listing) => (listing.complete ? [] : [`${listing.run.source}: ${listing.reason}`])),
    ),
    ...sent.flatMap((result) => (result.partialReason ? [`${result.runId}: ${result.partialReason}`] : [])),
    ...sent.flatMap((result) =>
      result.completionSent ? [] : [`${result.runId}: the listing end was not accepted`],
    ),
  ];
  return {
    runs: listings.map((listing, index) => ({
      id: listing.run.id,
      source: listing.run.source,
      account: listing.run.account,
      region: listing.run.region,
      observed: listing.observations.length,
      complete: listing.complete && sent[index]?.partialReason === undefined,
      ...(listing.reason ? { reason: listing.reason } : {}),
    })),
    observed: listings.reduce((sum, listing) => sum + listing.observations.length, 0),
    pages: listings.reduce((sum, listing) => sum + listing.pages, 0),
    failures,
    skipped: 'skipped' in accounts ? [`organizations: ${accounts.skipped}`] : [],
    durationMillis: deps.context.now().getTime() - started,
  };
}
