// One Lambda function of the inventory: a handler from `handlers/` bundled by the locally installed
// esbuild (never Docker), with its own role and log group, so each function holds only what it is granted.
import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { assertLocalEsbuild } from './local-esbuild';

/** The repository root: entries, the lock file and esbuild are resolved from here. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** How every function is bundled; `npm run bench` builds the very same bundles from this. */
export const FUNCTION_BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.CJS,
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Bundle everything, the AWS SDK included: the function runs the exact SDK version the tests
  // ran against (pinned by the lock file), not whichever version the runtime ships this month.
  externalModules: [],
};

export interface InventoryFunctionProps {
  /** The handler file, relative to the repository root (e.g. `handlers/query-api.ts`). */
  entry: string;
  description: string;
  environment: Record<string, string>;
  logRetention: logs.RetentionDays;
  timeout: Duration;
  memorySize?: number;
  /** Receives the events of asynchronous invocations that still fail after Lambda's retries. */
  deadLetterQueue?: sqs.IQueue;
}

export class InventoryFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: InventoryFunctionProps) {
    super(scope, id);
    assertLocalEsbuild();
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of AWSLambdaBasicExecutionRole: that managed policy may create any log
    // group; this role may only write to the one log group above.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      description: props.description,
      memorySize: props.memorySize ?? 256,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        // Stack traces point at the TypeScript sources through the bundled source map.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.deadLetterQueue ? 2 : undefined,
      maxEventAge: props.deadLetterQueue ? Duration.hours(6) : undefined,
      bundling: FUNCTION_BUNDLING,
    });
  }
}
