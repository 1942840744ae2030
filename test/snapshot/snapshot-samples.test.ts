// Table-driven: every sample listing in events/snapshot/ (a file, a .json.gz or a folder of pages)
// becomes, through the readers, the snapshot events and the one normalizer entry point, exactly the
// changes and listing ends in its `.expected.json`; a malformed one fails naming the file and field.
import { readFileSync } from 'node:fs';
import { rulesMatching } from '../../shared/rules/event-pattern-matcher';
import { RULES, SNAPSHOT_RULE } from '../../shared/rules/rule-patterns';
import { runSample, sampleEvents, snapshotSamples } from './snapshot-samples';
import type { SampleExpectation } from './snapshot-samples';

const samples = snapshotSamples();

test('every format has samples, with several pages, a .json.gz, unknown types and malformed files', () => {
  const names = samples.map((sample) => sample.name);
  for (const folder of [
    'config/',
    'resource-explorer/',
    'tagging/',
    'cloudformation/',
    'cloudcontrol/',
    'organizations/',
    'malformed/',
  ])
    expect(names.some((name) => name.startsWith(folder))).toBe(true);
  expect(samples.some((sample) => sample.input.endsWith('.json.gz'))).toBe(true);
  expect(samples.filter((sample) => sample.name.startsWith('malformed/')).length).toBeGreaterThanOrEqual(4);
});

describe.each(samples.map((sample) => [sample.name, sample] as const))('%s', (_name, sample) => {
  const expected = JSON.parse(readFileSync(sample.expected, 'utf8')) as SampleExpectation;

  test('reads to exactly the expected changes and listing ends (or the expected error)', async () => {
    const { options, ...rest } = expected;
    expect(await runSample(sample.input, options)).toEqual(rest);
  });

  if (!('error' in expected)) {
    test('every event it sends is taken by the snapshot rule, and only by it', async () => {
      for (const event of await sampleEvents(sample.input, expected.options)) {
        const busEvent = { source: event.source, 'detail-type': event.detailType, detail: event.detail };
        expect(rulesMatching(busEvent, RULES).map((rule) => rule.name)).toEqual([SNAPSHOT_RULE.name]);
      }
    });
  }
});
