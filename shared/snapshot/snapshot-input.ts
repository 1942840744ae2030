// Files and folders given to `npm run snapshot`, read into listings: every document parsed,
// recognised by shape and validated before anything is sent, so a malformed file stops the whole
// import (naming the file and the field) and nothing is half-applied.
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { canonicalEventTime } from '../ingest/event-time';
import { stacksOf } from './readers/cloudformation-stacks-reader';
import { SnapshotInputError } from './readers/snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './readers/snapshot-reader';
import { addCounts, mergeObservations } from './snapshot-listing';
import type { SnapshotListing } from './snapshot-listing';
import { SNAPSHOT_READERS, readerFor } from './snapshot-readers';

export interface SnapshotInputOptions {
  account?: string;
  region?: string;
  /** The stack of list-stack-resources outputs: a name (resolved by describe-stacks given too) or an ARN. */
  stack?: string;
  /** The import's time (finishedAt of file runs); defaults to now. */
  now?: string;
  /** Overrides every file's modification time (tests: deterministic dates for formats without times). */
  fileTime?: string;
}

export interface SnapshotDocument {
  file: string;
  document: unknown;
  fileTime: string;
  digest: string;
}

/** Every `.json` / `.json.gz` file under the paths (folders walked, sorted), each once. */
export async function snapshotFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new SnapshotInputError(path, '(file)', 'no such file or folder');
    if (info.isDirectory()) {
      const names = (await readdir(path)).sort();
      files.push(
        ...(await snapshotFiles(
          names
            .filter((name) => !name.startsWith('.') && !name.endsWith('.expected.json'))
            .map((name) => join(path, name)),
        )),
      );
    } else if (/\.json(\.gz)?$/.test(path)) files.push(path);
  }
  return [...new Set(files)];
}

export async function readSnapshotDocument(file: string, fileTime?: string): Promise<SnapshotDocument> {
  const raw = await readFile(file);
  let text: string;
  try {
    text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  } catch (error) {
    throw new SnapshotInputError(file, '(file)', `not a readable gzip file: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new SnapshotInputError(file, '(document)', 'not a JSON document (cut short, or not JSON at all)');
  }
  const modified = canonicalEventTime((await stat(file)).mtime.toISOString()) ?? '';
  return {
    file,
    document,
    fileTime: fileTime ?? modified,
    digest: createHash('sha256').update(raw).digest('hex'),
  };
}

/** Reads every document into listings; throws SnapshotInputError on the first malformed one. */
export function listingsOfDocuments(
  documents: readonly SnapshotDocument[],
  options: SnapshotInputOptions = {},
): SnapshotListing[] {
  const recognised = documents.map((item) => {
    const reader = readerFor(item.document);
    if (!reader) {
      const formats = SNAPSHOT_READERS.map((candidate) => candidate.describes).join('; ');
      throw new SnapshotInputError(item.file, '(document)', `not a listing this command reads (${formats})`);
    }
    return { ...item, reader };
  });
  // describe-stacks outputs first: list-stack-resources outputs find their stack by name in them.
  const stacks = new Map<string, string>();
  for (const item of recognised) {
    if (item.reader.format === 'cloudformation-stacks')
      for (const [name, arn] of stacksOf(item.document, item.file)) stacks.set(name, arn);
  }
  const pages: { page: SnapshotPage; item: SnapshotDocument & { reader: SnapshotReader } }[] = [];
  for (const item of recognised) {
    const context: ReaderContext = {
      file: item.file,
      account: options.account,
      region: options.region,
      stack: options.stack,
      stacks,
      fileTime: item.fileTime,
    };
    for (const page of item.reader.read(item.document, context)) pages.push({ page, item });
  }
  return mergePages(pages, options.now ?? new Date().toISOString());
}

/**
 * Pages of one format, account and region given together are one listing (the pages of one call);
 * a Config snapshot file is a listing of its own (two snapshots are two moments, not two pages).
 */
function mergePages(pages: { page: SnapshotPage; item: SnapshotDocument }[], now: string): SnapshotListing[] {
  const groups = new Map<string, { page: SnapshotPage; item: SnapshotDocument }[]>();
  for (const entry of pages) {
    const { page, item } = entry;
    const key = [
      page.format,
      page.account,
      page.region,
      page.format === 'config-snapshot' ? item.file : '',
    ].join('|');
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const listings: SnapshotListing[] = [];
  for (const group of groups.values()) {
    const first = group[0].page;
    const times = group.map(({ page }) => page.listedAt).sort();
    // Times from content: the newest is the listing's consistency point; file times: the oldest is its start.
    const listedAt = first.timeFrom === 'content' ? times[times.length - 1] : times[0];
    const unrecorded = new Set(group.flatMap(({ page }) => page.unrecordedTypes));
    const completeTypes = [...new Set(group.flatMap(({ page }) => page.completeTypes))]
      .filter((type) => !unrecorded.has(type))
      .sort();
    const digest = createHash('sha256')
      .update(
        [
          first.format,
          first.account,
          first.region,
          listedAt,
          ...group.map(({ item }) => item.digest).sort(),
        ].join('\n'),
      )
      .digest('hex')
      .slice(0, 24);
    const unknownTypes: Record<string, number> = {};
    const skipped: Record<string, number> = {};
    for (const { page } of group) {
      addCounts(unknownTypes, page.unknownTypes);
      addCounts(skipped, page.skipped);
    }
    const observations = mergeObservations(group.flatMap(({ page }) => page.observations));
    if (observations.length === 0 && completeTypes.length === 0) continue;
    listings.push({
      run: {
        // The same files give the same run id: importing them again changes nothing.
        id: `${first.format}-${first.account}-${first.region}-${digest}`,
        source: first.source,
        account: first.account,
        region: first.region,
        startedAt: listedAt,
        listedAt,
      },
      observations,
      completeTypes,
      complete: true,
      finishedAt: now,
      unknownTypes,
      skipped,
      pages: new Set(group.map(({ item }) => item.file)).size,
    });
  }
  return listings;
}
