// The cdk-nag check has teeth: an insecure resource in a throw-away stack is reported by the same
// checks the inventory test runs, and the app's synthesis (which registers them) refuses it.
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function throwAwayApp(): { app: App; stack: Stack; nag: AwsSolutionsChecks } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-nag-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const stack = new Stack(app, 'ThrowAway');
  const nag = new AwsSolutionsChecks(app);
  Validations.of(app).addPlugins(nag);
  return { app, stack, nag };
}

function findings(nag: AwsSolutionsChecks, app: App): string[] {
  return nag
    .validateScope(app)
    .violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.ruleName} ${resource.constructPath}`),
    );
}

describe('cdk-nag AwsSolutions checks', () => {
  test('an unencrypted-in-transit bucket and a queue without TLS enforcement are findings', () => {
    const { app, stack, nag } = throwAwayApp();
    new s3.Bucket(stack, 'OpenBucket');
    new sqs.Queue(stack, 'PlainQueue', { enforceSSL: false });
    const found = findings(nag, app);
    expect(found).toEqual(
      expect.arrayContaining([
        'AwsSolutions-S1 ThrowAway/OpenBucket/Resource',
        'AwsSolutions-S10 ThrowAway/OpenBucket/Resource',
        'AwsSolutions-SQS4 ThrowAway/PlainQueue/Resource',
      ]),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });

  test('an acknowledgement with a reason silences exactly its rule', () => {
    const { app, stack, nag } = throwAwayApp();
    const queue = new sqs.Queue(stack, 'PlainQueue', { enforceSSL: false });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS4',
      reason: 'test: plain transport on purpose',
    });
    const found = findings(nag, app);
    expect(found).not.toContain('AwsSolutions-SQS4 ThrowAway/PlainQueue/Resource');
    expect(found).toContain('AwsSolutions-SQS3 ThrowAway/PlainQueue/Resource');
  });
});
