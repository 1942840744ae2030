// Table-driven: every sample under events/cloudtrail normalizes to exactly the changes in the
// `.expected.json` beside it. The sample is the test input; its expectation sits next to it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventEnvelopeSchema } from '../../shared/events/event-envelope';
import { normalizeCloudTrailEvent } from '../../shared/cloudtrail/normalize-cloudtrail-event';

const SAMPLES = path.resolve(__dirname, '../../events/cloudtrail');

function sampleFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sampleFiles(full);
      return entry.name.endsWith('.json') && !entry.name.endsWith('.expected.json') ? [full] : [];
    })
    .sort();
}

const samples = sampleFiles(SAMPLES).map((file) => [path.relative(SAMPLES, file), file] as const);

test('there are samples to check', () => {
  expect(samples.length).toBeGreaterThan(200);
});

test.each(samples)('%s normalizes to its expected changes', (_name, file) => {
  const event = EventEnvelopeSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const expected: unknown = JSON.parse(fs.readFileSync(file.replace(/\.json$/, '.expected.json'), 'utf8'));
  const normalization = normalizeCloudTrailEvent(event);
  expect({ changes: normalization.changes, stackChanges: normalization.stackChanges }).toStrictEqual(
    expected,
  );
  const negative = file.includes(`${path.sep}negative${path.sep}`);
  expect(normalization.outcome).toBe(negative ? 'skipped' : 'mapped');
});
