// AWS Config configuration history: `aws configservice get-resource-config-history` and the history
// files Config delivers to S3 (`ConfigHistory`). Each resource's newest item says whether it exists.
//
// Never complete: a history names the resources that changed (or the one asked for), not all of them.
// Listed at the newest capture time in the file.
import * as z from 'zod';
import { ConfigurationItemSchema, readConfigurationItem } from './config-items';
import type { ConfigurationItem } from './config-items';
import { PageBuilder, hasArrayOf, isObject, newestTime, parseDocument } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const ConfigHistorySchema = z.object({
  configurationItems: z.array(ConfigurationItemSchema),
  nextToken: z.string().optional(),
});

export const configHistoryReader: SnapshotReader = {
  format: 'config-history',
  describes: 'aws configservice get-resource-config-history (or a ConfigHistory file)',
  recognise: (document) =>
    isObject(document) && !('configSnapshotId' in document) && hasArrayOf(document, 'configurationItems'),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const history = parseDocument(ConfigHistorySchema, document, context.file);
    const listedAt =
      newestTime(history.configurationItems.map((item) => item.configurationItemCaptureTime)) ??
      context.fileTime;
    const newest = new Map<string, ConfigurationItem>();
    for (const item of history.configurationItems) {
      const key = `${item.resourceType}|${item.resourceId}`;
      const seen = newest.get(key);
      if (
        !seen ||
        Date.parse(item.configurationItemCaptureTime) >= Date.parse(seen.configurationItemCaptureTime)
      )
        newest.set(key, item);
    }
    const pages = new PageBuilder(
      { format: 'config-history', source: 'config', timeFrom: 'content' },
      () => listedAt,
    );
    for (const item of newest.values()) {
      const reading = readConfigurationItem(item);
      if (reading.kind === 'observed') pages.add(reading.observation);
      else pages.skip(reading.account, reading.region, reading.reason);
    }
    return pages.build();
  },
};
