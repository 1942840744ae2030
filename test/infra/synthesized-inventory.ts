// Synthesizes the real app once per test file (jest loads this module once per file): bundling the
// functions is the slow part, so every infra assertion reads this one result.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { buildInventoryApp } from '../../infra/inventory-app';
import type { InventoryApp } from '../../infra/inventory-app';

/** Settings that switch every optional part on, so the tests see all of it. */
export const TEST_CONTEXT = {
  createTrail: 'true',
  alarmEmail: 'alarms@inventory.invalid',
  sourceAccounts: '111111111111,222222222222',
  organizationId: 'o-a1b2c3d4e5',
  tombstoneRetentionDays: '30',
  logRetentionDays: '60',
  centralEventBusArn: 'arn:aws:events:eu-west-1:111122223333:event-bus/ResourceInventory-central',
  enrolmentOrganizationalUnits: 'r-ab12',
  enrolmentRegions: 'eu-west-1,us-east-1',
  enrolmentAssetBucketPrefix: 'inventory-members-111122223333',
} as const;

/**
 * What the CDK CLI adds to the context of every synth (asset paths and construct paths in resource
 * metadata, the CDKMetadata resource), so templates measure what `cdk synth` writes.
 */
export const CLI_CONTEXT = {
  [cxapi.ASSET_RESOURCE_METADATA_ENABLED_CONTEXT]: true,
  [cxapi.PATH_METADATA_ENABLE_CONTEXT]: true,
  [cxapi.ANALYTICS_REPORTING_ENABLED_CONTEXT]: true,
};

export type CfnTemplate = {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;
  Parameters?: Record<string, unknown>;
  Outputs?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  [section: string]: unknown;
};

export interface SynthesizedInventory extends InventoryApp {
  app: App;
  outdir: string;
  /** Template file path and parsed content, per stack name. */
  templates: Map<string, { file: string; template: CfnTemplate }>;
  synthMillis: number;
}

/** The cdk.json context (feature flags) the CLI would pass, plus the test settings. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '../../cdk.json'), 'utf8'));
  if (typeof cdkJson !== 'object' || cdkJson === null || !('context' in cdkJson)) return {};
  const { context } = cdkJson;
  return typeof context === 'object' && context !== null ? { ...context } : {};
}

let synthesized: SynthesizedInventory | undefined;

export function synthesizeInventory(): SynthesizedInventory {
  if (synthesized !== undefined) return synthesized;
  // Any attempt to run Docker (a bundling fallback) fails loudly instead of pulling an image.
  process.env.CDK_DOCKER = path.join(os.tmpdir(), 'docker-is-not-used-by-these-tests');
  const started = Date.now();
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-cdk-'));
  // cdk-nag 3.0.2's EventBridge rule reads a deprecated property; its warning is noise here.
  process.env.JSII_DEPRECATED = 'quiet';
  const app = new App({ outdir, context: { ...cdkJsonContext(), ...CLI_CONTEXT, ...TEST_CONTEXT } });
  const built = buildInventoryApp(app);
  const assembly = app.synth();
  const templates = new Map<string, { file: string; template: CfnTemplate }>();
  for (const stack of assembly.stacks) {
    const file = path.join(assembly.directory, stack.templateFile);
    // Parsed as CfnTemplate without checks: CDK itself just wrote this file.
    templates.set(stack.stackName, { file, template: JSON.parse(fs.readFileSync(file, 'utf8')) });
  }
  synthesized = { ...built, app, outdir, templates, synthMillis: Date.now() - started };
  return synthesized;
}

export function removeSynthesized(): void {
  if (synthesized !== undefined) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
  synthesized = undefined;
}
