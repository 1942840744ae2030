// `<data dir>/runtime.json`: which process serves a data directory and on which URLs, so a second
// `npm start` on the same directory is refused and `npm run redrive` / `replay` find the bus.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isProcessAlive } from './process-alive';

export interface RuntimeState {
  pid: number;
  apiUrl?: string;
  eventsUrl?: string;
  dynamodbEndpoint?: string;
  /** The embedded DynamoDB Local's java process, when this runtime started one. */
  dynamodbPid?: number;
  tableName?: string;
}

export class RuntimeStateFile {
  constructor(readonly path: string) {}

  read(): RuntimeState | undefined {
    try {
      const state = JSON.parse(readFileSync(this.path, 'utf8')) as RuntimeState;
      return isProcessAlive(state.pid) ? state : undefined;
    } catch {
      return undefined;
    }
  }

  /** Refuses a data directory another live process serves; takes over one left by a dead process. */
  claim(): void {
    const mine = `${JSON.stringify({ pid: process.pid }, null, 2)}\n`;
    try {
      // Exclusive create: of two starts racing for a free directory, only one gets the file.
      writeFileSync(this.path, mine, { encoding: 'utf8', flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = this.read();
    if (current && current.pid !== process.pid) {
      throw new Error(
        `Another inventory (PID ${current.pid}) is running on this data directory; stop it or choose another --data-dir.`,
      );
    }
    // Left by a process that is gone (or by this one): take it over.
    this.write({ pid: process.pid });
  }

  write(state: RuntimeState): void {
    writeFileSync(this.path, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  }

  release(): void {
    if (this.read()?.pid === process.pid) rmSync(this.path, { force: true });
  }
}

/** The local bus to talk to: the one serving `dataDir` if it runs, else the default port's. */
export function localEventsUrl(dataDir: string): string {
  const running = new RuntimeStateFile(`${dataDir.replace(/\/$/, '')}/runtime.json`).read();
  return running?.eventsUrl ?? `http://127.0.0.1:${process.env.EVENTS_PORT || 3001}`;
}
