// `npm run redrive`: asks the running local bus to re-deliver its dead letters, one batch per request
// (so a large file is never one request a client timeout can cut), printing progress; the bus keeps
// in the dead-letter file only the events that fail again. The bus requires the data directory's
// redrive token, which only its owner can read.
import { parseArgs } from 'node:util';
import { DEFAULT_REDRIVE_BATCH, REDRIVE_TARGET, REDRIVE_TOKEN_HEADER } from '../shared/local/local-event-bus';
import { readLocalSecrets } from '../shared/local/local-secrets';
import { localEventsUrl } from '../shared/local/runtime-state-file';

interface BatchReply {
  Retried?: number;
  Failed?: number;
  Total?: number;
  message?: string;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      'data-dir': { type: 'string' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run redrive -- [--endpoint URL] [--data-dir DIR] [--batch-size N]\n' +
        'Re-delivers the dead letters of the running local inventory (`npm start`) for that data directory,\n' +
        `${DEFAULT_REDRIVE_BATCH} per request unless --batch-size says otherwise.\n`,
    );
    return 0;
  }
  const dataDir = values['data-dir'] ?? process.env.INVENTORY_DATA_DIR ?? '.inventory';
  const batchSize = Number(values['batch-size'] ?? DEFAULT_REDRIVE_BATCH);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    process.stderr.write(`--batch-size must be a positive integer, not '${values['batch-size']}'\n`);
    return 2;
  }
  const secrets = readLocalSecrets(dataDir);
  if (!secrets) {
    process.stderr.write(`${dataDir} has no local-secrets.json: has npm start run on this data directory?\n`);
    return 1;
  }
  const endpoint = values.endpoint ?? localEventsUrl(dataDir);

  // Batches from the head of the file, counted against its size at the first batch: letters that fail
  // again go to the end, so each one is tried once per run however the file grows meanwhile.
  let total: number | undefined;
  let retried = 0;
  let failed = 0;
  while (total === undefined || retried < total) {
    const limit = total === undefined ? batchSize : Math.min(batchSize, total - retried);
    const reply = await sendBatch(endpoint, secrets.redriveToken, limit);
    if (reply === undefined) return 1;
    total ??= reply.Total ?? 0;
    retried += reply.Retried ?? 0;
    failed += reply.Failed ?? 0;
    if (total > 0) {
      process.stderr.write(`redrive: ${retried}/${total} retried, ${failed} failing again\n`);
    }
    if ((reply.Retried ?? 0) === 0) break;
  }
  process.stdout.write(
    `redrive: ${retried} dead letters retried, ${retried - failed} delivered, ` +
      `${failed} still failing (kept in the dead-letter file)\n`,
  );
  return failed > 0 ? 1 : 0;
}

async function sendBatch(endpoint: string, token: string, limit: number): Promise<BatchReply | undefined> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'x-amz-target': REDRIVE_TARGET,
        'content-type': 'application/x-amz-json-1.1',
        [REDRIVE_TOKEN_HEADER]: token,
      },
      body: JSON.stringify({ Limit: limit }),
    });
  } catch (error) {
    process.stderr.write(
      `no local bus answers at ${endpoint} (${(error as Error).message}); start it with npm start\n`,
    );
    return undefined;
  }
  const body = (await response.json()) as BatchReply;
  if (!response.ok) {
    process.stderr.write(`redrive refused: ${body.message ?? response.status}\n`);
    return undefined;
  }
  return body;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`redrive failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
