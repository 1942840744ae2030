// Canonical ids: the ARN wherever it can be built from a physical id, else the documented fallback.
// Both normalizers (CloudFormation physical ids, CloudTrail identifiers) go through this module,
// which is what lands one resource on one row whatever the source.

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

type ArnBuilder = (physicalId: string, context: Required<IdentityContext>) => string;

/** Resource type -> how its physical id becomes an ARN. Extended by the ingest work. */
const ARN_BUILDERS: Record<string, ArnBuilder> = {
  'AWS::S3::Bucket': (name, { partition }) => `arn:${partition}:s3:::${name}`,
};

export function supportedArnTypes(): string[] {
  return Object.keys(ARN_BUILDERS).sort();
}

/**
 * The canonical identity of a resource of `type` known by `physicalId`. A physical id that already
 * is an ARN is kept as it is. Unknown types get the fallback id
 * `<type>|<account>|<region>|<physicalId>` and a null ARN.
 */
export function identityForPhysicalId(
  type: string,
  physicalId: string,
  context: IdentityContext,
): ResourceIdentity {
  if (physicalId.startsWith('arn:')) return { id: physicalId, arn: physicalId };
  const full = { partition: 'aws', ...context };
  const builder = ARN_BUILDERS[type];
  if (builder) {
    const arn = builder(physicalId, full);
    return { id: arn, arn };
  }
  return { id: fallbackId(type, physicalId, full), arn: null };
}

export function fallbackId(type: string, physicalId: string, context: IdentityContext): string {
  return `${type}|${context.account}|${context.region}|${physicalId}`;
}
