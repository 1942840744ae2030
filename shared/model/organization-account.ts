// The organization's accounts as resources of the index: their CloudFormation type, and which member
// account a row of that type names. Listing, readers and the summary's names all read this one place.

export const ORGANIZATION_ACCOUNT_TYPE = 'AWS::Organizations::Account';

/** `arn:<partition>:organizations::<management account>:account/o-<org id>/<member account>`. */
const ACCOUNT_ARN = /^arn:[^:]+:organizations::(\d{12}):account\/o-[a-z0-9]+\/(\d{12})$/;

/** The management and member accounts an account ARN names, or undefined for any other text. */
export function parseAccountArn(arn: string): { management: string; member: string } | undefined {
  const match = ACCOUNT_ARN.exec(arn);
  return match ? { management: match[1], member: match[2] } : undefined;
}

/**
 * Account states (`State`, which replaced `Status` in 2026) an account is listed in while it is a
 * member: a suspended or closing account can still be reinstated within 90 days and still owns the
 * resources the index counts, so it keeps its name. `CLOSED` is for good: it is not observed, and a
 * complete listing then infers it gone.
 */
export const CLOSED_ACCOUNT_STATE = 'CLOSED';

/**
 * How the page and the command line show an account: `Production — 111122223333` when the index
 * knows its name, else the id alone.
 */
export function accountLabel(account: string, names: Readonly<Record<string, string>>): string {
  const name = Object.hasOwn(names, account) ? names[account] : undefined;
  return name ? `${name} — ${account}` : account;
}
