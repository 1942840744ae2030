// The bucket of one enrolment region that StackSets read the member template's Lambda code from: in
// the deploying account, readable by the organization's accounts only. The enrolment stack depends on
// one per region, so `cdk deploy ResourceInventoryEnrolment` creates them first, then copies the code in.
import { LegacyStackSynthesizer, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
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
    const { bucketName, organizationId, region, ...stackProps } = props;
    super(scope, id, {
      ...stackProps,
      env: { region },
      // The CLI's credentials, no assets, and the small template sent in the request (not through
      // the bootstrap bucket, as the other synthesizers do): these regions need no `cdk bootstrap`.
      synthesizer: new LegacyStackSynthesizer(),
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName,
      // SSE-S3: other accounts cannot decrypt objects under this account's AWS-managed KMS key.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Kept with the stack gone: the StackSet may still create instances from its objects.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        "It holds only the member Lambda zips, written by the enrolment stack's BucketDeployment and read by " +
        "the organization's StackSets instances; CloudTrail data events audit object access without a log bucket per region.",
    });
    // Lambda reads a StackSet instance's code with the credentials of the StackSets execution role
    // in the member account, a principal of the organization.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OrganizationReadsMemberCode',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
      }),
    );
  }
}
