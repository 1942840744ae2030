// The organization enrolment, synthesized from context as `cdk synth` does: a service-managed StackSet
// with automatic deployment (and removal when an account leaves), its targets from context, a member
// template holding the forwarder and the snapshot function whose code StackSets read from the
// per-region asset buckets (never inline, never the target account's CDK bootstrap); every template
// far under CloudFormation's limits and cdk-nag clean.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readInventoryConfig } from '../../infra/inventory-config';
import type { EnrolmentConfig } from '../../infra/inventory-config';
import { MEMBER_RULE_PREFIX, addOrganizationEnrolment } from '../../infra/organization-enrolment';
import type { OrganizationEnrolment } from '../../infra/organization-enrolment';
import { ruleNameFor } from '../../infra/pattern-rule';
import { RULES } from '../../shared/rules/rule-patterns';
import { CLOUDFORMATION_LIMITS, danglingReferences, limitProblems } from './template-limits';
import { CLI_CONTEXT, cdkJsonContext } from './synthesized-inventory';
import type { CfnTemplate } from './synthesized-inventory';

const BUS_ARN = 'arn:aws:events:eu-west-1:111122223333:event-bus/ResourceInventory-central';
const PREFIX = 'inventory-members-111122223333';
/** As an admin types it on the command line: every value a string, lists comma-separated. */
const CONTEXT = {
  organizationId: 'o-a1b2c3d4e5',
  centralEventBusArn: BUS_ARN,
  enrolmentOrganizationalUnits: 'r-ab12,ou-ab12-cdef3456',
  enrolmentRegions: 'eu-west-1,us-east-1',
  enrolmentAssetBucketPrefix: PREFIX,
  snapshotSchedule: 'rate(6 hours)',
};

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

interface Synthesized {
  enrolment: OrganizationEnrolment;
  config: EnrolmentConfig;
  parent: CfnTemplate;
  parentBytes: number;
  member: CfnTemplate;
  memberBytes: number;
  buckets: Map<string, { template: CfnTemplate; bytes: number; templateUrl?: string }>;
  findings: string[];
}

/** Reads the context as the app does and synthesizes the enrolment as `cdk synth` would, cdk-nag included. */
function synthesize(context: Record<string, string>): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-enrolment-'));
  outdirs.push(outdir);
  // Any attempt to run Docker (a bundling fallback) fails loudly instead of pulling an image.
  process.env.CDK_DOCKER = path.join(os.tmpdir(), 'docker-is-not-used-by-these-tests');
  const app = new App({ outdir, context: { ...cdkJsonContext(), ...CLI_CONTEXT, ...context } });
  const nag = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(nag);
  const config = readInventoryConfig((key) => app.node.tryGetContext(key));
  if (config.enrolment === undefined) throw new Error('the test context enables enrolment');
  const enrolment = addOrganizationEnrolment(app, 'ResourceInventoryEnrolment', {
    rules: RULES,
    enrolment: config.enrolment,
    snapshotSchedule: config.snapshotSchedule,
    logRetention: logs.RetentionDays.ONE_MONTH,
  });
  // Throws on any unacknowledged cdk-nag finding, as `cdk synth` does.
  const assembly = app.synth();
  const read = (file: string): CfnTemplate => JSON.parse(fs.readFileSync(file, 'utf8'));
  const parentFile = path.join(
    assembly.directory,
    assembly.getStackByName(enrolment.stack.stackName).templateFile,
  );
  const memberFile = path.join(assembly.directory, enrolment.stack.member.templateFile);
  const buckets = new Map(
    enrolment.assetBuckets.map((stack) => {
      const artifact = assembly.getStackByName(stack.stackName);
      const file = path.join(assembly.directory, artifact.templateFile);
      const bucket = {
        template: read(file),
        bytes: fs.statSync(file).size,
        templateUrl: artifact.stackTemplateAssetObjectUrl,
      };
      return [stack.region, bucket];
    }),
  );
  const findings = nag
    .validateScope(app)
    .violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
    );
  return {
    enrolment,
    config: config.enrolment,
    parent: read(parentFile),
    parentBytes: fs.statSync(parentFile).size,
    member: read(memberFile),
    memberBytes: fs.statSync(memberFile).size,
    buckets,
    findings,
  };
}

const delegated = synthesize(CONTEXT);
const fromManagement = synthesize({ ...CONTEXT, enrolmentFromManagementAccount: 'true' });

const resourcesOf = (template: CfnTemplate, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

describe('the organization StackSet', () => {
  test('is service-managed, deploys to joining accounts and removes itself from leaving ones', () => {
    Template.fromJSON(delegated.parent).hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      CallAs: 'DELEGATED_ADMIN',
      Capabilities: ['CAPABILITY_IAM'],
      Parameters: [{ ParameterKey: 'CentralEventBusArn', ParameterValue: BUS_ARN }],
    });
    Template.fromJSON(fromManagement.parent).hasResourceProperties('AWS::CloudFormation::StackSet', {
      CallAs: 'SELF',
    });
  });

  test('targets the organizational units and regions given as context', () => {
    Template.fromJSON(delegated.parent).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackInstancesGroup: [
        {
          DeploymentTargets: { OrganizationalUnitIds: ['r-ab12', 'ou-ab12-cdef3456'] },
          Regions: ['eu-west-1', 'us-east-1'],
        },
      ],
    });
  });
});

