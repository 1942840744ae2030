// Canonical ids: the ARN wherever it can be built from a physical id, else the documented fallback.
// Both normalizers (CloudFormation physical ids, CloudTrail identifiers) go through this module,
// which is what lands one resource on one row whatever the source. The formats are data: arn-formats.ts.
import {
  GLOBAL_REGION,
  GLOBAL_TYPE_PREFIXES,
  HAND_WRITTEN_ARN_FORMATS,
  allArnFormats,
  arnFormatTypes,
  arnFormatsOfType,
} from './arn-formats';
import type { ArnFormat } from './arn-formats';

export interface IdentityContext {
  account: string;
  region: string;
  /** `aws` unless the event came from another partition (aws-cn, aws-us-gov). */
  partition?: string;
}

export interface ResourceIdentity {
  id: string;
  arn: string | null;
}

const WHOLE_ID_IS_NAME = /^(?<name>.+)$/;

function physicalIdPattern(format: ArnFormat): RegExp {
  if (format.idPrefix) return new RegExp(`^(?<name>${format.idPrefix}-[0-9a-f]+)$`);
  return format.physicalId ?? WHOLE_ID_IS_NAME;
}

// Only hand-written formats name an id prefix (the spec has no such notion).
const TYPES_BY_ID_PREFIX = new Map(
  HAND_WRITTEN_ARN_FORMATS.flatMap((format) =>
    format.idPrefix ? [[format.idPrefix, format.type] as const] : [],
  ),
);

/** The type an EC2-style id names by its prefix (`vol-0abc` -> `AWS::EC2::Volume`), if any. */
export function typeOfPrefixedId(id: string): string | undefined {
  const match = /^([a-z]+)-[0-9a-f]+$/.exec(id);
  return match ? TYPES_BY_ID_PREFIX.get(match[1]) : undefined;
}

export function supportedArnTypes(): string[] {
  return arnFormatTypes();
}

/** True for types only an ARN names (secrets, load balancers...): any other identifier gets no ARN. */
export function isArnOnlyType(type: string): boolean {
  const formats = arnFormatsOfType(type);
  return formats.length > 0 && formats.every((format) => format.arnOnly === true);
}

/** True for the types of services without regions (IAM, CloudFront, Route 53). */
export function isGlobalType(type: string): boolean {
  return GLOBAL_TYPE_PREFIXES.some((prefix) => type.startsWith(prefix));
}

/**
 * The region a resource's row shows: `global` for global types (whichever region reported them, so
 * that a stack in eu-west-1 and CloudTrail's us-east-1 agree), else the region given.
 */
export function resourceRegion(type: string, region: string): string {
  return isGlobalType(type) ? GLOBAL_REGION : region;
}

/** The partition of a region: China and GovCloud regions have their own. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * The canonical identity of a resource of `type` known by `physicalId`. An ARN is kept as it is,
 * unless its type knows it as an alias of a canonical spelling (IAM paths, Lambda qualifiers, a log
 * group's `:*`). Identifiers no format reads get the fallback id
 * `<type>|<account>|<region>|<physicalId>` (region `global` for global types) and a null ARN.
 */
export function identityForPhysicalId(
  type: string,
  physicalId: string,
  context: IdentityContext,
): ResourceIdentity {
  const full: Required<IdentityContext> = { ...context, partition: context.partition ?? 'aws' };
  const formats = arnFormatsOfType(type);
  if (physicalId.startsWith('arn:')) {
    for (const format of formats) {
      const groups = format.arnAlias?.exec(physicalId)?.groups;
      const arn = groups && fillTemplate(format, groups, full);
      if (arn) return { id: arn, arn };
    }
    return { id: physicalId, arn: physicalId };
  }
  for (const format of formats) {
    if (format.arnOnly || format.recogniseOnly) continue;
    const groups = physicalIdPattern(format).exec(physicalId)?.groups;
    const arn = groups && fillTemplate(format, groups, full);
    if (arn) return { id: arn, arn };
  }
  return { id: fallbackId(type, physicalId, full), arn: null };
}

