// Handler cold start: each production bundle's size and the time a fresh Node process takes to load
// it (require, as Lambda's runtime does), median of N spawns, beside a bundle that only imports the
// DynamoDB client. Spawns are interleaved so machine noise hits every bundle alike.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PROJECT_ROOT } from '../infra/inventory-function';
import { ratioTo, summarizeLatencies } from './latency-summary';
import type { LatencySummary } from './latency-summary';
import { bundleDynamoDbClientFloor, bundleHandler, productionEsbuildOptions } from './production-bundle';
import type { BuiltBundle } from './production-bundle';

/** The functions run with this NODE_OPTIONS (see infra/inventory-function.ts). */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

export interface BundleLoad {
  name: string;
  entry: string;
  bytes: number;
  sourceMapBytes: number;
  /** require() of the bundle inside a fresh process. */
  loadMs: LatencySummary;
  /** spawn -> exit of `node -e "require(bundle)"`: Node's own start-up included. */
  processMs: LatencySummary;
  /** loadMs p50 against the floor's. */
  ratioP50: number | null;
}

export interface ColdStartRun {
  spawns: number;
  esbuild: { target: string; format: string; minify: boolean; sourcemap: boolean; external: string[] };
  nodeOptions: string;
  floor: BundleLoad;
  bundles: BundleLoad[];
}

const LOAD_SCRIPT = [
  'const started = performance.now();',
  'require(process.argv[1]);',
  'process.stdout.write(JSON.stringify({ loadMs: performance.now() - started }));',
].join('\n');

export async function measureColdStart(spawns: number): Promise<ColdStartRun> {
  const workDir = mkdtempSync(join(tmpdir(), 'inventory-bench-bundles-'));
  try {
    const entries = readdirSync(join(PROJECT_ROOT, 'handlers'))
      .filter((file) => file.endsWith('.ts'))
      .sort()
      .map((file) => `handlers/${file}`);
    const built: { name: string; entry: string; bundle: BuiltBundle }[] = [];
    const floorDir = join(workDir, 'floor');
    mkdirSync(floorDir);
    const floor = {
      name: 'dynamodb-client (floor)',
      entry: '@aws-sdk/client-dynamodb',
      bundle: await bundleDynamoDbClientFloor(floorDir),
    };
    for (const entry of entries) {
      const name = basename(entry, '.ts');
      const outDir = join(workDir, name);
      mkdirSync(outDir);
      built.push({ name, entry, bundle: await bundleHandler(entry, outDir) });
    }
    const all = [floor, ...built];
    const loads = all.map(() => [] as number[]);
    const processes = all.map(() => [] as number[]);
    // One spawn of each first, unmeasured: the file cache is then warm for all alike.
    all.forEach((item) => loadOnce(item.bundle.path));
    for (let round = 0; round < spawns; round++) {
      all.forEach((item, index) => {
        const result = loadOnce(item.bundle.path);
        loads[index].push(result.loadMs);
        processes[index].push(result.processMs);
      });
    }
    const summaries = all.map((item, index): BundleLoad => ({
      name: item.name,
      entry: item.entry,
      bytes: item.bundle.bytes,
      sourceMapBytes: item.bundle.sourceMapBytes,
      loadMs: summarizeLatencies(loads[index]),
      processMs: summarizeLatencies(processes[index]),
      ratioP50: null,
    }));
    const [floorLoad, ...bundleLoads] = summaries;
    for (const load of bundleLoads) load.ratioP50 = ratioTo(load.loadMs.p50, floorLoad.loadMs.p50);
    const options = productionEsbuildOptions();
    return {
      spawns,
      esbuild: {
        target: String(options.target),
        format: String(options.format),
        minify: options.minify === true,
        sourcemap: options.sourcemap === true,
        external: options.external ?? [],
      },
      nodeOptions: FUNCTION_NODE_OPTIONS,
      floor: floorLoad,
      bundles: bundleLoads,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function loadOnce(bundlePath: string): { loadMs: number; processMs: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [FUNCTION_NODE_OPTIONS, '-e', LOAD_SCRIPT, bundlePath], {
    encoding: 'utf8',
    env: process.env,
    timeout: 60_000,
  });
  const processMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`loading ${bundlePath} failed: ${result.stderr || result.error}`);
  return { loadMs: (JSON.parse(result.stdout) as { loadMs: number }).loadMs, processMs };
}
