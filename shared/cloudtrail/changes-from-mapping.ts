// Applies one registry entry to a CloudTrail record: one ResourceChange per resource the call names,
// with ids built by identityForPhysicalId so CloudTrail and CloudFormation land on the same rows.
import { parseArn, typeOfArn } from '../arn/arn-type';
import { isNamedThroughAliases } from '../arn/identity-aliases';
import {
  identityForPhysicalId,
  isArnOnlyType,
  resourceRegion,
  typeOfPrefixedId,
} from '../arn/resource-identity';
import type { Lifecycle, ResourceChange, TagChange } from '../model/resource-change';
import type { CallContext } from './call-context';
import type { CloudTrailDetail } from './cloudtrail-detail-schema';
import type { CloudTrailEffect, CloudTrailMapping, ResourceTypeRule } from './cloudtrail-mapping';
import { firstString, stringsAt, valuesAt } from './detail-path';
import { readTagKeys, readTags } from './tag-reading';

const LIFECYCLE_OF_EFFECT: Record<CloudTrailEffect, Lifecycle> = {
  create: 'create',
  update: 'update',
  tag: 'tag',
  untag: 'tag',
  delete: 'delete',
};

interface ResolvedType {
  type: string;
  derived: boolean;
}

export function changesFromMapping(
  mapping: CloudTrailMapping,
  detail: CloudTrailDetail,
  context: CallContext,
): ResourceChange[] {
  const effect = effectOf(mapping, detail);
  const elements = mapping.each ? valuesAt(detail, detail, mapping.each) : [detail];
  const changes: ResourceChange[] = [];
  for (const element of elements) {
    const identifier = firstString(element, detail, mapping.id);
    if (identifier === undefined) continue;
    const resolved = resolveType(mapping.type, identifier, element, detail);
    if (!resolved) continue;
    const change = resourceChange(resolved, identifier, effect, context);
    // A type known only by its ARN named some other way would make a second row, unless the store
    // folds that id into the ARN's row (a secret named by its name: identity-aliases.ts).
    if (change.arn === null && isArnOnlyType(resolved.type) && !isNamedThroughAliases(resolved.type))
      continue;
    // One call naming a resource twice (a list with duplicates) is still one change to it.
    if (changes.some((existing) => existing.id === change.id)) continue;
    const name = mapping.name && firstString(element, detail, mapping.name);
    if (name) change.name = name;
    const tags = tagChange(mapping, effect, element, detail);
    if (tags) change.tags = tags;
    const aliases = aliasIds(mapping, resolved.type, change.id, element, detail, context);
    if (aliases.length > 0) change.aliases = aliases;
    changes.push(change);
  }
  return changes;
}

/** A change with what every CloudTrail change carries; account and region follow the ARN when it says. */
export function resourceChange(
  resolved: ResolvedType,
  identifier: string,
  effect: CloudTrailEffect,
  context: CallContext,
): ResourceChange {
  const { id, arn } = identityForPhysicalId(resolved.type, identifier, context);
  const parts = arn ? parseArn(arn) : undefined;
  return {
    id,
    arn,
    type: resolved.type,
    ...(resolved.derived ? { typeDerived: true } : {}),
    account: parts && /^\d{12}$/.test(parts.account) ? parts.account : context.account,
    region: resourceRegion(resolved.type, parts?.region || context.region),
    action: effect === 'delete' ? 'delete' : 'upsert',
    lifecycle: LIFECYCLE_OF_EFFECT[effect],
    eventTime: context.eventTime,
    eventId: context.eventId,
    source: 'cloudtrail',
    sourceStatus: context.eventName,
    principal: context.principal,
  };
}

/** The ids of the other identifiers the call gives for the resource (ids equal to its own left out). */
function aliasIds(
  mapping: CloudTrailMapping,
  type: string,
  id: string,
  element: unknown,
  detail: CloudTrailDetail,
  context: CallContext,
): string[] {
  const ids: string[] = [];
  for (const alias of mapping.aliases ?? []) {
    if (alias.unlessPresent && valuesAt(element, detail, alias.unlessPresent).length > 0) continue;
    const identifier = firstString(element, detail, [alias.id]);
    if (identifier === undefined) continue;
    const aliasId = identityForPhysicalId(type, identifier, context).id;
    if (aliasId !== id && !ids.includes(aliasId)) ids.push(aliasId);
  }
  return ids;
}

function effectOf(mapping: CloudTrailMapping, detail: CloudTrailDetail): CloudTrailEffect {
  const when = mapping.updateWhen;
  if (when && valuesAt(detail, detail, when.path).some((value) => value === when.equals)) return 'update';
  return mapping.effect;
}

function resolveType(
  rule: ResourceTypeRule,
  identifier: string,
  element: unknown,
  root: unknown,
): ResolvedType | undefined {
  if (typeof rule === 'string') return { type: rule, derived: false };
  if ('byIdPrefix' in rule) {
    const type = typeOfPrefixedId(identifier);
    return type ? { type, derived: false } : undefined;
  }
  if ('byField' in rule) {
    const value = stringsAt(element, root, rule.byField)[0];
    const type = value === undefined ? undefined : rule.values[value];
    return type ? { type, derived: false } : undefined;
  }
  const fromArn = identifier.startsWith('arn:') ? typeOfArn(identifier) : undefined;
  return fromArn ? { type: fromArn.type, derived: !fromArn.known } : { type: rule.fallback, derived: false };
}

/**
 * Creates set the tags they carry (a new resource has exactly those); tag calls add (or replace, for
 * APIs that replace the set); untag calls remove keys (or clear all, for APIs that do without keys).
 * A create without tags says nothing about tags rather than clearing them.
 */
function tagChange(
  mapping: CloudTrailMapping,
  effect: CloudTrailEffect,
  element: unknown,
  root: unknown,
): TagChange | undefined {
  const tags = mapping.tags ? readTags(mapping.tags, element, root) : undefined;
  const keys = mapping.tagKeys ? readTagKeys(mapping.tagKeys, element, root) : [];
  if (effect === 'create') return tags ? { set: tags } : undefined;
  // Upsert-style calls (EventBridge PutRule) carry tags that apply when they create.
  if (effect === 'update') return tags ? { add: tags } : undefined;
  if (effect === 'tag') {
    if (mapping.tagsReplace) return { set: tags ?? {} };
    const change: TagChange = {};
    if (tags) change.add = tags;
    if (keys.length > 0) change.remove = keys;
    return tags || keys.length > 0 ? change : undefined;
  }
  if (effect === 'untag') {
    if (keys.length > 0) return { remove: keys };
    return mapping.tagsReplace ? { set: {} } : undefined;
  }
  return undefined;
}
