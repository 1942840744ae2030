// `npm run replay -- [--endpoint URL] FILE...`: sends files of EventBridge events or CloudTrail logs
// to a local (default) or deployed (--aws) event bus, with progress and a summary.
import { parseArgs } from 'node:util';
import { localEventsUrl } from '../shared/local/runtime-state-file';
import { readEventFile } from '../shared/replay/event-file-reader';
import type { ReplayEvent } from '../shared/replay/event-file-reader';
import { sendEvents } from '../shared/replay/event-sender';

const HELP = `Usage: npm run replay -- [--endpoint URL | --aws] [--region R] [--event-bus-name NAME] FILE...

FILE: EventBridge events (one object, an array, or JSON Lines) or CloudTrail log files
({"Records": [...]}, .json or .json.gz). CloudTrail records are wrapped as "AWS API Call via
CloudTrail" events; failed and read-only calls are skipped (no rule would take them).

  --endpoint URL       a local bus (default: the one \`npm start\` runs for --data-dir, else port 3001)
  --data-dir DIR       the local runtime's data directory (default .inventory/)
  --aws                send to EventBridge in AWS with the default credentials instead. AWS refuses
                       sources starting with "aws.", so this only suits events of your own sources.
  --region R           region for the signature (default AWS_REGION or us-east-1)
  --event-bus-name N   target bus (default: the default bus)
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      'data-dir': { type: 'string' },
      aws: { type: 'boolean', default: false },
      region: { type: 'string' },
      'event-bus-name': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(HELP);
    return values.help ? 0 : 2;
  }
  const endpoint = values.aws
    ? undefined
    : (values.endpoint ??
      localEventsUrl(values['data-dir'] ?? process.env.INVENTORY_DATA_DIR ?? '.inventory'));

  const events: ReplayEvent[] = [];
  const skipped = new Map<string, number>();
  for (const file of positionals) {
    for (const item of await readEventFile(file)) {
      if ('event' in item) events.push(item.event);
      else skipped.set(item.skipped, (skipped.get(item.skipped) ?? 0) + 1);
    }
  }

  const started = Date.now();
  let lastReport = 0;
  const summary = await sendEvents(events, {
    endpoint,
    region: values.region,
    eventBusName: values['event-bus-name'],
    onProgress: (done, total) => {
      if (Date.now() - lastReport < 1000 && done < total) return;
      lastReport = Date.now();
      process.stderr.write(`  sent ${done}/${total}\n`);
    },
  });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const skippedCount = [...skipped.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(
    `replay to ${endpoint ?? 'EventBridge (AWS)'}: ${summary.sent} sent, ${summary.failed} failed, ` +
      `${skippedCount} skipped, in ${seconds} s\n`,
  );
  for (const [code, n] of Object.entries(summary.failures)) process.stdout.write(`  failed  ${n}  ${code}\n`);
  for (const [reason, n] of skipped) process.stdout.write(`  skipped ${n}  ${reason}\n`);
  return summary.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`replay failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
