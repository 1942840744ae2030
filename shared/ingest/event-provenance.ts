// Who may write what. EventBridge stamps every envelope with an account: the account a service event
// happened in (kept when a rule forwards it to another account's bus), or the PutEvents caller's. An
// event is admitted only from a source the inventory expects and only about that account's resources,
// so a member account can write its own rows and nobody else's.
import { parseStackArn } from '../cloudformation/stack-arn';
import { DETAIL_TYPES } from '../events/event-envelope';
import type { EventEnvelope } from '../events/event-envelope';
import type { Normalization } from '../model/normalization';
import type { ResourceChange, StackChange } from '../model/resource-change';
import { skipped } from './normalization-results';

/** The project's own source: snapshot observations, put by a snapshot run in the account it lists. */
export const SNAPSHOT_SOURCE = 'resource-inventory.snapshot';

/**
 * AWS services' sources. PutEvents refuses any `aws.` source, so only AWS itself can emit one: the
 * envelope account of such an event is where it happened, whoever forwarded it.
 */
const AWS_SOURCE = /^aws\.[a-z0-9][a-z0-9.-]*$/;

/** Detail-types whose source is known exactly; any other needs an AWS source or the snapshot source. */
const SOURCE_OF_DETAIL_TYPE: Readonly<Record<string, (source: string) => boolean>> = {
  [DETAIL_TYPES.stackStatus]: (source) => source === 'aws.cloudformation',
  [DETAIL_TYPES.resourceStatus]: (source) => source === 'aws.cloudformation',
  [DETAIL_TYPES.apiCall]: (source) => AWS_SOURCE.test(source),
};

/** Sources the inventory admits at all: AWS services (as forwarded) and its own snapshots. */
export function isExpectedSource(source: string): boolean {
  return AWS_SOURCE.test(source) || source === SNAPSHOT_SOURCE;
}

/** An event refused for where it came from: logged with both accounts, counted, never retried. */
export interface ForeignEvent {
  reason: string;
  source: string;
  /** The account EventBridge stamped on the envelope: who really sent it. */
  envelopeAccount: string;
  /** The accounts the event says its resources belong to. */
  claimedAccounts: string[];
}

/** Changes of an admitted event dropped because they name another account's resources. */
export interface ForeignChanges {
  envelopeAccount: string;
  ids: string[];
  accounts: string[];
}

/** Refuses a source the inventory does not expect, or one that cannot carry this detail-type. */
export function unexpectedSource(event: EventEnvelope): ForeignEvent | undefined {
  const fits = SOURCE_OF_DETAIL_TYPE[event['detail-type']] ?? isExpectedSource;
  if (fits(event.source)) return undefined;
  return {
    reason: `source ${JSON.stringify(event.source)} may not send ${JSON.stringify(event['detail-type'])} events`,
    source: event.source,
    envelopeAccount: event.account,
    claimedAccounts: [],
  };
}

/**
 * The account the event's own body says it happened in: CloudTrail's `recipientAccountId` (else the
 * caller's `userIdentity.accountId`), a CloudFormation event's stack ARN. Undefined for other
 * detail-types (a snapshot says it through the accounts of its observations and listing).
 */
export function recordedAccountOf(detailType: string, detail: unknown): string | undefined {
  if (!isRecord(detail)) return undefined;
  if (detailType === DETAIL_TYPES.apiCall) {
    const identity = detail.userIdentity;
    return (
      stringField(detail, 'recipientAccountId') ??
      (isRecord(identity) ? stringField(identity, 'accountId') : undefined)
    );
  }
  if (detailType === DETAIL_TYPES.stackStatus || detailType === DETAIL_TYPES.resourceStatus) {
    const stackId = stringField(detail, 'stack-id');
    return stackId === undefined ? undefined : parseStackArn(stackId)?.account;
  }
  return undefined;
}

/**
 * Checks a normalized event against its envelope account. The recorded account (or, for detail-types
 * without one, every account the changes and listing name) must be the envelope's, or the whole event
 * is foreign. An admitted event may still name another account's resource (a CloudTrail call on a
 * cross-account ARN): that change is dropped, since only the owner's events may write its row.
 */
export function checkAccounts(
  event: EventEnvelope,
  normalization: Normalization,
): { foreign: ForeignEvent } | { admitted: Normalization; dropped?: ForeignChanges } {
  const envelopeAccount = event.account;
  const recorded = recordedAccountOf(event['detail-type'], event.detail);
  const claimed =
    recorded !== undefined
      ? [recorded]
      : unique([
          ...normalization.changes.map((change) => change.account),
          ...normalization.stackChanges.map((change) => change.account),
          ...(normalization.listing ? [normalization.listing.account] : []),
        ]);
  const strangers = claimed.filter((account) => account !== envelopeAccount);
  if (strangers.length > 0) {
    return {
      foreign: {
        reason: `envelope account ${envelopeAccount} may not write resources of account ${strangers.join(', ')}`,
        source: event.source,
        envelopeAccount,
        claimedAccounts: claimed,
      },
    };
  }
  const own = (change: ResourceChange | StackChange) => change.account === envelopeAccount;
  const foreignChanges = normalization.changes.filter((change) => !own(change));
  const foreignStacks = normalization.stackChanges.filter((change) => !own(change));
  if (foreignChanges.length + foreignStacks.length === 0) return { admitted: normalization };
  const changes = normalization.changes.filter(own);
  const stackChanges = normalization.stackChanges.filter(own);
  const nothingLeft = changes.length + stackChanges.length === 0;
  return {
    admitted: nothingLeft
      ? skipped(`every resource it names belongs to another account than ${envelopeAccount}`)
      : { ...normalization, changes, stackChanges },
    dropped: {
      envelopeAccount,
      ids: [...foreignChanges.map((change) => change.id), ...foreignStacks.map((change) => change.stackId)],
      accounts: unique([...foreignChanges, ...foreignStacks].map((change) => change.account)),
    },
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function stringField(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
