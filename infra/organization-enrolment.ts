// Enrols the organization: a service-managed StackSet (cdk-stacksets) deploys the member template
// (the forwarder, and whatever member parts the app adds) to every account of the chosen
// organizational units (the root id: the whole organization), in the chosen regions, and follows the
// organization: an account that joins gets it, an account that leaves loses it. Deployed from the
// management account or a delegated StackSets administrator.
import { CfnOutput, DefaultStackSynthesizer, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  Capability,
  DeploymentType,
  RegionConcurrencyType,
  StackSet,
  StackSetStack,
  StackSetTarget,
  StackSetTemplate,
} from 'cdk-stacksets';
import type { Construct } from 'constructs';
import type { RuleDefinition } from '../shared/rules/rule-definition';
import { addForwarder, centralEventBusParameter, forwardDeadLettersAlarm } from './forwarder-stack';
import type { EnrolmentConfig } from './inventory-config';

/** Adds more to the member template (the snapshot function); code goes in as an asset, never inline. */
export type MemberPart = (member: Stack) => void;

/** The prefix of the member accounts' forwarding rules (unique on their default bus). */
export const MEMBER_RULE_PREFIX = 'ResourceInventoryMember';

export interface OrganizationEnrolmentStackProps extends StackProps {
  rules: readonly RuleDefinition[];
  enrolment: EnrolmentConfig;
  memberParts?: readonly MemberPart[];
}

/** The member template: never deployed by `cdk deploy`, only published for the StackSet. */
class MemberStack extends StackSetStack {
  constructor(scope: Construct, id: string, props: OrganizationEnrolmentStackProps, buckets?: s3.IBucket[]) {
    super(scope, id, {
      assetBuckets: buckets,
      assetBucketPrefix: buckets ? props.enrolment.assetBucketPrefix : undefined,
    });
    const busArn = centralEventBusParameter(this).valueAsString;
    const forwarder = addForwarder(this, {
      rules: props.rules,
      centralEventBusArn: busArn,
      ruleNamePrefix: MEMBER_RULE_PREFIX,
    });
    forwardDeadLettersAlarm(this, forwarder.deadLetterQueue);
    for (const part of props.memberParts ?? []) part(this);
  }
}

export class OrganizationEnrolmentStack extends Stack {
  readonly member: StackSetStack;
  readonly stackSet: StackSet;

  constructor(scope: Construct, id: string, props: OrganizationEnrolmentStackProps) {
    super(scope, id, props);
    const { enrolment } = props;
    // StackSets deploy code only from a bucket in the target region; the member accounts read it
    // there (docs/deploy.md says how to create the buckets and their organization read policy).
    const buckets =
      enrolment.assetBucketPrefix === undefined
        ? undefined
        : enrolment.regions.map((region) =>
            s3.Bucket.fromBucketAttributes(this, `AssetBucket-${region}`, {
              bucketName: `${enrolment.assetBucketPrefix}-${region}`,
              region,
            }),
          );
    try {
      this.member = new MemberStack(this, 'Member', props, buckets);
    } catch (error) {
      if (buckets === undefined && error instanceof Error && /Asset Bucket/.test(error.message)) {
        throw new Error(
          'the member template carries Lambda code: set context enrolmentAssetBucketPrefix to the prefix ' +
            'of the buckets <prefix>-<region> the code is published to (docs/deploy.md)',
          { cause: error },
        );
      }
      throw error;
    }
    this.stackSet = new StackSet(this, 'StackSet', {
      stackSetName: 'ResourceInventoryMembers',
      description: 'Resource inventory: forwards each member account and region to the central bus',
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
    new CfnOutput(this, 'StackSetName', { value: 'ResourceInventoryMembers' });
  }
}

/**
 * cdk-stacksets copies member code to the region buckets with aws-s3-deployment, whose provider
 * function CDK owns: its managed policy, wildcards and runtime are CDK's, not ours to change. Each finding is
 * acknowledged by its evidence, so a new permission on it would still be reported.
 */
function acknowledgeAssetDeployments(stack: Stack, enrolment: EnrolmentConfig): void {
  const reason = 'CDK BucketDeployment provider, copying member code to the per-region asset buckets: ';
  const assetBucket = `cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-<AWS::AccountId>-<AWS::Region>`;
  const buckets = [
    assetBucket,
    ...enrolment.regions.map((region) => `${enrolment.assetBucketPrefix}-${region}`),
  ];
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
