// Every listing format `npm run snapshot` reads, in the order shapes are tried: a document is read by
// the first reader that recognises it.
import { cloudControlReader } from './readers/cloudcontrol-reader';
import {
  describeStackResourcesReader,
  listStackResourcesReader,
} from './readers/cloudformation-resources-reader';
import { cloudFormationStacksReader } from './readers/cloudformation-stacks-reader';
import { configDiscoveredReader } from './readers/config-discovered-reader';
import { configHistoryReader } from './readers/config-history-reader';
import { configSelectReader } from './readers/config-select-reader';
import { configSnapshotReader } from './readers/config-snapshot-reader';
import { organizationsReader } from './readers/organizations-reader';
import { resourceExplorerReader } from './readers/resource-explorer-reader';
import type { SnapshotReader } from './readers/snapshot-reader';
import { taggingReader } from './readers/tagging-reader';

export const SNAPSHOT_READERS: readonly SnapshotReader[] = [
  configSnapshotReader,
  configHistoryReader,
  configDiscoveredReader,
  configSelectReader,
  resourceExplorerReader,
  taggingReader,
  cloudFormationStacksReader,
  describeStackResourcesReader,
  listStackResourcesReader,
  cloudControlReader,
  organizationsReader,
];

export function readerFor(document: unknown): SnapshotReader | undefined {
  return SNAPSHOT_READERS.find((reader) => reader.recognise(document));
}
