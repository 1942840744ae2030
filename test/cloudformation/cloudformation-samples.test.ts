// Table-driven: every sample CloudFormation event normalizes, through the one entry point, to exactly
// the changes in the `.expected.json` next to it.
import { readFileSync } from 'node:fs';
import { normalizeEvent } from '../../shared/ingest/normalize-event';
import { sampleFiles } from '../ingest/sample-events';

const samples = sampleFiles('events/cloudformation');

test('there is a sample for every resource status the table acts on', () => {
  expect(samples.length).toBeGreaterThanOrEqual(25);
});

describe.each(samples)('%s', (file) => {
  test('normalizes to exactly the expected changes', () => {
    const expected: unknown = JSON.parse(readFileSync(file.replace(/\.json$/, '.expected.json'), 'utf8'));
    const result = normalizeEvent(JSON.parse(readFileSync(file, 'utf8')));
    expect(result.outcome).not.toBe('rejected');
    expect({ changes: result.changes, stackChanges: result.stackChanges }).toEqual(expected);
  });
});
