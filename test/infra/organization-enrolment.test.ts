// The organization enrolment: a service-managed StackSet with automatic deployment (and removal when an
// account leaves), its targets from context, member code published as assets to per-region buckets,
// never inline; both templates far under CloudFormation's limits and cdk-nag clean. Also the
// inventory's own permissions: every consumer is invoked by exact rules, never by a name pattern.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readInventoryConfig } from '../../infra/inventory-config';
import type { EnrolmentConfig } from '../../infra/inventory-config';
import { LAMBDA_RUNTIME } from '../../infra/inventory-function';
import { MEMBER_RULE_PREFIX, OrganizationEnrolmentStack } from '../../infra/organization-enrolment';
import type { MemberPart } from '../../infra/organization-enrolment';
import { ruleNameFor } from '../../infra/pattern-rule';
import { RULES } from '../../shared/rules/rule-patterns';
import { CLOUDFORMATION_LIMITS } from './template-limits';
import type { CfnTemplate } from './synthesized-inventory';

const BUS_ARN = 'arn:aws:events:eu-west-1:111122223333:event-bus/ResourceInventory-central';
const ENROLMENT: EnrolmentConfig = {
  organizationalUnits: ['r-ab12', 'ou-ab12-cdef3456'],
  regions: ['eu-west-1', 'us-east-1'],
  centralEventBusArn: BUS_ARN,
  fromManagementAccount: false,
  assetBucketPrefix: 'inventory-members-111122223333',
};

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A member part with Lambda code, standing in for any function the member template carries. */
const codePart: MemberPart = (member) => {
  const codeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'member-code-'));
  outdirs.push(codeDir);
  fs.writeFileSync(path.join(codeDir, 'index.js'), 'exports.handler = async () => ({ ok: true });\n');
  new lambda.Function(member, 'MemberFunction', {
    runtime: LAMBDA_RUNTIME,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(codeDir),
    role: new iam.Role(member, 'MemberFunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    }),
  });
};

interface Synthesized {
  stack: OrganizationEnrolmentStack;
  parent: CfnTemplate;
  parentBytes: number;
  member: CfnTemplate;
  memberBytes: number;
  findings: string[];
}

function synthesize(enrolment: EnrolmentConfig, memberParts: MemberPart[] = []): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-enrolment-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const nag = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(nag);
  const stack = new OrganizationEnrolmentStack(app, 'ResourceInventoryEnrolment', {
    rules: RULES,
    enrolment,
    memberParts,
  });
  const assembly = app.synth();
  const parentFile = path.join(assembly.directory, assembly.getStackByName(stack.stackName).templateFile);
  const memberFile = path.join(assembly.directory, stack.member.templateFile);
  const findings = nag
    .validateScope(app)
    .violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
    );
  const read = (file: string): CfnTemplate => JSON.parse(fs.readFileSync(file, 'utf8'));
  return {
    stack,
    parent: read(parentFile),
    parentBytes: fs.statSync(parentFile).size,
    member: read(memberFile),
    memberBytes: fs.statSync(memberFile).size,
    findings,
  };
}

const withCode = synthesize(ENROLMENT, [codePart]);
const forwarderOnly = synthesize({ ...ENROLMENT, assetBucketPrefix: undefined, fromManagementAccount: true });

