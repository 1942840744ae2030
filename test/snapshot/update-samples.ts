// `npx tsx test/snapshot/update-samples.ts`: writes each sample's expected changes from the current
// code, keeping its options. Review the diff: the expected files are the specification.
import { readFileSync, writeFileSync } from 'node:fs';
import { runSample, snapshotSamples } from './snapshot-samples';
import type { SampleExpectation } from './snapshot-samples';

async function main(): Promise<void> {
  for (const sample of snapshotSamples()) {
    const current = JSON.parse(readFileSync(sample.expected, 'utf8')) as SampleExpectation;
    const outcome = await runSample(sample.input, current.options);
    const next = current.options ? { options: current.options, ...outcome } : outcome;
    writeFileSync(sample.expected, `${JSON.stringify(next, null, 2)}\n`);
    process.stdout.write(`${sample.name}\n`);
  }
}

void main();
