// Builds a handler exactly as the CDK app bundles it: the infra's FUNCTION_BUNDLING settings turned
// into the esbuild options NodejsFunction passes (--bundle --platform=node --target --format
// --minify --sourcemap --sources-content --external). Unknown settings fail loudly, so the benchmark
// never silently measures a bundle the deployment does not build.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { FUNCTION_BUNDLING, LAMBDA_RUNTIME, PROJECT_ROOT } from '../infra/inventory-function';

/** Settings this module mirrors; forceDockerBundling only picks where esbuild runs, not what it builds. */
const MIRRORED: ReadonlySet<string> = new Set([
  'forceDockerBundling',
  'format',
  'target',
  'minify',
  'sourceMap',
  'sourcesContent',
  'externalModules',
]);

export function esbuildOptionsFor(bundling: BundlingOptions, runtimeName: string): BuildOptions {
  const unknown = Object.keys(bundling).filter((key) => !MIRRORED.has(key));
  if (unknown.length > 0)
    throw new Error(
      `bench/production-bundle.ts does not mirror the bundling option(s) ${unknown.join(', ')} yet`,
    );
  return {
    bundle: true,
    platform: 'node',
    // NodejsFunction's default target is the runtime's Node version (nodejs24.x -> node24).
    target: bundling.target ?? runtimeName.replace(/^nodejs(\d+).*$/, 'node$1'),
    format: bundling.format === 'esm' ? 'esm' : 'cjs',
    minify: bundling.minify ?? false,
    sourcemap: bundling.sourceMap ?? false,
    sourcesContent: bundling.sourcesContent ?? true,
    // NodejsFunction leaves the runtime's own SDK out unless told otherwise.
    external: bundling.externalModules ?? ['@aws-sdk/*'],
    logLevel: 'silent',
  };
}

export interface BuiltBundle {
  path: string;
  bytes: number;
  sourceMapBytes: number;
}

/** The production settings of the CDK app. */
export function productionEsbuildOptions(): BuildOptions {
  return esbuildOptionsFor(FUNCTION_BUNDLING, LAMBDA_RUNTIME.name);
}

/** Bundles a handler file (relative to the repository root) into `outDir/index.js`. */
export async function bundleHandler(entry: string, outDir: string): Promise<BuiltBundle> {
  const outfile = join(outDir, 'index.js');
  await build({ ...productionEsbuildOptions(), absWorkingDir: PROJECT_ROOT, entryPoints: [entry], outfile });
  return sizesOf(outfile);
}

/**
 * The floor: a handler that only imports the DynamoDB client (and makes it on first use, as the
 * real handlers do), bundled with the same settings.
 */
export async function bundleDynamoDbClientFloor(outDir: string): Promise<BuiltBundle> {
  const outfile = join(outDir, 'index.js');
  await build({
    ...productionEsbuildOptions(),
    absWorkingDir: PROJECT_ROOT,
    stdin: {
      contents: [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        'let client: DynamoDBClient | undefined;',
        'export const handler = async () => {',
        '  client ??= new DynamoDBClient({});',
        '  return client.config.serviceId;',
        '};',
      ].join('\n'),
      resolveDir: PROJECT_ROOT,
      sourcefile: 'dynamodb-client-floor.ts',
      loader: 'ts',
    },
    outfile,
  });
  return sizesOf(outfile);
}

function sizesOf(outfile: string): BuiltBundle {
  const mapPath = `${outfile}.map`;
  const sourceMapBytes = existsSync(mapPath) ? statSync(mapPath).size : 0;
  return { path: outfile, bytes: statSync(outfile).size, sourceMapBytes };
}
