// `npm run snapshot -- [--endpoint URL] [--account ID] [--region R] [--stack NAME] PATH...`: seeds the
// index from listings of what already exists (files or folders, recognised by shape), with progress
// and a summary; exits non-zero naming the file and field when an input is malformed.
import { parseArgs } from 'node:util';
import { RuntimeStateFile, localEventsUrl } from '../shared/local/runtime-state-file';
import { SnapshotInputError } from '../shared/snapshot/readers/snapshot-reader';
import { addCounts } from '../shared/snapshot/snapshot-listing';
import { listingsOfDocuments, readSnapshotDocument, snapshotFiles } from '../shared/snapshot/snapshot-input';
import type { SnapshotDocument } from '../shared/snapshot/snapshot-input';
import { SNAPSHOT_READERS } from '../shared/snapshot/snapshot-readers';
import { recordedRuns } from '../shared/snapshot/snapshot-runs-client';
import { sendListings } from '../shared/snapshot/snapshot-sender';

const HELP = `Usage: npm run snapshot -- [--endpoint URL | --aws] [--account ID] [--region R] [--stack NAME] PATH...

PATH: files or folders of .json / .json.gz listings, as the AWS CLI prints them (--output json):
${SNAPSHOT_READERS.map((reader) => `  - ${reader.describes}`).join('\n')}
Pages of one call (several files of one format, account and region) are one listing.

  --endpoint URL       the bus (default: the one \`npm start\` runs for --data-dir, else port 3001)
  --aws                EventBridge in AWS with the default credentials instead (AWS_REGION)
  --event-bus-name N   target bus (default: the default bus)
  --account ID         the account of listings that do not name theirs (list-discovered-resources,
                       cloudcontrol list-resources, S3 ARNs in get-resources)
  --region R           the region of listings that do not name theirs
  --stack NAME|ARN     the stack of list-stack-resources outputs (a name needs a describe-stacks
                       output among the PATHs)
  --api URL            the inventory API, for the index's own counts (default: the local one)
  --data-dir DIR       the local runtime's data directory (default .inventory/)
`;

function write(text: string): void {
  process.stdout.write(text);
}

/** Progress lines at most once a second, and only when there is a lot to do. */
function progress(label: string, threshold: number): (done: number, total: number) => void {
  let last = Date.now();
  return (done, total) => {
    if (total < threshold || (Date.now() - last < 1000 && done < total)) return;
    last = Date.now();
    process.stderr.write(`  ${label} ${done}/${total}\n`);
  };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      aws: { type: 'boolean', default: false },
      'event-bus-name': { type: 'string' },
      account: { type: 'string' },
      region: { type: 'string' },
      stack: { type: 'string' },
      api: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help || positionals.length === 0) {
    write(HELP);
    return values.help ? 0 : 2;
  }
  if (values.account !== undefined && !/^\d{12}$/.test(values.account)) {
    process.stderr.write(`--account must be a 12-digit account id; got ${values.account}\n`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? process.env.INVENTORY_DATA_DIR ?? '.inventory';
  const endpoint = values.aws ? undefined : (values.endpoint ?? localEventsUrl(dataDir));
  const started = Date.now();

  // Everything is read and validated before anything is sent: a malformed file stops the import whole.
  let listings;
  let files: string[];
  try {
    files = await snapshotFiles(positionals);
    const documents: SnapshotDocument[] = [];
    const reading = progress('read', 20);
    for (const file of files) {
      documents.push(await readSnapshotDocument(file));
      reading(documents.length, files.length);
    }
    listings = listingsOfDocuments(documents, {
      account: values.account,
      region: values.region,
      stack: values.stack,
    });
  } catch (error) {
    if (!(error instanceof SnapshotInputError)) throw error;
    process.stderr.write(`snapshot: ${error.message}\nNothing was sent.\n`);
    return 2;
  }

  const observed = listings.reduce((sum, listing) => sum + listing.observations.length, 0);
  write(`snapshot: ${files.length} files, ${listings.length} listings, ${observed} resources observed\n`);
  const results = await sendListings(listings, {
    endpoint,
    region: values.aws ? undefined : values.region,
    eventBusName: values['event-bus-name'],
    onProgress: progress('sent', 500),
  });

  const unknown: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  listings.forEach((listing, index) => {
    addCounts(unknown, listing.unknownTypes);
    addCounts(skipped, listing.skipped);
    const result = results[index];
    const { run } = listing;
    const proves =
      listing.completeTypes.length > 0
        ? `complete for ${listing.completeTypes.length} types`
        : 'proves no absence';
    const state = result.partialReason
      ? `PARTIAL: ${result.partialReason}`
      : result.completionSent
        ? 'sent'
        : 'end not accepted';
    write(
      `  ${run.source.padEnd(17)} ${run.account} ${run.region.padEnd(14)} at ${run.listedAt}  ` +
        `${String(listing.observations.length).padStart(6)} observed  ${proves}  ${state}\n`,
    );
  });
  for (const [type, n] of Object.entries(unknown).sort())
    write(`  unknown type ${type}: ${n} (kept by ARN, type from the ARN)\n`);
  for (const [reason, n] of Object.entries(skipped).sort()) write(`  not observed: ${n} ${reason}\n`);
  const failed = results.reduce(
    (sum, result) => sum + result.eventsFailed + (result.completionSent ? 0 : 1),
    0,
  );
  write(
    `sent to ${endpoint ?? 'EventBridge (AWS)'} in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      `${failed > 0 ? `, ${failed} events failed` : ''}\n`,
  );

  const apiUrl =
    values.api ??
    (values.aws
      ? undefined
      : new RuntimeStateFile(`${dataDir.replace(/\/$/, '')}/runtime.json`).read()?.apiUrl);
  if (apiUrl !== undefined && results.length > 0) {
    const answer = await recordedRuns(
      apiUrl,
      results.map((result) => result.runId),
    );
    if ('unavailable' in answer) write(`index: ${answer.unavailable}\n`);
    else {
      const total = { observed: 0, created: 0, updated: 0, inferredDeleted: 0 };
      for (const run of answer.runs) {
        total.observed += run.observed ?? 0;
        total.created += run.created ?? 0;
        total.updated += run.updated ?? 0;
        total.inferredDeleted += run.inferredDeleted ?? 0;
      }
      write(
        `index (GET /snapshots, ${answer.runs.length} of ${results.length} runs recorded): ` +
          `${total.observed} confirmed, ${total.created} created, ${total.updated} updated, ` +
          `${total.inferredDeleted} inferred deleted\n`,
      );
    }
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`snapshot failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
