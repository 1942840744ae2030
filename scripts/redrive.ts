// `npm run redrive`: asks the running local bus to re-deliver its dead letters; the bus keeps in the
// dead-letter file only the events that fail again.
import { parseArgs } from 'node:util';
import { REDRIVE_TARGET } from '../shared/local/local-event-bus';
import { localEventsUrl } from '../shared/local/runtime-state-file';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run redrive -- [--endpoint URL] [--data-dir DIR]\n' +
        'Re-delivers the dead letters of the running local inventory (`npm start`) for that data directory.\n',
    );
    return 0;
  }
  const endpoint =
    values.endpoint ?? localEventsUrl(values['data-dir'] ?? process.env.INVENTORY_DATA_DIR ?? '.inventory');
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': REDRIVE_TARGET, 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
  } catch (error) {
    process.stderr.write(`no local bus answers at ${endpoint} (${(error as Error).message}); start it with npm start\n`);
    return 1;
  }
  const body = (await response.json()) as { Retried?: number; Failed?: number; message?: string };
  if (!response.ok) {
    process.stderr.write(`redrive refused: ${body.message ?? response.status}\n`);
    return 1;
  }
  process.stdout.write(
    `redrive: ${body.Retried ?? 0} dead letters retried, ${(body.Retried ?? 0) - (body.Failed ?? 0)} delivered, ` +
      `${body.Failed ?? 0} still failing (kept in the dead-letter file)\n`,
  );
  return (body.Failed ?? 0) > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`redrive failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
