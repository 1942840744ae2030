// Write calls no registry entry maps, read through AWS's own data: the IAM data says which
// CloudFormation types a Write action acts on (iam-write-actions.ts), the action's name
// says what it does to them, and the record names them, by ARN or by the fields the type's ARN
// template needs. Tag calls name their resource by ARN, whose type the ARN formats tell.
import { parseArn, typeOfArn } from '../arn/arn-type';
import { typeTableRow } from '../arn/type-table';
import type { ResourceChange } from '../model/resource-change';
import type { CallContext } from './call-context';
import { resourceChange } from './changes-from-mapping';
import type { CloudTrailDetail } from './cloudtrail-detail-schema';
import type { CloudTrailEffect } from './cloudtrail-mapping';
import { isRecord, valuesAt } from './detail-path';
import { iamServiceRow } from './iam-write-actions';
import { readTagKeys, readTags } from './tag-reading';

/** Event sources whose IAM service key is another name. */
const IAM_SERVICE_OF_SOURCE: Readonly<Record<string, string>> = {
  monitoring: 'cloudwatch',
  email: 'ses',
};

export function iamServiceOf(eventSource: string): string {
  const name = eventSource.replace(/\.amazonaws\.com$/, '');
  return IAM_SERVICE_OF_SOURCE[name] ?? name;
}

const parsed = new Map<string, Map<string, string[]>>();

/** The CloudFormation types the IAM data says `action` of `service` writes, most relevant first. */
export function typesOfIamAction(service: string, action: string): string[] {
  const row = iamServiceRow(service);
  if (!row) return [];
  const [, types, list] = row;
  let actions = parsed.get(service);
  if (!actions) {
    actions = new Map(
      list.split(' ').map((item) => {
        const [name, indexes] = item.split(':');
        return [name, indexes.split(',').map((index) => types[Number(index)])];
      }),
    );
    parsed.set(service, actions);
  }
  // CloudTrail names some calls with an API version suffix (`UpdateFunctionCode20150331v2`).
  return actions.get(action) ?? actions.get(action.replace(/\d{8}(v\d+)?$/, '')) ?? [];
}

const CREATE_VERBS = ['Create', 'Register', 'Allocate', 'Import', 'Publish', 'Request', 'Run', 'Launch'];
const DELETE_VERBS = ['Delete', 'Deregister', 'Terminate', 'Release'];

/** Walking a record is bounded: a runaway record must not make a huge batch. */
const MAX_CHANGES = 10;

export function iamDerivedChanges(detail: CloudTrailDetail, context: CallContext): ResourceChange[] {
  const name = context.eventName;
  // TagResource, UntagResource, AddTagsToResource, RemoveTagsFromResource, TagQueue...
  if (/^(Tag|AddTags)[A-Z]?/.test(name)) return tagChanges(detail, context, 'tag');
  if (/^(Untag|RemoveTags)[A-Z]?/.test(name)) return tagChanges(detail, context, 'untag');
  const types = typesOfIamAction(iamServiceOf(detail.eventSource), name);
  for (const type of orderByNoun(types, name)) {
    const identifiers = identifiersOf(type, detail, context);
    if (identifiers.length === 0) continue;
    const effect = effectOf(name, type);
    const changes: ResourceChange[] = [];
    for (const identifier of identifiers.slice(0, MAX_CHANGES)) {
      const change = resourceChange({ type, derived: false }, identifier, effect, context);
      if (change.arn !== null && !changes.some((existing) => existing.id === change.id)) changes.push(change);
    }
    if (changes.length > 0) return changes;
  }
  return [];
}

/** The last segment of a type, lower-cased: `AWS::Lambda::Function` -> `function`. */
function nounOfType(type: string): string {
  return (type.split('::')[2] ?? '').toLowerCase();
}

/** The action's object, lower-cased: `CreateFunctionUrlConfig` -> `functionurlconfig`. */
function nounOfAction(action: string): string {
  return action
    .replace(/^[A-Z][a-z]+/, '')
    .replace(/\d{8}(v\d+)?$/, '')
    .toLowerCase();
}

/** Types the action's name names first (`DeleteAlias` acts on an alias before the function). */
function orderByNoun(types: readonly string[], action: string): string[] {
  const noun = nounOfAction(action);
  const score = (type: string) => (noun === nounOfType(type) ? 2 : noun.startsWith(nounOfType(type)) ? 1 : 0);
  return [...types].sort((a, b) => score(b) - score(a));
}