describe('the member template', () => {
  test('forwards with every shared rule to the central bus parameter', () => {
    const rules = resourcesOf(delegated.member, 'AWS::Events::Rule').map(([, rule]) => rule);
    expect(rules.map((rule) => rule.Properties?.Name).sort()).toEqual(
      RULES.map((definition) => ruleNameFor(MEMBER_RULE_PREFIX, definition.name)).sort(),
    );
    for (const rule of rules) {
      expect(rule.Properties?.Targets).toEqual([
        expect.objectContaining({ Arn: { Ref: 'CentralEventBusArn' } }),
      ]);
    }
  });

  test('runs the snapshot function on the context schedule, onto the central bus', () => {
    const functions = resourcesOf(delegated.member, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(1);
    const [functionId, snapshot] = functions[0];
    expect(snapshot.Properties?.Environment).toEqual({
      Variables: expect.objectContaining({ EVENT_BUS_NAME: { Ref: 'CentralEventBusArn' } }),
    });
    Template.fromJSON(delegated.member).hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: CONTEXT.snapshotSchedule,
      Target: { Arn: { 'Fn::GetAtt': [functionId, 'Arn'] } },
    });
    // After each code change CloudFormation invokes it once, in the same stack instance.
    Template.fromJSON(delegated.member).hasResourceProperties('Custom::InventorySnapshot', {
      ServiceToken: { 'Fn::GetAtt': [functionId, 'Arn'] },
    });
  });

  test('takes its code from the region bucket <prefix>-<region>, the very object the enrolment copies there', () => {
    const [, snapshot] = resourcesOf(delegated.member, 'AWS::Lambda::Function')[0];
    const code = snapshot.Properties?.Code as Record<string, unknown>;
    expect(code.ZipFile).toBeUndefined();
    expect(code.S3Bucket).toEqual({ 'Fn::Join': ['-', [PREFIX, { Ref: 'AWS::Region' }]] });
    expect(code.S3Key).toMatch(/^[0-9a-f]{64}\.zip$/);
    const [, trigger] = resourcesOf(delegated.member, 'Custom::InventorySnapshot')[0];
    expect(trigger.Properties?.CodeKey).toBe(code.S3Key);

    const deployments = resourcesOf(delegated.parent, 'Custom::CDKBucketDeployment');
    expect(deployments.map(([, deployment]) => deployment.Properties?.DestinationBucketName).sort()).toEqual([
      `${PREFIX}-eu-west-1`,
      `${PREFIX}-us-east-1`,
    ]);
    for (const [, deployment] of deployments) {
      // Copied whole (not unzipped) under its source key, which is the key the member names.
      expect(deployment.Properties).toMatchObject({ Extract: false, SourceObjectKeys: [code.S3Key] });
    }
    // The StackSet (new instances read the code at once) waits for the copies.
    const [, stackSet] = resourcesOf(delegated.parent, 'AWS::CloudFormation::StackSet')[0];
    expect(stackSet.DependsOn).toEqual(
      expect.arrayContaining(deployments.map(([deploymentId]) => deploymentId)),
    );
  });

  test('stands alone: no CDK bootstrap, no import, no SSM parameter, every reference resolves', () => {
    const text = JSON.stringify(delegated.member);
    expect(text).not.toMatch(/cdk-hnb659fds|Fn::ImportValue|BootstrapVersion|AWS::SSM::Parameter/);
    expect(Object.keys(delegated.member.Parameters ?? {})).toEqual(['CentralEventBusArn']);
    expect(danglingReferences(delegated.member)).toEqual([]);
    expect(limitProblems(delegated.member, delegated.memberBytes)).toEqual([]);
  });
});

describe('the asset buckets', () => {
  test('one per enrolment region, named as the member template refers to them, deployed before the StackSet', () => {
    expect(delegated.enrolment.assetBuckets.map((stack) => stack.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(delegated.enrolment.stack.dependencies).toEqual(
      expect.arrayContaining(delegated.enrolment.assetBuckets),
    );
    for (const [region, { template }] of delegated.buckets) {
      Template.fromJSON(template).hasResourceProperties('AWS::S3::Bucket', {
        BucketName: `${PREFIX}-${region}`,
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      });
      expect(danglingReferences(template)).toEqual([]);
    }
  });

  test('need no CDK bootstrap in their regions: no bootstrap role, check or template upload', () => {
    for (const { template, bytes, templateUrl } of delegated.buckets.values()) {
      expect(JSON.stringify(template)).not.toMatch(/cdk-hnb659fds|BootstrapVersion/);
      // Without a template asset URL the CLI sends the template in the request, which it does
      // only up to 50 KiB.
      expect(templateUrl).toBeUndefined();
      expect(bytes).toBeLessThan(50 * 1024);
    }
  });

  test("let only the organization's accounts read the code, over TLS", () => {
    for (const { template } of delegated.buckets.values()) {
      const [, policy] = resourcesOf(template, 'AWS::S3::BucketPolicy')[0];
      const statements = (policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] })
        .Statement;
      expect(statements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          expect.objectContaining({
            Effect: 'Allow',
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': CONTEXT.organizationId } },
          }),
        ]),
      );
      expect(statements.filter((statement) => statement.Effect === 'Allow')).toHaveLength(1);
    }
  });
});

