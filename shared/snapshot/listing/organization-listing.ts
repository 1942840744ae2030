// Lists the organization's accounts (Organizations ListAccounts, every page to the end) as
// observations of AWS::Organizations::Account, so the summary can name the accounts it counts.
//
// Only the management account owns them: in a delegated administrator the accounts' ARNs name the
// management account, and the collector skips them (each account writes only its own resources).
// A member or standalone account is refused the call: that is no failure, the listing is skipped and
// proves nothing. A listing read to the end is complete for the type in (management account, global).
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GLOBAL_REGION } from '../../arn/arn-formats';
import { observeOrganizationAccount } from '../readers/organizations-reader';
import type { SnapshotListing } from '../snapshot-listing';
import { ListingCollector, describeFailure } from './listing-collector';
import type { ListingContext } from './listing-context';

/** Errors that mean "this account may not list the organization", not a failure of the run. */
const REFUSALS: Readonly<Record<string, string>> = {
  AWSOrganizationsNotInUseException: 'the account belongs to no organization',
  AccessDeniedException:
    'the account is not the management account of its organization (nor allowed to list its accounts)',
};

export type OrganizationListing =
  | { listings: SnapshotListing[] }
  /** Refused: no run is sent, and the reason goes to the report and the log. */
  | { skipped: string };

export async function listOrganizationAccounts(
  client: OrganizationsClient,
  context: ListingContext,
): Promise<OrganizationListing> {
  const startedAt = context.now();
  // Accounts are global: the run's scope is (this account, global) whatever region lists them.
  const collector = new ListingCollector(
    'organizations',
    { account: context.account, region: GLOBAL_REGION },
    startedAt,
    startedAt,
  );
  try {
    let token: string | undefined;
    do {
      const page = await client.send(new ListAccountsCommand({ NextToken: token }));
      collector.pages++;
      for (const account of page.Accounts ?? []) {
        const read = observeOrganizationAccount(account);
        if ('problem' in read) collector.skip(`an account whose ${read.field} ${read.problem}`);
        else if ('skipped' in read) collector.skip(read.skipped);
        else collector.add(read);
      }
      token = page.NextToken;
    } while (token);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    // Refused on its first call: the account cannot list the organization at all.
    if (Object.hasOwn(REFUSALS, name) && collector.pages === 0)
      return { skipped: `Organizations ListAccounts refused (${name}): ${REFUSALS[name]}` };
    collector.fail(describeFailure('Organizations ListAccounts', error));
  }
  return { listings: collector.finish(context.now(), true) };
}
