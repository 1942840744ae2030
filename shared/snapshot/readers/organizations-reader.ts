// Organizations `aws organizations list-accounts`: every account of the organization, with its name.
// Each becomes an observation of AWS::Organizations::Account in the management account (the account
// its ARN names) and region `global`, named after the account, so the summary can show names.
//
// Complete for that type when the output has no NextToken (the CLI follows every page unless told
// not to): an account no longer listed has left the organization. Dated by the file's modification
// time (the output carries no listing time; JoinedTimestamp is when the account joined).
import * as z from 'zod/mini';
import '../../events/schema-messages';
import { GLOBAL_REGION } from '../../arn/arn-formats';
import {
  CLOSED_ACCOUNT_STATE,
  ORGANIZATION_ACCOUNT_TYPE,
  parseAccountArn,
} from '../../model/organization-account';
import { observationOfArn } from '../observation-identity';
import type { Observation } from '../snapshot-event-schema';
import { PageBuilder, SnapshotInputError, hasArrayOf, parseDocument } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const AccountSchema = z.object({
  Id: z.string().check(z.regex(/^\d{12}$/, 'expected a 12-digit account id')),
  Arn: z
    .string()
    .check(
      z.refine(
        (arn) => parseAccountArn(arn) !== undefined,
        'expected an account ARN (arn:aws:organizations::<management account>:account/o-<org>/<account>)',
      ),
    ),
  Name: z.optional(z.string()),
  Email: z.optional(z.string()),
  Status: z.optional(z.string()),
  State: z.optional(z.string()),
  JoinedMethod: z.optional(z.string()),
  JoinedTimestamp: z.optional(z.union([z.string(), z.number()])),
});

const ListAccountsSchema = z.object({
  Accounts: z.array(AccountSchema),
  NextToken: z.optional(z.string()),
});

/** What ListAccounts says of one account (the SDK and the CLI output alike). */
export interface ListedAccount {
  Id?: string;
  Arn?: string;
  Name?: string;
  State?: string;
  Status?: string;
}

/**
 * One listed account as an observation, or why it is none: a closed account is gone for good (a
 * suspended one is kept: it can be reinstated and still owns resources), and an ARN that does not
 * name the account's own id is a problem of the input.
 */
export function observeOrganizationAccount(
  account: ListedAccount,
): { observation: Observation; known: boolean } | { skipped: string } | { problem: string; field: string } {
  const arn = account.Arn === undefined ? undefined : parseAccountArn(account.Arn);
  if (!arn || account.Arn === undefined) return { problem: 'is not an account ARN', field: 'Arn' };
  if (arn.member !== account.Id)
    return { problem: `names account ${arn.member}, not the account's Id ${account.Id}`, field: 'Arn' };
  // `State` replaced `Status` (retired in September 2026); older outputs carry only `Status`.
  if ((account.State ?? account.Status) === CLOSED_ACCOUNT_STATE)
    return { skipped: 'a closed account (gone for good)' };
  const read = observationOfArn(
    account.Arn,
    { account: arn.management, region: GLOBAL_REGION },
    { name: account.Name },
    ORGANIZATION_ACCOUNT_TYPE,
  );
  return read ?? { problem: 'is not an ARN', field: 'Arn' };
}

export const organizationsReader: SnapshotReader = {
  format: 'organizations-accounts',
  describes: 'aws organizations list-accounts',
  recognise: (document) => hasArrayOf(document, 'Accounts', ['Id', 'Arn']),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const listing = parseDocument(ListAccountsSchema, document, context.file);
    const pages = new PageBuilder(
      { format: 'organizations-accounts', source: 'organizations', timeFrom: 'file' },
      () => context.fileTime,
    );
    listing.Accounts.forEach((account, index) => {
      const read = observeOrganizationAccount(account);
      if ('problem' in read)
        throw new SnapshotInputError(context.file, `Accounts.${index}.${read.field}`, read.problem);
      if ('skipped' in read) {
        const management = parseAccountArn(account.Arn)?.management ?? account.Id;
        pages.skip(management, GLOBAL_REGION, read.skipped);
      } else pages.add(read.observation, read.known);
    });
    // A NextToken in the output: the CLI was told to stop early, so the accounts it lists are not all.
    const completeTypes = listing.NextToken === undefined ? [ORGANIZATION_ACCOUNT_TYPE] : [];
    return pages.build().map((page) => ({ ...page, completeTypes }));
  },
};
