// Lambda entry of the scheduled snapshot (and of the snapshot a deploy starts): lists the account
// and region and puts the observations on the central bus. Everything lives in shared/snapshot.
import { createSnapshotHandler } from '../shared/snapshot/listing/snapshot-function';
import type { SnapshotHandler } from '../shared/snapshot/listing/snapshot-function';

let built: SnapshotHandler | undefined;

/** Env: EVENT_BUS_NAME (central bus ARN), AWS_REGION, SNAPSHOT_CONCURRENCY (optional). */
export const handler: SnapshotHandler = async (event, context) => {
  built ??= createSnapshotHandler({ env: process.env });
  return built(event, context);
};