const percent = (bytes: number, limit: number) => `${((100 * bytes) / limit).toFixed(1)}%`;
const inline = CLOUDFORMATION_LIMITS.templateBodyBytesInRequest;
const fromS3 = CLOUDFORMATION_LIMITS.templateBodyBytesFromS3;
const memberMinified = JSON.stringify(delegated.member).length;

describe('sizes and findings', () => {
  test(
    `enrolment stack ${delegated.parentBytes} bytes (${percent(delegated.parentBytes, inline)} of 51,200 inline, ` +
      `${percent(delegated.parentBytes, fromS3)} of 1 MB from S3)`,
    () => {
      expect(delegated.parentBytes).toBeLessThan(inline / 2);
      expect(limitProblems(delegated.parent, delegated.parentBytes)).toEqual([]);
      expect(danglingReferences(delegated.parent)).toEqual([]);
    },
  );

  // cdk-stacksets publishes the member template pretty-printed and hands the StackSet its URL (1 MB
  // limit); minified it would still fit a request body.
  test(
    `member template ${delegated.memberBytes} bytes as published (${percent(delegated.memberBytes, fromS3)} of 1 MB ` +
      `from S3), ${memberMinified} minified (${percent(memberMinified, inline)} of 51,200 inline)`,
    () => {
      expect(delegated.memberBytes).toBeLessThan(fromS3 / 10);
      expect(memberMinified).toBeLessThan(inline * 0.75);
    },
  );

  test('cdk-nag AwsSolutions finds nothing unacknowledged in any of the stacks', () => {
    expect(delegated.findings).toEqual([]);
    expect(fromManagement.findings).toEqual([]);
  });
});

describe('enrolment context', () => {
  const lookup = (context: Record<string, unknown>) => (key: string) => context[key];

  test('organizational units and regions come from context, as lists or comma-separated', () => {
    const config = readInventoryConfig(
      lookup({
        ...CONTEXT,
        enrolmentOrganizationalUnits: ['r-ab12', 'ou-ab12-cdef3456'],
        enrolmentFromManagementAccount: 'true',
      }),
    );
    expect(config.enrolment).toEqual({
      organizationalUnits: ['r-ab12', 'ou-ab12-cdef3456'],
      regions: ['eu-west-1', 'us-east-1'],
      centralEventBusArn: BUS_ARN,
      fromManagementAccount: true,
      assetBucketPrefix: PREFIX,
      organizationId: CONTEXT.organizationId,
    });
    expect(delegated.config.organizationalUnits).toEqual(['r-ab12', 'ou-ab12-cdef3456']);
    expect(readInventoryConfig(lookup({ centralEventBusArn: BUS_ARN })).enrolment).toBeUndefined();
  });

  // null: the key is absent (the reader treats null and '' as not given).
  test.each([
    [
      { enrolmentOrganizationalUnits: 'o-abcdefghij' },
      /enrolmentOrganizationalUnits must list organizational unit ids .* bad: \["o-abcdefghij"\]/,
    ],
    [{ enrolmentRegions: 'global' }, /enrolmentRegions must list region names .* bad: \["global"\]/],
    [{ enrolmentRegions: null }, /context enrolmentRegions is missing/],
    [{ enrolmentOrganizationalUnits: null }, /context enrolmentOrganizationalUnits is missing/],
    [
      { enrolmentOrganizationalUnits: null, enrolmentRegions: null },
      /enrolmentAssetBucketPrefix needs enrolmentOrganizationalUnits and enrolmentRegions/,
    ],
    [
      { centralEventBusArn: null },
      /context centralEventBusArn is required with enrolmentOrganizationalUnits/,
    ],
    [
      { enrolmentAssetBucketPrefix: null },
      /context enrolmentAssetBucketPrefix is required with enrolmentOrganizationalUnits: the member template carries the snapshot function's code/,
    ],
    [
      { enrolmentAssetBucketPrefix: 'Inventory_Members' },
      /context enrolmentAssetBucketPrefix must be a bucket name prefix/,
    ],
    [{ organizationId: null }, /context organizationId is required with enrolmentOrganizationalUnits/],
  ])('%j is refused with a message naming the key', (change, message) => {
    expect(() => readInventoryConfig(lookup({ ...CONTEXT, ...change }))).toThrow(message);
  });
});
