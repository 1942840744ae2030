// `npm start`: the local inventory (DynamoDB Local, local EventBridge bus, HTTP API) in one process.
// Options and environment variables are a contract (see README and DESIGN): keep them stable.
import { parseArgs } from 'node:util';
import { ALLOWED_HOST_ENV } from '../shared/http/host-check';
import { startLocalRuntime } from '../shared/local/local-runtime';
import { watchParents } from '../shared/local/parent-watch';

const HELP = `Usage: npm start -- [options]

Runs the inventory locally: an embedded DynamoDB Local (Java 17+), a local EventBridge endpoint that
speaks PutEvents and applies the same rule patterns as the deployed stack, and the HTTP API.

Options (environment variable in brackets):
  --port N                 HTTP API port [PORT] (default 3000)
  --events-port N          local EventBridge PutEvents port [EVENTS_PORT] (default 3001)
  --data-dir DIR           where the index, dead letters and state live [INVENTORY_DATA_DIR] (default .inventory/)
  --in-memory              keep the index in memory; nothing of it survives a restart
  --no-samples             do not load the demo scenario (events/scenario) on first start
  --dynamodb-endpoint URL  use this DynamoDB instead of the embedded one [DYNAMODB_ENDPOINT]
  --allowed-host NAME      answer this Host name too, besides 127.0.0.1, localhost and [::1] [${ALLOWED_HOST_ENV}]
  --help                   print this help

Both servers listen on 127.0.0.1 only. SIGINT, SIGTERM and SIGHUP (or the end of the process that
started it) stop it: events in flight get a few seconds, the rest are kept in the bus journal.
`;

function parsePort(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name} must be a port number between 0 and 65535, not '${value}'`);
  }
  return port;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'events-port': { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      'no-samples': { type: 'boolean', default: false },
      'dynamodb-endpoint': { type: 'string' },
      'allowed-host': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  // Locally the handlers' Powertools output would drown the console: warnings only, no EMF, unless asked.
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

  // Until the runtime is up there is nothing to drain: a signal exits at once, and exiting (unlike
  // dying of the signal) lets the embedded DynamoDB Local's exit hook take java down with it.
  const exitDuringStartup = (signal: string) => {
    process.stderr.write(`${signal} during start-up: exiting\n`);
    process.exit(130);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, exitDuringStartup);
  const stopWatchingParents = watchParents((reason) => exitDuringStartup(`parent gone (${reason})`));

  const runtime = await startLocalRuntime({
    port: parsePort('--port', values.port ?? process.env.PORT, 3000),
    eventsPort: parsePort('--events-port', values['events-port'] ?? process.env.EVENTS_PORT, 3001),
    dataDir: values['data-dir'] ?? process.env.INVENTORY_DATA_DIR ?? '.inventory',
    inMemory: values['in-memory'],
    loadSamples: !values['no-samples'],
    dynamodbEndpoint: values['dynamodb-endpoint'] ?? (process.env.DYNAMODB_ENDPOINT || undefined),
    allowedHost: values['allowed-host'] ?? (process.env[ALLOWED_HOST_ENV] || undefined),
    log: (line) => process.stderr.write(`${line}\n`),
  });

  const samples = runtime.samplesLoaded > 0 ? `, ${runtime.samplesLoaded} demo events loaded` : '';
  process.stdout.write(
    `resource-inventory ready: API ${runtime.apiUrl}  events ${runtime.eventsUrl} (PutEvents)  ` +
      `data ${runtime.dataDir}${samples}\n` +
      `  open ${runtime.apiUrl}/ in a browser for the inventory page\n` +
      `  curl -s '${runtime.apiUrl}/resources?limit=5'\n` +
      `  curl -s '${runtime.apiUrl}/resources?type=AWS::S3::Bucket&status=all'\n` +
      `  curl -s '${runtime.apiUrl}/stacks'\n` +
      `  npm run replay -- --endpoint ${runtime.eventsUrl} events/cloudtrail/s3/CreateBucket.json\n` +
      `Ctrl-C stops it. Listening on 127.0.0.1 only (README: "What listens where").\n`,
  );

  // A terminal's Ctrl-C reaches this process both directly and relayed by the tsx/npm wrappers, so the
  // first two signals mean one stop; a third one gives up waiting.
  let signals = 0;
  const stop = (signal: string) => {
    signals++;
    if (signals === 3) {
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    if (signals > 1) return;
    process.stderr.write(`${signal}: finishing events in flight, then stopping\n`);
    runtime.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${(error as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  for (const signal of STOP_SIGNALS) {
    process.removeListener(signal, exitDuringStartup);
    process.on(signal, () => stop(signal));
  }
  stopWatchingParents();
  watchParents((reason) => stop(`parent gone (${reason})`));
}

/** What npm, a terminal, `timeout`, IDEs and process managers send to end a program. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

main().catch((error: unknown) => {
  process.stderr.write(`resource-inventory could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
