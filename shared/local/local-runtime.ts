// The whole inventory in one process: DynamoDB Local (embedded or given), the table from the shared
// definition, the ingest and query handlers in-process, the local event bus and the HTTP API.
// The data directory holds the index, the bus journal, the dead letters and the run's secrets.
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCloudFormationIngestHandler } from '../../handlers/cloudformation-ingest';
import { createCloudTrailIngestHandler } from '../../handlers/cloudtrail-ingest';
import { createQueryApiHandler } from '../../handlers/query-api';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { ChangeNotifier } from '../notify/change-notifier';
import { createEventBridgeChangeNotifier } from '../notify/eventbridge-change-notifier';
import { createQueryReaders } from '../query/query-readers';
import { startLocalHttpApi } from '../http/local-http-api';
import type { LocalHttpApi } from '../http/local-http-api';
import { rulesMatching } from '../rules/event-pattern-matcher';
import { RULES } from '../rules/rule-patterns';
import { createDocumentClient, createDynamoDbClient } from '../store/dynamodb-client';
import type { DynamoDbClientOptions, LocalDynamoDbCredentials } from '../store/dynamodb-client';
import { IndexStore } from '../store/index-store';
import { createTableInput } from '../store/table-definition';
import { DeadLetterFile } from './dead-letter-file';
import { DynamoDbSupervisor } from './dynamodb-supervisor';
import { LOCAL_DYNAMODB_REGION, startEmbeddedDynamoDb } from './embedded-dynamodb';
import type { EmbeddedDynamoDb, EmbeddedDynamoDbOptions } from './embedded-dynamodb';
import { EventDispatcher } from './event-dispatcher';
import type { RetryPolicy } from './event-dispatcher';
import { EventJournal } from './event-journal';
import { rememberEventText } from './event-text';
import { startLocalEventBus } from './local-event-bus';
import type { LocalEventBus } from './local-event-bus';
import { loadLocalSecrets } from './local-secrets';
import type { BusEvent } from './put-events-protocol';
import { RuntimeStateFile } from './runtime-state-file';

export const DEFAULT_TABLE_NAME = 'resource-inventory';
/** The demo scenario loaded on first start. */
export const DEMO_SCENARIO_PATH = resolve(__dirname, '../../events/scenario/demo-scenario.json');
/** The account local envelopes carry (events from AWS services carry their own in the detail). */
export const LOCAL_ACCOUNT = '000000000000';

export interface LocalRuntimeOptions {
  /** HTTP API port; 0 for a free one. */
  port: number;
  /** Local EventBridge (PutEvents) port; 0 for a free one. */
  eventsPort: number;
  dataDir: string;
  /** Keep the index in memory (the data directory still holds the dead-letter file). */
  inMemory: boolean;
  loadSamples: boolean;
  /** An external DynamoDB to use instead of the embedded one. */
  dynamodbEndpoint?: string;
  host?: string;
  tableName?: string;
  retry?: Partial<RetryPolicy>;
  /** Events delivered at once (the dispatcher's default when absent); the benchmark varies it. */
  maxInFlight?: number;
  /** How long a PutEvents caller waits for room before it is throttled (the dispatcher's default). */
  maxAcceptWaitMs?: number;
  /** One more Host name the API and the bus answer, besides 127.0.0.1, localhost and [::1]. */
  allowedHost?: string;
  /** How often the store is checked (and an embedded DynamoDB Local restarted when it died). */
  healthCheckIntervalMs?: number;
  /** How long stop() lets events in flight finish before leaving them to the journal. */
  stopGraceMs?: number;
  log?: (line: string) => void;
}