describe('the organization StackSet', () => {
  test('is service-managed, deploys to joining accounts and removes itself from leaving ones', () => {
    Template.fromJSON(withCode.parent).hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      CallAs: 'DELEGATED_ADMIN',
      Capabilities: ['CAPABILITY_IAM'],
      Parameters: [{ ParameterKey: 'CentralEventBusArn', ParameterValue: BUS_ARN }],
    });
    Template.fromJSON(forwarderOnly.parent).hasResourceProperties('AWS::CloudFormation::StackSet', {
      CallAs: 'SELF',
    });
  });

  test('targets the organizational units and regions from context', () => {
    Template.fromJSON(withCode.parent).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackInstancesGroup: [
        {
          DeploymentTargets: { OrganizationalUnitIds: ENROLMENT.organizationalUnits },
          Regions: ENROLMENT.regions,
        },
      ],
    });
  });

  test('its template is the forwarder: every shared rule forwards to the central bus parameter', () => {
    const rules = Object.values(forwarderOnly.member.Resources).filter(
      (resource) => resource.Type === 'AWS::Events::Rule',
    );
    expect(rules.map((rule) => rule.Properties?.Name).sort()).toEqual(
      RULES.map((definition) => ruleNameFor(MEMBER_RULE_PREFIX, definition.name)).sort(),
    );
    for (const rule of rules) {
      expect(rule.Properties?.Targets).toEqual([
        expect.objectContaining({ Arn: { Ref: 'CentralEventBusArn' } }),
      ]);
    }
    expect(forwarderOnly.member.Parameters).toHaveProperty('CentralEventBusArn');
  });

  test('member code is an asset in the region bucket, never inline, and is published to every region', () => {
    const functions = Object.values(withCode.member.Resources).filter(
      (resource) => resource.Type === 'AWS::Lambda::Function',
    );
    expect(functions).toHaveLength(1);
    const code = functions[0].Properties?.Code as Record<string, unknown>;
    expect(code.ZipFile).toBeUndefined();
    expect(code.S3Bucket).toEqual({
      'Fn::Join': ['-', [ENROLMENT.assetBucketPrefix, { Ref: 'AWS::Region' }]],
    });
    expect(String(code.S3Key)).toMatch(/^[0-9a-f]{64}\.zip$/);
    const deployments = Object.values(withCode.parent.Resources).filter(
      (resource) => resource.Type === 'Custom::CDKBucketDeployment',
    );
    expect(deployments.map((deployment) => deployment.Properties?.DestinationBucketName).sort()).toEqual(
      ENROLMENT.regions.map((region) => `${ENROLMENT.assetBucketPrefix}-${region}`).sort(),
    );
    const [stackSetId] = Object.entries(withCode.parent.Resources).find(
      ([, resource]) => resource.Type === 'AWS::CloudFormation::StackSet',
    )!;
    expect(withCode.parent.Resources[stackSetId].DependsOn).toEqual(expect.any(Array));
  });

  test('without asset buckets, member code is refused with the context key to set', () => {
    expect(() => synthesize({ ...ENROLMENT, assetBucketPrefix: undefined }, [codePart])).toThrow(
      /set context enrolmentAssetBucketPrefix/,
    );
  });

  test('both templates are far under the limits, and cdk-nag finds nothing', () => {
    const percent = (bytes: number, limit: number) => `${((100 * bytes) / limit).toFixed(1)}%`;
    const inline = CLOUDFORMATION_LIMITS.templateBodyBytesInRequest;
    const fromS3 = CLOUDFORMATION_LIMITS.templateBodyBytesFromS3;
    const memberMinified = JSON.stringify(withCode.member).length;
    // Reported so the headroom is visible in the test output.
    console.info(
      `StackSet stack: ${withCode.parentBytes} bytes (${percent(withCode.parentBytes, inline)} of the 51,200-byte inline limit); ` +
        `member template as published (pretty-printed by cdk-stacksets, given to the StackSet by URL): ` +
        `${withCode.memberBytes} bytes (${percent(withCode.memberBytes, fromS3)} of the 1 MB TemplateURL limit), ` +
        `${memberMinified} bytes minified (${percent(memberMinified, inline)} of the inline limit)`,
    );
    expect(withCode.parentBytes).toBeLessThan(inline / 4);
    expect(withCode.memberBytes).toBeLessThan(fromS3 / 10);
    expect(memberMinified).toBeLessThan(inline * 0.75);
    expect(withCode.findings).toEqual([]);
    expect(forwarderOnly.findings).toEqual([]);
  });
});

describe('enrolment context', () => {
  const lookup = (context: Record<string, unknown>) => (key: string) => context[key];
  const base = { centralEventBusArn: BUS_ARN };

  test('organizational units and regions come from context, as lists or comma-separated', () => {
    const config = readInventoryConfig(
      lookup({
        ...base,
        enrolmentOrganizationalUnits: 'r-ab12, ou-ab12-cdef3456',
        enrolmentRegions: ['eu-west-1', 'us-east-1'],
        enrolmentFromManagementAccount: 'true',
      }),
    );
    expect(config.enrolment).toEqual({
      organizationalUnits: ['r-ab12', 'ou-ab12-cdef3456'],
      regions: ['eu-west-1', 'us-east-1'],
      centralEventBusArn: BUS_ARN,
      fromManagementAccount: true,
      assetBucketPrefix: undefined,
    });
    expect(readInventoryConfig(lookup(base)).enrolment).toBeUndefined();
  });

  test.each([
    [
      { enrolmentOrganizationalUnits: 'o-abcdefghij', enrolmentRegions: 'eu-west-1' },
      /enrolmentOrganizationalUnits must list organizational unit ids .* bad: \["o-abcdefghij"\]/,
    ],
    [
      { enrolmentOrganizationalUnits: 'r-ab12', enrolmentRegions: 'global' },
      /enrolmentRegions must list region names .* bad: \["global"\]/,
    ],
    [{ enrolmentOrganizationalUnits: 'r-ab12' }, /context enrolmentRegions is missing/],
    [{ enrolmentRegions: 'eu-west-1' }, /context enrolmentOrganizationalUnits is missing/],
    [
      { enrolmentAssetBucketPrefix: 'bucket' },
      /enrolmentAssetBucketPrefix needs enrolmentOrganizationalUnits and enrolmentRegions/,
    ],
  ])('%j is refused with a message naming the key', (context, message) => {
    expect(() => readInventoryConfig(lookup({ ...base, ...context }))).toThrow(message);
  });

  test('enrolment needs the central bus the forwarders send to', () => {
    expect(() =>
      readInventoryConfig(lookup({ enrolmentOrganizationalUnits: 'r-ab12', enrolmentRegions: 'eu-west-1' })),
    ).toThrow(/context centralEventBusArn is required with enrolmentOrganizationalUnits/);
  });
});
