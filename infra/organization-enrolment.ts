// Enrols the organization: a service-managed StackSet (cdk-stacksets) deploys the member template
// (the forwarder and the snapshot function, as a member account deployed by hand runs them) to every
// account of the chosen organizational units (the root id: the whole organization), in the chosen
// regions, and follows the organization: an account that joins gets it, an account that leaves loses
// it. Deployed from the management account or a delegated StackSets administrator.
import { CfnOutput, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cxapi from 'aws-cdk-lib/cx-api';
import {
  Capability,
  DeploymentType,
  RegionConcurrencyType,
  StackSet,
  StackSetStack,
  StackSetTarget,
  StackSetTemplate,
} from 'cdk-stacksets';
import type { App } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { RuleDefinition } from '../shared/rules/rule-definition';
import { addMemberAccount, centralEventBusParameter } from './forwarder-stack';
import type { MemberAccount } from './forwarder-stack';
import { EnrolmentAssetBucketStack } from './enrolment-asset-bucket';
import type { EnrolmentConfig } from './inventory-config';

/** The prefix of the member accounts' forwarding rules (unique on their default bus). */
export const MEMBER_RULE_PREFIX = 'ResourceInventoryMember';

export const STACK_SET_NAME = 'ResourceInventoryMembers';

/**
 * The bucket StackSets read member code from in `region`: cdk-stacksets writes `<prefix>-<region>`
 * into the member template (`Fn::Join` on `AWS::Region`), so the buckets must be named exactly so.
 */
export function assetBucketName(enrolment: EnrolmentConfig, region: string): string {
  return `${enrolment.assetBucketPrefix}-${region}`;
}

export interface OrganizationEnrolmentStackProps extends StackProps {
  rules: readonly RuleDefinition[];
  enrolment: EnrolmentConfig;
  /** When each member's snapshot function runs (context snapshotSchedule, as the forwarder stack's). */
  snapshotSchedule: string;
  logRetention: logs.RetentionDays;
}

/**
 * The member template: never deployed by `cdk deploy`, only published for the StackSet. Its code
 * assets go to the per-region buckets (never the target account's CDK bootstrap, which StackSets
 * cannot count on), and it holds no bootstrap version check.
 */
export class MemberStack extends StackSetStack {
  readonly parts: MemberAccount;

  constructor(scope: Construct, id: string, props: OrganizationEnrolmentStackProps, buckets: s3.IBucket[]) {
    super(scope, id, { assetBuckets: buckets, assetBucketPrefix: props.enrolment.assetBucketPrefix });
    // Construct paths and the build machine's asset paths mean nothing in a member account (the
    // template is about 7% smaller without them).
    this.node.setContext(cxapi.PATH_METADATA_ENABLE_CONTEXT, false);
    this.node.setContext(cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT, false);
    this.parts = addMemberAccount(this, {
      rules: props.rules,
      centralEventBusArn: centralEventBusParameter(this).valueAsString,
      ruleNamePrefix: MEMBER_RULE_PREFIX,
      snapshotSchedule: props.snapshotSchedule,
      logRetention: props.logRetention,
    });
  }
}

export class OrganizationEnrolmentStack extends Stack {
  readonly member: MemberStack;
  readonly stackSet: StackSet;

  constructor(scope: Construct, id: string, props: OrganizationEnrolmentStackProps) {
    super(scope, id, props);
    const { enrolment } = props;
    // StackSets deploy code only from a bucket in the target region, which the member accounts read
    // (EnrolmentAssetBucketStack creates them, with the organization read policy).
    const buckets = enrolment.regions.map((region) =>
      s3.Bucket.fromBucketAttributes(this, `AssetBucket-${region}`, {
        bucketName: assetBucketName(enrolment, region),
        region,
      }),
    );
    this.member = new MemberStack(this, 'Member', props, buckets);
    this.stackSet = new StackSet(this, 'StackSet', {
      stackSetName: STACK_SET_NAME,
      description:
        'Resource inventory: forwards each member account and region to the central bus, and lists it daily',
      template: StackSetTemplate.fromStackSetStack(this.member),
      deploymentType: DeploymentType.serviceManaged({
        autoDeployEnabled: true,
        // An account that leaves the organization (or the OUs) loses its forwarder.
        autoDeployRetainStacks: false,
        delegatedAdmin: !enrolment.fromManagementAccount,
      }),
      target: StackSetTarget.fromOrganizationalUnits({
        organizationalUnits: enrolment.organizationalUnits,
        regions: enrolment.regions,
      }),
      parameters: { CentralEventBusArn: enrolment.centralEventBusArn },
      capabilities: [Capability.IAM],
      operationPreferences: {
        regionConcurrencyType: RegionConcurrencyType.PARALLEL,
        maxConcurrentPercentage: 25,
        failureTolerancePercentage: 10,
      },
    });
    acknowledgeAssetDeployments(this, enrolment);
    // cdk-stacksets warns that it cannot add a policy to buckets it did not create: ours come with one.
    Validations.of(this).acknowledge({
      id: 'Annotation::warning-annotation',
      reason:
        'The asset buckets are EnrolmentAssetBucketStack, one per enrolment region, whose policy lets the ' +
        "organization's accounts read the member code; this stack depends on them.",
    });
    new CfnOutput(this, 'StackSetName', { value: STACK_SET_NAME });
  }
}

export interface OrganizationEnrolment {
  stack: OrganizationEnrolmentStack;
  /** One per enrolment region; the enrolment stack depends on each. */
  assetBuckets: EnrolmentAssetBucketStack[];
}

/**
 * The enrolment stack and its asset bucket stacks: `cdk deploy <id>` deploys the buckets first (the
 * CLI includes a stack's dependencies), then copies the member code in and updates the StackSet.
 */
export function addOrganizationEnrolment(
  app: App,
  id: string,
  props: OrganizationEnrolmentStackProps,
): OrganizationEnrolment {
  const stack = new OrganizationEnrolmentStack(app, id, props);
  const assetBuckets = props.enrolment.regions.map((region) => {
    const buckets = new EnrolmentAssetBucketStack(app, `${id}Assets-${region}`, {
      description: `Resource inventory: the bucket StackSets read member code from in ${region}`,
      bucketName: assetBucketName(props.enrolment, region),
      organizationId: props.enrolment.organizationId,
      region,
    });
    stack.addStackDependency(buckets, 'the member code is copied into the asset buckets');
    return buckets;
  });
  return { stack, assetBuckets };
}

/**
 * cdk-stacksets copies member code to the region buckets with aws-s3-deployment, whose provider
 * function CDK owns: its managed policy, wildcards and runtime are CDK's, not ours to change. Each finding is
 * acknowledged by its evidence, so a new permission on it would still be reported.
 */
function acknowledgeAssetDeployments(stack: Stack, enrolment: EnrolmentConfig): void {
  const reason = 'CDK BucketDeployment provider, copying member code to the per-region asset buckets: ';
  const assetBucket = `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>`;
  const buckets = [assetBucket, ...enrolment.regions.map((region) => assetBucketName(enrolment, region))];
  const wildcards = [
    ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map(
      (action) => `Action::${action}`,
    ),
    ...buckets.map((bucket) => `Resource::arn:<AWS::Partition>:s3:::${bucket}/*`),
  ];
  for (const construct of stack.node.findAll()) {
    if (!construct.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
    Validations.of(construct).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: `${reason}the basic execution role is CDK's choice for the provider's logs`,
      },
      { id: 'AwsSolutions-L1', reason: `${reason}its runtime is pinned by the aws-cdk-lib release` },
      ...wildcards.map((evidence) => ({
        id: `AwsSolutions-IAM5[${evidence}]`,
        reason: `${reason}it reads the staged asset objects and writes the objects of its target buckets`,
      })),
    );
  }
}