export interface LocalRuntime {
  apiUrl: string;
  eventsUrl: string;
  dynamodbEndpoint: string;
  /** How to reach this runtime's database: the data directory's own key and region for the embedded one. */
  dynamodbClientOptions: DynamoDbClientOptions;
  /** The embedded DynamoDB Local's current java PID (it changes when a dead one is restarted). */
  dynamodbPid(): number | undefined;
  dataDir: string;
  deadLetterPath: string;
  journalPath: string;
  /** Events taken back from the journal of a run that ended without finishing them. */
  eventsResumed: number;
  /** Events of the demo scenario loaded by this start (0 when they were loaded before or not wanted). */
  samplesLoaded: number;
  dispatcher: EventDispatcher;
  /**
   * Stops taking events, lets the ones in flight finish (up to stopGraceMs; the rest stay in the journal
   * for the next start), closes the servers and DynamoDB Local.
   */
  stop(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const state = new RuntimeStateFile(join(dataDir, 'runtime.json'));
  state.claim();
  const secrets = loadLocalSecrets(dataDir);

  const cleanups: (() => Promise<void>)[] = [async () => state.release()];
  const stopAll = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    // The embedded DynamoDB Local keeps one database per access key: the data directory's own key
    // keeps other local users out. An external endpoint is used as configured.
    const credentials: LocalDynamoDbCredentials = {
      accessKeyId: secrets.dynamodbAccessKeyId,
      secretAccessKey: 'local',
    };
    const embeddedOptions: EmbeddedDynamoDbOptions = {
      dataDir: options.inMemory ? undefined : join(dataDir, 'dynamodb'),
      credentials,
      pidFile: join(dataDir, 'dynamodb.pid'),
    };
    let embedded: EmbeddedDynamoDb | undefined;
    if (!options.dynamodbEndpoint) embedded = await startEmbeddedDynamoDb(embeddedOptions);
    const endpoint = options.dynamodbEndpoint ?? embedded!.endpoint;
    const clientOptions: DynamoDbClientOptions = embedded
      ? { endpoint, credentials, region: LOCAL_DYNAMODB_REGION }
      : { endpoint };
    const probeClient = createDynamoDbClient({ ...clientOptions, maxAttempts: 1, requestTimeoutMs: 2_000 });
    const supervisor = new DynamoDbSupervisor({
      probeClient,
      embedded: embedded && { instance: embedded, options: embeddedOptions },
      intervalMs: options.healthCheckIntervalMs,
      log,
      onRestarted: (instance) =>
        state.write({ ...state.read(), pid: process.pid, dynamodbPid: instance.pid }),
    });
    cleanups.push(async () => {
      await supervisor.stop();
      probeClient.destroy();
    });
    const client = createDynamoDbClient(clientOptions);
    cleanups.push(async () => client.destroy());
    const documentClient = createDocumentClient(client);
    const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
    await ensureTable(client, tableName);

    // Row changes go to the local bus as Inventory Resource Changed events, as the deployed stream
    // publisher puts them on the change bus; the bus starts below, so the notifier is bound then.
    // Not awaited by the ingest: the bus admits an event only when it has room, and an ingest that
    // holds a slot while waiting for room could wait forever. Failures are logged (the feed has them).
    let changeBus: ChangeNotifier | undefined;
    const publishing = new Set<Promise<void>>();
    const store = new IndexStore({
      client: documentClient,
      tableName,
      notifier: {
        notify: async (changes) => {
          if (!changeBus) return;
          const sending: Promise<void> = changeBus
            .notify(changes)
            .catch((error: unknown) => log(`publishing changes on the local bus failed: ${String(error)}`))
            .finally(() => publishing.delete(sending));
          publishing.add(sending);
        },
      },
    });
    const cloudFormationIngest = createCloudFormationIngestHandler({ store });
    const cloudTrailIngest = createCloudTrailIngestHandler({ store });
    const deadLetterPath = join(dataDir, 'dead-letters.jsonl');
    const journalPath = join(dataDir, 'bus-journal.log');
    const { journal, unfinished } = await EventJournal.open(journalPath);
    cleanups.push(() => journal.close());
    const dispatcher = new EventDispatcher({
      rules: RULES,
      matches: rulesMatching,
      targets: { 'cloudformation-ingest': cloudFormationIngest, 'cloudtrail-ingest': cloudTrailIngest },
      deadLetters: new DeadLetterFile(deadLetterPath),
      journal,
      retry: options.retry,
      maxInFlight: options.maxInFlight,
      maxAcceptWaitMs: options.maxAcceptWaitMs,
      onError: (message, details) => log(`${message}: ${JSON.stringify(details)}`),
    });

    const host = options.host ?? '127.0.0.1';
    const api: LocalHttpApi = await startLocalHttpApi({
      handler: createQueryApiHandler({
        store,
        readers: createQueryReaders({ client: documentClient, tableName }),
        cursorSecret: secrets.cursorSecret,
      }),
      port: options.port,
      host,
      allowedHost: options.allowedHost,
    });
    cleanups.push(() => api.close());
    const bus: LocalEventBus = await startLocalEventBus({
      dispatcher,
      port: options.eventsPort,
      host,
      allowedHost: options.allowedHost,
      redriveToken: secrets.redriveToken,
      account: LOCAL_ACCOUNT,
    });
    // Closing the bus first means no new event arrives while the in-flight ones drain.
    cleanups.push(async () => {
      await bus.close();
      const left = await dispatcher.stop(options.stopGraceMs);
      if (left > 0) log(`${left} events not finished stay in ${journalPath}; the next start delivers them`);
    });
    const eventBridge = new EventBridgeClient({
      endpoint: bus.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    changeBus = createEventBridgeChangeNotifier({ client: eventBridge, eventBusName: 'default' });
    // Runs before the bus closes (cleanups run last first): changes made while draining stay in the feed only.
    cleanups.push(async () => {
      changeBus = undefined;
      await Promise.allSettled([...publishing]);
      eventBridge.destroy();
    });

    // What a previous run accepted and never finished goes out first (it is already journaled).
    const resumed = unfinished.map(({ text }) => {
      const event = JSON.parse(text) as BusEvent;
      rememberEventText(event, text);
      return event;
    });
    if (resumed.length > 0)
      log(`delivering ${resumed.length} events a previous run accepted and did not finish`);
    await dispatcher.resume(resumed);

    const samplesLoaded = options.loadSamples
      ? await loadSamplesOnce(documentClient, tableName, dispatcher)
      : 0;
    state.write({
      pid: process.pid,
      apiUrl: api.url,
      eventsUrl: bus.url,
      dynamodbEndpoint: endpoint,
      dynamodbPid: supervisor.pid,
      tableName,
    });

    return {
      apiUrl: api.url,
      eventsUrl: bus.url,
      dynamodbEndpoint: endpoint,
      dynamodbClientOptions: clientOptions,
      dynamodbPid: () => supervisor.pid,
      dataDir,
      deadLetterPath,
      journalPath,
      eventsResumed: resumed.length,
      samplesLoaded,
      dispatcher,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    // A try that timed out may have created it before the SDK's retry asked again.
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
}

/**
 * Loads the demo scenario through the bus's own delivery path, once per table: a marker item in the
 * table itself records it, so a persisted index is not loaded twice and an in-memory one always is.
 */
async function loadSamplesOnce(
  client: DynamoDBDocumentClient,
  tableName: string,
  dispatcher: EventDispatcher,
): Promise<number> {
  const marker = { pk: 'META#samples', sk: 'LOADED' };
  const loaded = await client.send(
    new GetCommand({ TableName: tableName, Key: marker, ConsistentRead: true }),
  );
  if (loaded.Item) return 0;
  const events = JSON.parse(readFileSync(DEMO_SCENARIO_PATH, 'utf8')) as BusEvent[];
  for (const event of events) await dispatcher.accept(event);
  await dispatcher.drain();
  // Marked only once every event is in: an interrupted first start loads them again (idempotently).
  await client.send(
    new PutCommand({ TableName: tableName, Item: { ...marker, loadedAt: new Date().toISOString() } }),
  );
  return events.length;
}
