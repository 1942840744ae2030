// AWS Config configuration snapshot files as delivered to S3 (`ConfigSnapshot`, `.json` or `.json.gz`):
// every recorded resource of the account and region (and `global` for IAM when global types are
// recorded) at the time of the snapshot.
//
// Complete for the types it contains, in its account and region: Config records every resource of a
// recorded type. Not for a type it marks ResourceNotRecorded. Listed at the newest capture time in the
// file: the snapshot cannot miss a resource created before it, and cannot report one deleted after it.
import * as z from 'zod';
import { ConfigurationItemSchema, NOT_RECORDED, readConfigurationItem } from './config-items';
import { PageBuilder, hasArrayOf, isObject, newestTime, parseDocument } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const ConfigSnapshotSchema = z.object({
  fileVersion: z.string().optional(),
  configSnapshotId: z.string().min(1),
  configurationItems: z.array(ConfigurationItemSchema),
});

export const configSnapshotReader: SnapshotReader = {
  format: 'config-snapshot',
  describes: 'AWS Config snapshot file (S3 delivery)',
  recognise: (document) =>
    isObject(document) && 'configSnapshotId' in document && hasArrayOf(document, 'configurationItems'),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const snapshot = parseDocument(ConfigSnapshotSchema, document, context.file);
    const listedAt =
      newestTime(snapshot.configurationItems.map((item) => item.configurationItemCaptureTime)) ??
      context.fileTime;
    const pages = new PageBuilder(
      { format: 'config-snapshot', source: 'config', timeFrom: 'content' },
      () => listedAt,
    );
    const types = new Map<string, Set<string>>();
    const unrecorded = new Map<string, Set<string>>();
    for (const item of snapshot.configurationItems) {
      const reading = readConfigurationItem(item);
      const page =
        reading.kind === 'observed'
          ? pages.page(reading.observation.account, reading.observation.region)
          : pages.page(reading.account, reading.region);
      const key = `${page.account}|${page.region}`;
      const bucket = NOT_RECORDED.has(item.configurationItemStatus) ? unrecorded : types;
      bucket.set(key, (bucket.get(key) ?? new Set()).add(item.resourceType));
      if (reading.kind === 'observed') pages.add(reading.observation);
      else pages.skip(reading.account, reading.region, reading.reason);
    }
    return pages.build().map((page) => {
      const key = `${page.account}|${page.region}`;
      const notRecorded = unrecorded.get(key) ?? new Set<string>();
      return {
        ...page,
        completeTypes: [...(types.get(key) ?? [])].filter((type) => !notRecorded.has(type)).sort(),
        unrecordedTypes: [...notRecorded].sort(),
      };
    });
  },
};
