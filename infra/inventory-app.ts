// Builds the app's stacks from CDK context: the inventory stack, the member-account forwarder stack,
// and (when the enrolment context is set) the organization StackSet stack with its per-region asset
// bucket stacks, all checked by cdk-nag's AwsSolutions rules during synthesis. app.ts and the tests use it.
import { DefaultStackSynthesizer, Tags, Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { RuleDefinition } from '../shared/rules/rule-definition';
import { RULES } from '../shared/rules/rule-patterns';
import { ForwarderStack } from './forwarder-stack';
import { readInventoryConfig } from './inventory-config';
import type { InventoryConfig } from './inventory-config';
import { InventoryStack, retentionDaysOf } from './inventory-stack';
import { addOrganizationEnrolment } from './organization-enrolment';
import type { OrganizationEnrolment } from './organization-enrolment';

export const INVENTORY_STACK_NAME = 'ResourceInventory';
export const FORWARDER_STACK_NAME = 'ResourceInventoryForwarder';
export const ENROLMENT_STACK_NAME = 'ResourceInventoryEnrolment';

export interface InventoryApp {
  config: InventoryConfig;
  inventory: InventoryStack;
  forwarder: ForwarderStack;
  /** Present when the enrolment context (organizational units and regions) is set. */
  enrolment?: OrganizationEnrolment;
  nag: AwsSolutionsChecks;
}

export interface InventoryAppOptions {
  /** Defaults to the shared RULES. */
  rules?: readonly RuleDefinition[];
}

export function buildInventoryApp(app: App, options: InventoryAppOptions = {}): InventoryApp {
  const config = readInventoryConfig((key) => app.node.tryGetContext(key));
  const rules = options.rules ?? RULES;
  const inventory = new InventoryStack(app, INVENTORY_STACK_NAME, {
    description: 'Resource inventory: event-driven index of AWS resources, with its query API',
    config,
    rules,
  });
  const logRetention = retentionDaysOf(config.logRetentionDays);
  const forwarder = new ForwarderStack(app, FORWARDER_STACK_NAME, {
    description: 'Resource inventory forwarder: sends this account’s events to the central inventory bus',
    rules,
    centralEventBusArn: config.centralEventBusArn,
    snapshotSchedule: config.snapshotSchedule,
    logRetention,
    // No bootstrap version check. The snapshot function's code is an asset: deploy with `cdk deploy`
    // (which publishes it), or publish the asset before deploying the template by other means.
    synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  });
  const enrolment =
    config.enrolment === undefined
      ? undefined
      : addOrganizationEnrolment(app, ENROLMENT_STACK_NAME, {
          description:
            'Resource inventory: enrols the organization’s accounts (StackSet of the forwarder and snapshot)',
          rules,
          enrolment: config.enrolment,
          snapshotSchedule: config.snapshotSchedule,
          logRetention,
        });
  Tags.of(app).add('application', 'resource-inventory');
  // Findings fail synthesis: nothing insecure reaches a template, let alone an account.
  const nag = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(nag);
  return { config, inventory, forwarder, enrolment, nag };
}
