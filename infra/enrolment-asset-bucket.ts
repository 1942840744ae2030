// The bucket of one enrolment region that StackSets read the member template's Lambda code from: in
// the deploying account, readable by the organization's accounts only. The enrolment stack depends on
// one per region, so `cdk deploy ResourceInventoryEnrolment` creates them first, then copies the code in.
import { CliCredentialsStackSynthesizer, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface EnrolmentAssetBucketStackProps extends StackProps {
  /** `<enrolmentAssetBucketPrefix>-<region>`, the name the member template refers to. */
  bucketName: string;
  organizationId: string;
  /** The region the bucket lives in (one stack per enrolment region). */
  region: string;
}

export class EnrolmentAssetBucketStack extends Stack {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: EnrolmentAssetBucketStackProps) {
    super(scope, id, {
      ...props,
      env: { region: props.region },
      // Deployed with the CLI's credentials and no assets: the regions it goes to need no CDK
      // bootstrap, only the enrolment stack's region does.
      synthesizer: new CliCredentialsStackSynthesizer(),
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      // SSE-S3: other accounts cannot decrypt objects under this account's AWS-managed KMS key.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Member stacks created from its objects keep working without it, but a new account would not.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'It holds only the member Lambda zips the enrolment stack copies in (written by its BucketDeployment, ' +
        "read by the StackSets execution role of the organization's accounts); CloudTrail records who changes it.",
    });
    // Lambda reads a StackSet instance's code with the credentials of the StackSets execution role
    // in the member account, a principal of the organization.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationReadsMemberCode',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
      }),
    );
  }
}