export function fallbackId(type: string, physicalId: string, context: IdentityContext): string {
  return `${type}|${context.account}|${resourceRegion(type, context.region)}|${physicalId}`;
}

/** The template with its placeholders filled, or undefined when one has no value. */
function fillTemplate(
  format: ArnFormat,
  groups: Record<string, string | undefined>,
  context: Required<IdentityContext>,
): string | undefined {
  const values: Record<string, string | undefined> = {
    partition: context.partition,
    region: context.region,
    account: context.account,
  };
  for (const [key, value] of Object.entries(groups)) if (value !== undefined) values[key] = value;
  let missing = false;
  const arn = format.arn.replace(/\{(\w+)\}/g, (_whole, key: string) => {
    const value = values[key];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  if (missing) return undefined;
  return format.lowercase ? arn.toLowerCase() : arn;
}

/**
 * The ids a resource asked for by `id` may be stored under, most likely first, for a lookup that must
 * find the row whatever id it got: the id itself; for an ARN, the fallback ids of the identifiers in
 * it (a row indexed before any source gave its ARN: an EIP by allocation id, a type whose physical id
 * builds no ARN); for a fallback id, the ARN its physical id builds now. A pure function: the store
 * tries each (one GetItem apiece) and takes the first row found.
 *
 * @example lookupIds('arn:aws:ec2:eu-west-1:111122223333:elastic-ip/eipalloc-0a1b')
 *   // ['arn:aws:ec2:eu-west-1:111122223333:elastic-ip/eipalloc-0a1b',
 *   //  'AWS::EC2::EIP|111122223333|eu-west-1|eipalloc-0a1b']
 */
export function lookupIds(id: string): string[] {
  const ids = [id];
  const add = (candidate: string | undefined) => {
    if (candidate !== undefined && !ids.includes(candidate)) ids.push(candidate);
  };
  const fallback =
    /^(?<type>AWS::[^|]+|[A-Za-z0-9]+::[^|]+)\|(?<account>[^|]*)\|(?<region>[^|]+)\|(?<physicalId>.+)$/.exec(
      id,
    )?.groups;
  if (fallback) {
    const { type, physicalId, account, region } = fallback;
    // A global type's fallback id carries `global`; its ARN has no region, so any region builds it.
    const context = { account, region: region === GLOBAL_REGION ? 'us-east-1' : region };
    add(identityForPhysicalId(type, physicalId, context).arn ?? undefined);
    return ids;
  }
  if (!id.startsWith('arn:')) return ids;
  // A fallback id always names its account: ARNs without one (S3, Route 53) always build from the id.
  const account = /^arn:[^:]+:[^:]+:[^:]*:(\d{12})?:/.exec(id)?.[1] ?? '';
  const region = /^arn:[^:]+:[^:]+:([^:]*):/.exec(id)?.[1] || GLOBAL_REGION;
  if (account === '') return ids;
  for (const format of allArnFormats()) {
    const groups = templatePattern(format.arn).exec(id)?.groups;
    if (!groups) continue;
    const holes = Object.entries(groups).filter(
      ([hole]) => !['partition', 'region', 'account'].includes(hole),
    );
    if (holes.length !== 1) continue;
    add(fallbackId(format.type, holes[0][1], { account, region }));
  }
  return ids;
}

const TEMPLATE_PATTERNS = new Map<string, RegExp>();

/** A template as a pattern with one named group per hole (the last hole takes the rest). */
function templatePattern(template: string): RegExp {
  let pattern = TEMPLATE_PATTERNS.get(template);
  if (!pattern) {
    const parts = template.split(/(\{\w+\})/).filter((part) => part.length > 0);
    const lastHole = parts.findLastIndex((part) => /^\{\w+\}$/.test(part));
    const seen = new Set<string>();
    const source = parts
      .map((part, index) => {
        const hole = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!hole) return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        const body = index === lastHole ? '.+' : '[^:/]*';
        if (seen.has(hole)) return body;
        seen.add(hole);
        return `(?<${hole}>${body})`;
      })
      .join('');
    pattern = new RegExp(`^${source}$`);
    TEMPLATE_PATTERNS.set(template, pattern);
  }
  return pattern;
}
