// Observations on the ids the event path uses: a resource named by an ARN or by a physical id goes
// through the same identity module as the CloudFormation and CloudTrail normalizers, so a bucket seen
// by Config, CloudFormation and CloudTrail is one row.
import { parseArn, typeOfArn } from '../arn/arn-type';
import {
  identityForPhysicalId,
  partitionOfRegion,
  resourceRegion,
  supportedArnTypes,
} from '../arn/resource-identity';
import type { Observation } from './snapshot-event-schema';

const TYPES_WITH_ARN_FORMAT = new Set(supportedArnTypes());

/** What a listing says about one resource beyond its identity. */
export interface ObservedFacts {
  name?: string;
  tags?: Record<string, string>;
  stack?: Observation['stack'];
}

export interface Scope {
  account: string;
  region: string;
}

/**
 * An observation of a resource whose CloudFormation type is known, by its physical id (what
 * CloudFormation reports) and, when the source has one, its ARN. The ARN wins for types with an ARN
 * format (an IAM role's physical id is its name, Config's resourceId is its RoleId: both ARNs agree);
 * for types without one the physical id gives the same fallback id a CloudFormation event gives.
 */
export function observationOfType(
  type: string,
  physicalId: string,
  arn: string | undefined,
  scope: Scope,
  facts: ObservedFacts = {},
): Observation {
  const context = { ...scope, partition: partitionOfRegion(scope.region) };
  const useArn = arn !== undefined && arn.startsWith('arn:') && TYPES_WITH_ARN_FORMAT.has(type);
  const identity = identityForPhysicalId(type, useArn ? arn : physicalId, context);
  return withFacts(
    {
      id: identity.id,
      arn: identity.arn ?? (arn?.startsWith('arn:') ? arn : null),
      type,
      account: scope.account,
      region: resourceRegion(type, scope.region),
    },
    facts,
  );
}

/**
 * An observation of a resource known only by its ARN (Resource Explorer, the Tagging API). The type
 * is `typeHint` when the source names one we know, else the one the ARN's format gives; when neither
 * knows it, the type is made up from the ARN as the generic CloudTrail path does, and flagged derived.
 * Account and region come from the ARN, else from `scope` (S3 ARNs carry neither).
 */
export function observationOfArn(
  arn: string,
  scope: Scope,
  facts: ObservedFacts = {},
  typeHint?: string,
): { observation: Observation; known: boolean } | undefined {
  const parts = parseArn(arn);
  const guessed = typeOfArn(arn);
  if (!parts || !guessed) return undefined;
  const known = guessed.known || typeHint !== undefined;
  const type = guessed.known ? guessed.type : (typeHint ?? guessed.type);
  const account = parts.account !== '' && parts.account !== 'aws' ? parts.account : scope.account;
  const region = parts.region !== '' ? parts.region : scope.region;
  const identity = identityForPhysicalId(type, arn, { account, region, partition: parts.partition });
  const observation: Observation = {
    id: identity.id,
    arn: identity.arn,
    type,
    account,
    region: resourceRegion(type, region),
  };
  if (!known) observation.typeDerived = true;
  return { observation: withFacts(observation, facts), known };
}

function withFacts(observation: Observation, facts: ObservedFacts): Observation {
  if (facts.name !== undefined && facts.name !== '') observation.name = facts.name;
  if (facts.tags !== undefined) observation.tags = facts.tags;
  if (facts.stack !== undefined) observation.stack = facts.stack;
  return observation;
}
