// The bus member accounts forward their events to (see forwarder-stack.ts). Its resource policy admits
// only the configured accounts and/or the accounts of one AWS Organization.
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface CentralEventBusProps {
  /** A stable name, so member accounts can be told the bus ARN before the stack exists. */
  eventBusName: string;
  /** 12-digit account ids allowed to put events. */
  sourceAccounts: readonly string[];
  /** Every account of this organization may put events (aws:PrincipalOrgID). */
  organizationId?: string;
}

export class CentralEventBus extends Construct {
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string, props: CentralEventBusProps) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', {
      eventBusName: props.eventBusName,
      description: 'Resource inventory: events forwarded from member accounts',
    });
    if (props.sourceAccounts.length > 0) {
      this.bus.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowSourceAccounts',
          principals: props.sourceAccounts.map((account) => new iam.AccountPrincipal(account)),
          actions: ['events:PutEvents'],
          resources: [this.bus.eventBusArn],
        }),
      );
    }
    if (props.organizationId !== undefined) {
      this.bus.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowOrganization',
          principals: [new iam.AnyPrincipal()],
          actions: ['events:PutEvents'],
          resources: [this.bus.eventBusArn],
          conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
        }),
      );
    }
  }
}
