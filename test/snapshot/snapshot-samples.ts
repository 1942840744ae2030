// Runs a sample of events/snapshot/ the way `npm run snapshot` and the bus would: read and validate
// the files, build the snapshot events, wrap each in EventBridge's envelope, normalize through the one
// entry point. A sample is `X.json`, `X.json.gz` or a folder `X/`, with `X.expected.json` beside it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { normalizeEvent } from '../../shared/ingest/normalize-event';
import type { ListingCompletion, ResourceChange } from '../../shared/model/resource-change';
import type { ReplayEvent } from '../../shared/replay/event-file-reader';
import { SnapshotInputError } from '../../shared/snapshot/readers/snapshot-reader';
import {
  listingsOfDocuments,
  readSnapshotDocument,
  snapshotFiles,
} from '../../shared/snapshot/snapshot-input';
import type { SnapshotInputOptions } from '../../shared/snapshot/snapshot-input';
import { listingCompleteEvent, observationEvents } from '../../shared/snapshot/snapshot-events';
import { addCounts } from '../../shared/snapshot/snapshot-listing';

export const ROOT = resolve(__dirname, '../..');
export const SAMPLES = join(ROOT, 'events/snapshot');

/** The date formats without times get in the samples (the CLI uses the file's modification time). */
export const SAMPLE_FILE_TIME = '2024-06-10T12:00:00Z';
export const SAMPLE_NOW = '2024-06-10T12:30:00.000Z';

export interface SampleOutcome {
  changes: ResourceChange[];
  listings: ListingCompletion[];
  unknownTypes: Record<string, number>;
  skipped: Record<string, number>;
}

export type SampleExpectation =
  ({ options?: SnapshotInputOptions } & SampleOutcome) | { options?: SnapshotInputOptions; error: string };

/** Every sample: its expected file and its input (file or folder). */
export function snapshotSamples(dir = SAMPLES): { name: string; input: string; expected: string }[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (entry.endsWith('.expected.json')) {
        const base = path.slice(0, -'.expected.json'.length);
        const input = [`${base}.json`, `${base}.json.gz`, base].find((candidate) => existsSync(candidate));
        return input ? [{ name: relative(SAMPLES, base), input, expected: path }] : [];
      }
      return statSync(path).isDirectory() && !existsSync(`${path}.expected.json`)
        ? snapshotSamples(path)
        : [];
    });
}

/** The events a sample sends, exactly as the CLI builds them. */
export async function sampleEvents(
  input: string,
  options: SnapshotInputOptions = {},
): Promise<ReplayEvent[]> {
  // Paths relative to the repository, so error messages are the same on every machine.
  const files = (await snapshotFiles([input])).map((file) => relative(ROOT, file));
  const documents = await Promise.all(
    files.map((file) => readSnapshotDocument(join(ROOT, file), SAMPLE_FILE_TIME)),
  );
  const relativeDocuments = documents.map((document, index) => ({ ...document, file: files[index] }));
  const listings = listingsOfDocuments(relativeDocuments, { now: SAMPLE_NOW, ...options });
  return listings.flatMap((listing) => [...observationEvents(listing), listingCompleteEvent(listing)]);
}

export async function runSample(
  input: string,
  options: SnapshotInputOptions = {},
): Promise<SampleOutcome | { error: string }> {
  let events: ReplayEvent[];
  try {
    events = await sampleEvents(input, options);
  } catch (error) {
    if (error instanceof SnapshotInputError) return { error: error.message.replace(`${ROOT}/`, '') };
    throw error;
  }
  const outcome: SampleOutcome = { changes: [], listings: [], unknownTypes: {}, skipped: {} };
  const files = await snapshotFiles([input]);
  const documents = await Promise.all(files.map((file) => readSnapshotDocument(file, SAMPLE_FILE_TIME)));
  for (const listing of listingsOfDocuments(documents, { now: SAMPLE_NOW, ...options })) {
    addCounts(outcome.unknownTypes, listing.unknownTypes);
    addCounts(outcome.skipped, listing.skipped);
  }
  events.forEach((event, index) => {
    const normalization = normalizeEvent({
      version: '0',
      id: `bus-${index}`,
      'detail-type': event.detailType,
      source: event.source,
      account: '111122223333',
      time: event.time ?? SAMPLE_NOW,
      region: 'eu-west-1',
      resources: [],
      detail: event.detail,
    });
    if (normalization.outcome === 'rejected') throw new Error(`rejected: ${normalization.reason}`);
    outcome.changes.push(...normalization.changes);
    if (normalization.listing) outcome.listings.push(normalization.listing);
  });
  return outcome;
}
