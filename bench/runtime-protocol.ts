// The messages between the benchmark and its runtime child (runtime-server.ts), over Node IPC.
import type { DispatchStats } from '../shared/local/event-dispatcher';
import type { LatencySummary } from './latency-summary';

export interface RuntimeServerConfig {
  dynamodbEndpoint: string;
  tableName: string;
  /** Dispatcher concurrency; the runtime's default when absent. */
  maxInFlight?: number;
}

export type RuntimeRequest =
  | { id: number; type: 'stats' | 'reset' | 'drain' | 'stop' | 'profile-start' }
  /** Stops the CPU profile started by `profile-start` and writes it (a .cpuprofile) to `path`. */
  | { id: number; type: 'profile-stop'; path: string };

export interface RuntimeStats {
  /** DynamoDB requests sent since the last reset, by operation (PutItem, Query, ...). */
  dynamodbRequests: Record<string, number>;
  /** Their latency as the runtime saw it (request sent -> response headers), since the last reset. */
  dynamodbLatencyMs: LatencySummary;
  dispatch: DispatchStats;
  /** DynamoDB capacity the store's requests consumed (indexes included) since the last reset. */
  consumedCapacity: { read: number; write: number };
  /** process.resourceUsage().maxRSS, in bytes. */
  maxRssBytes: number;
  rssBytes: number;
}

export type RuntimeMessage =
  | { type: 'ready'; apiUrl: string; eventsUrl: string; pid: number }
  | { type: 'reply'; id: number; stats?: RuntimeStats; error?: string };