/**
 * Create and delete only when the action's object is the type itself (`DeleteFunction`); any other
 * write to it (`DeleteAlias`, `CreateFunctionUrlConfig`, `PutBucketPolicy`) changes it.
 */
function effectOf(action: string, type: string): CloudTrailEffect {
  if (nounOfAction(action) !== nounOfType(type)) return 'update';
  if (CREATE_VERBS.some((verb) => action.startsWith(verb))) return 'create';
  if (DELETE_VERBS.some((verb) => action.startsWith(verb))) return 'delete';
  return 'update';
}

/**
 * The resource(s) of `type` the record names: ARNs of that type, else its physical id as
 * CloudFormation would spell it, from request (then response) fields named like the type's
 * identifier properties (`FunctionName` -> `functionName`), which the ARN formats then turn into the ARN.
 */
function identifiersOf(type: string, detail: CloudTrailDetail, context: CallContext): string[] {
  const arns = [
    ...collectStrings(detail.responseElements),
    ...collectStrings(detail.requestParameters),
  ].filter((value) => value.startsWith('arn:') && ownArn(value, context) && typeOfArn(value)?.type === type);
  if (arns.length > 0) return [...new Set(arns)];
  const identifier = typeTableRow(type)?.[2];
  if (!identifier || identifier.length === 0) return [];
  const parts = identifier.map(
    (property) =>
      fieldNamed(property, detail.requestParameters) ?? fieldNamed(property, detail.responseElements),
  );
  if (parts.some((part) => part === undefined)) return [];
  return [parts.join('|')];
}

function ownArn(arn: string, context: CallContext): boolean {
  const account = parseArn(arn)?.account;
  return account === '' || account === context.account;
}

/** A string field called `hole` (any case), at most three levels down. */
function fieldNamed(hole: string, value: unknown, depth = 0): string | undefined {
  if (!isRecord(value) || depth > 3) return undefined;
  const wanted = hole.toLowerCase();
  for (const [key, item] of Object.entries(value))
    if (key.toLowerCase() === wanted && typeof item === 'string' && item.length > 0) return item;
  for (const item of Object.values(value)) {
    const found = fieldNamed(hole, item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function collectStrings(value: unknown, found: string[] = [], depth = 0): string[] {
  if (found.length >= 50 || depth > 8) return found;
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, found, depth + 1);
  else if (isRecord(value)) for (const item of Object.values(value)) collectStrings(item, found, depth + 1);
  return found;
}

const TAG_PATHS = [
  '$.requestParameters.tags',
  '$.requestParameters.tagList',
  '$.requestParameters.tagsToAdd',
];
const TAG_KEY_PATHS = [
  '$.requestParameters.tagKeys',
  '$.requestParameters.tagKeyList',
  '$.requestParameters.tagsToRemove',
  '$.requestParameters.keys',
];

/** A tag or untag call: the ARNs it names in its request, each with the tags it sets or removes. */
function tagChanges(
  detail: CloudTrailDetail,
  context: CallContext,
  effect: CloudTrailEffect,
): ResourceChange[] {
  const arns = collectStrings(detail.requestParameters).filter(
    (value) => value.startsWith('arn:') && ownArn(value, context) && typeOfArn(value)?.known === true,
  );
  const changes: ResourceChange[] = [];
  for (const arn of [...new Set(arns)].slice(0, MAX_CHANGES)) {
    const type = typeOfArn(arn)?.type;
    if (!type) continue;
    const change = resourceChange({ type, derived: false }, arn, effect, context);
    if (effect === 'tag') {
      // Tags come as a map (`{"team": "data"}`) or a list (`[{"Key": "team", "Value": "data"}]`).
      const tags = readTags(
        TAG_PATHS.map((path) => ({
          path,
          format: valuesAt(detail, detail, path).some(Array.isArray) ? ('list' as const) : ('map' as const),
        })),
        detail,
        detail,
      );
      if (tags) change.tags = { add: tags };
    } else {
      const keys = readTagKeys(TAG_KEY_PATHS, detail, detail);
      if (keys.length > 0) change.tags = { remove: keys };
    }
    changes.push(change);
  }
  return changes;
}
