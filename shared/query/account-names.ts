// The names of the accounts a summary counts: the organization's account rows (type
// AWS::Organizations::Account, which the management account's snapshot lists) read through that
// type's listing, a Query per 1,000 accounts, never a scan. Accounts no row names keep their id only.
import type { ResourceRecord } from '../model/resource-record';
import { ORGANIZATION_ACCOUNT_TYPE, parseAccountArn } from '../model/organization-account';
import type { IndexReader } from './query-route';

/** Rows per Query: the API's largest page, so an organization of 1,000 accounts costs one. */
const ACCOUNTS_PER_PAGE = 1000;

/**
 * Account id -> name for each of `accounts` an active account row names (sorted by id). Two rows
 * naming one account (an account that moved between organizations) give the newest-confirmed name.
 *
 * @example
 * await accountNamesOf(store, Object.keys(summary.byAccount)) // { '111122223333': 'Production' }
 */
export async function accountNamesOf(
  store: Pick<IndexReader, 'listResources'>,
  accounts: Iterable<string>,
): Promise<Record<string, string>> {
  const wanted = new Set(accounts);
  const named = new Map<string, ResourceRecord>();
  if (wanted.size === 0) return {};
  let after: Record<string, unknown> | undefined;
  do {
    const page = await store.listResources(
      { type: ORGANIZATION_ACCOUNT_TYPE, status: 'active' },
      { limit: ACCOUNTS_PER_PAGE, after },
    );
    for (const row of page.items) {
      const member = parseAccountArn(row.arn ?? row.id)?.member;
      // A row no source named is named after its id's last part, the account id: that names nothing.
      if (member === undefined || !wanted.has(member) || row.name === '' || row.name === member) continue;
      const seen = named.get(member);
      if (!seen || confirmedAt(row) > confirmedAt(seen)) named.set(member, row);
    }
    after = page.next;
  } while (after);
  return Object.fromEntries(
    [...named].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([member, row]) => [member, row.name]),
  );
}

function confirmedAt(row: ResourceRecord): string {
  return row.lastConfirmed ?? row.lastChanged;
}
