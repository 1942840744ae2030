// What a change may carry into the index, checked once for every normalizer: a 12-digit account, a
// region name (or `global`), and no control characters in anything the API looks up or filters by.
// The API refuses control characters in every parameter, so a row keyed by one could never be read
// back by id. Such a change is rejected, not cleaned: stripping `a\u0000b` to `ab` would write the
// row of another, real resource.
import type { Normalization } from '../model/normalization';
import type { ResourceChange, StackChange } from '../model/resource-change';

/** An AWS account id. */
export const ACCOUNT_ID = /^\d{12}$/;

/**
 * A region name of any partition (`us-east-1`, `us-gov-west-1`, `cn-north-1`, `eu-isoe-west-1`,
 * `eusc-de-east-1`: the shapes of the SDK's partition regexes) or `global` for global services.
 * test/ingest checks it against every region aws-cdk-lib's region-info knows.
 */
export const REGION_NAME = /^(?:global|[a-z]{2,4}(?:-[a-z]+){1,3}-\d{1,2})$/;

/** C0 controls and DEL: the characters the query API refuses in parameters. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/;

/** Why the normalization cannot be stored, naming the field; undefined when every change is fine. */
export function invalidChangeReason(normalization: Normalization): string | undefined {
  for (const [index, change] of normalization.changes.entries()) {
    const problem = resourceChangeProblem(change);
    if (problem) return `changes[${index}].${problem}`;
  }
  for (const [index, change] of normalization.stackChanges.entries()) {
    const problem = stackChangeProblem(change);
    if (problem) return `stackChanges[${index}].${problem}`;
  }
  const { listing } = normalization;
  const problem = listing ? placeProblem(listing.account, listing.region) : undefined;
  return problem ? `listing.${problem}` : undefined;
}

function resourceChangeProblem(change: ResourceChange): string | undefined {
  const texts: [string, string | null | undefined][] = [
    ['id', change.id],
    ['arn', change.arn],
    ['type', change.type],
    ['name', change.name],
    ['stack.id', change.stack?.id],
    ['stack.name', change.stack?.name],
    ['stack.logicalId', change.stack?.logicalId],
  ];
  for (const [key, value] of Object.entries({ ...change.tags?.set, ...change.tags?.add })) {
    texts.push([`tags (key ${JSON.stringify(key)})`, key], [`tags[${JSON.stringify(key)}]`, value]);
  }
  for (const key of change.tags?.remove ?? []) texts.push(['tags.remove', key]);
  for (const alias of change.aliases ?? []) texts.push(['aliases', alias]);
  return placeProblem(change.account, change.region) ?? controlCharacterProblem(texts);
}

function stackChangeProblem(change: StackChange): string | undefined {
  return (
    placeProblem(change.account, change.region) ??
    controlCharacterProblem([
      ['stackId', change.stackId],
      ['stackName', change.stackName],
    ])
  );
}

function placeProblem(account: string, region: string): string | undefined {
  if (!ACCOUNT_ID.test(account)) return `account ${JSON.stringify(account)} is not a 12-digit account id`;
  if (!REGION_NAME.test(region)) return `region ${JSON.stringify(region)} is not a region name or "global"`;
  return undefined;
}

function controlCharacterProblem(texts: [string, string | null | undefined][]): string | undefined {
  for (const [field, value] of texts) {
    const match = typeof value === 'string' ? CONTROL_CHARACTER.exec(value) : null;
    if (match) {
      const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      return `${field} contains the control character U+${code}`;
    }
  }
  return undefined;
}
