// The benchmark's tooling: the esbuild options mirror the CDK app's bundling settings, and the CPU
// profile summary attributes self time to functions and areas.
import { OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { areaOf, summarizeCpuProfile } from '../../bench/cpu-profile-summary';
import type { CpuProfile } from '../../bench/cpu-profile-summary';
import { esbuildOptionsFor, productionEsbuildOptions } from '../../bench/production-bundle';
import { FUNCTION_BUNDLING } from '../../infra/inventory-function';

describe('production bundle options', () => {
  it('are the CDK app’s settings, as NodejsFunction passes them to esbuild', () => {
    expect(FUNCTION_BUNDLING.minify).toBe(true);
    expect(productionEsbuildOptions()).toEqual({
      bundle: true,
      platform: 'node',
      target: FUNCTION_BUNDLING.target,
      format: 'cjs',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      external: [],
      logLevel: 'silent',
    });
  });

  it('take NodejsFunction’s defaults where a setting is absent', () => {
    expect(esbuildOptionsFor({ format: OutputFormat.ESM }, 'nodejs22.x')).toMatchObject({
      target: 'node22',
      format: 'esm',
      minify: false,
      sourcemap: false,
      external: ['@aws-sdk/*'],
    });
  });

  it('refuse a setting they do not mirror, instead of building another bundle', () => {
    expect(() => esbuildOptionsFor({ ...FUNCTION_BUNDLING, keepNames: true }, 'nodejs24.x')).toThrow(
      'keepNames',
    );
  });
});

describe('summarizeCpuProfile', () => {
  const root = '/repo';
  const profile: CpuProfile = {
    startTime: 0,
    endTime: 10_000,
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3, 4, 5] },
      { id: 2, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
      {
        id: 3,
        callFrame: {
          functionName: 'applyChanges',
          url: 'file:///repo/shared/store/index-store.ts',
          lineNumber: 9,
        },
      },
      {
        id: 4,
        callFrame: {
          functionName: 'sign',
          url: 'file:///repo/node_modules/@smithy/signature-v4/index.js',
          lineNumber: 0,
        },
      },
      { id: 5, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
    ],
    // Each sample stands for the delta that follows it.
    samples: [2, 3, 4, 4, 5, 3],
    timeDeltas: [0, 4000, 1000, 1000, 1000, 1000],
  };

  it('adds self time per function and per area, idle apart', () => {
    const summary = summarizeCpuProfile(profile, root);
    expect(summary).toMatchObject({ durationMs: 10, idleMs: 4, busyMs: 4 });
    expect(summary.topFunctions).toEqual([
      { name: 'sign node_modules/@smithy/signature-v4/index.js:1', selfMs: 2, share: 0.5 },
      { name: 'applyChanges shared/store/index-store.ts:10', selfMs: 1, share: 0.25 },
      { name: '(garbage collector)', selfMs: 1, share: 0.25 },
    ]);
    expect(summary.byArea.map((entry) => entry.name)).toEqual([
      'AWS SDK (@aws-sdk, @smithy)',
      'shared/store',
      'garbage collection',
    ]);
  });

  it('names areas a reader of the repository knows', () => {
    expect(areaOf('x', 'node:internal/http', root)).toBe('Node internals');
    expect(areaOf('x', 'file:///repo/node_modules/zod/v4/core.cjs', root)).toBe('zod');
    expect(areaOf('x', 'file:///repo/node_modules/@aws-lambda-powertools/logger/x.js', root)).toBe(
      'Powertools',
    );
    expect(areaOf('x', 'file:///repo/handlers/query-api.ts', root)).toBe('handlers');
    expect(areaOf('writev', '', root)).toBe('native');
  });
});
