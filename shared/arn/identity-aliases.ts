// The other ids a resource's own id implies it may have been indexed under: a secret's ARN ends in a
// random suffix, so a call naming the secret by name lands on its name-based fallback id until the
// store folds that row into the ARN's. Pure, from the id alone, so every source's change carries it.
import { fallbackId } from './resource-identity';

const SECRET = 'AWS::SecretsManager::Secret';

/**
 * A secret ARN: `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>`
 * (Secrets Manager adds a hyphen and six characters to the name, so the name is the rest).
 */
const SECRET_ARN =
  /^arn:[^:]+:secretsmanager:(?<region>[^:]+):(?<account>\d{12}):secret:(?<name>.+)-[A-Za-z0-9]{6}$/;

/** Types whose calls may name a resource by a name the store resolves through an alias (see above). */
const TYPES_NAMED_THROUGH_ALIASES: ReadonlySet<string> = new Set([SECRET]);

/** True when a name-based fallback id of `type` is worth indexing: the store redirects it to the ARN's row. */
export function isNamedThroughAliases(type: string): boolean {
  return TYPES_NAMED_THROUGH_ALIASES.has(type);
}

/**
 * The alias ids a resource of `type` known by `id` implies, other than `id` itself.
 *
 * @example impliedAliasIds('AWS::SecretsManager::Secret',
 *     'arn:aws:secretsmanager:us-east-1:111122223333:secret:orders/db-AbCdEf')
 *   // ['AWS::SecretsManager::Secret|111122223333|us-east-1|orders/db']
 */
export function impliedAliasIds(type: string, id: string): string[] {
  if (type !== SECRET) return [];
  const groups = SECRET_ARN.exec(id)?.groups;
  if (!groups) return [];
  return [fallbackId(SECRET, groups.name, { account: groups.account, region: groups.region })];
}
