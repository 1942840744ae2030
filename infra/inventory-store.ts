// The index table, built from the shared table definition (the same data DynamoDB Local's table is
// created from), so keys, indexes and the TTL attribute cannot drift between local and AWS.
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../shared/store/table-definition';

export class InventoryStore extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { keys, ttlAttribute, indexes } = TABLE_DEFINITION;
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: keys.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: keys.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The AWS managed key (aws/dynamodb): encrypted at rest, key use visible in CloudTrail, no key
      // policy to keep and no per-request KMS charge. The table holds resource metadata only and is
      // never shared across accounts; switch to a customer managed key if a policy demands revocation.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: ttlAttribute,
      // The change publisher reads the change feed items off the stream (infra/inventory-change-bus.ts).
      stream: dynamodb.StreamViewType.NEW_IMAGE,
      // The index is the product's state: keep it when the stack goes, and refuse accidental deletes.
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    for (const index of indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType:
          index.projection === 'ALL' ? dynamodb.ProjectionType.ALL : dynamodb.ProjectionType.KEYS_ONLY,
      });
    }
  }

  /**
   * Grants table actions on the table and its indexes, acknowledging cdk-nag's finding on the
   * `<table>/index/*` resource: the wildcard names this table's indexes only (all of them are
   * queried), not other tables.
   */
  grant(grantee: iam.Role, ...actions: string[]): void {
    this.table.grant(grantee, ...actions);
    const cfnTable = this.table.node.defaultChild;
    if (!(cfnTable instanceof dynamodb.CfnTable)) throw new Error('the table has no CfnTable');
    const logicalId = Stack.of(this).resolve(Stack.of(this).getLogicalId(cfnTable));
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/index/*]`,
      reason:
        "Query on the table's own global secondary indexes; the wildcard covers only this table's indexes.",
    });
  }
}
