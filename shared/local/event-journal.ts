// The local bus's write-ahead journal (`<data dir>/bus-journal.log`): every event PutEvents accepts is
// appended and fsync'd before the caller gets its EventId, and marked done once delivered or
// dead-lettered. After a crash (kill -9) the next start reads back the events not marked done and
// delivers them again (handlers are idempotent by event id, so a repeat is harmless).
// Lines: `A <event JSON>` (accepted) and `D <event id>` (done).
import { open, readFile, rename } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** With nothing pending, a journal larger than this is truncated. */
const TRUNCATE_WHEN_IDLE_BYTES = 1024 * 1024;
/** Under steady load nothing may be idle: past this size the journal is rewritten with the pending only. */
const REWRITE_BYTES = 64 * 1024 * 1024;

export interface JournaledEvent {
  id: string;
  /** The event as one line of JSON (see event-text.ts). */
  text: string;
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class EventJournal {
  private handle: FileHandle;
  private bytes: number;
  /** Accepted and not yet done, in acceptance order: what a rewrite keeps. */
  private readonly pending = new Map<string, string>();
  private buffer: string[] = [];
  private durable = false;
  private waiters: Waiter[] = [];
  private flushing = false;

  private constructor(
    readonly path: string,
    handle: FileHandle,
    bytes: number,
  ) {
    this.handle = handle;
    this.bytes = bytes;
  }

  /**
   * Opens the journal, returning with it the events a previous run accepted and never finished (in
   * the order they were accepted). They stay pending until `finish` is called for each.
   */
  static async open(path: string): Promise<{ journal: EventJournal; unfinished: JournaledEvent[] }> {
    const unfinished = await readUnfinished(path);
    // Start from a compact file holding only what is still owed.
    const text = unfinished.map((event) => `A ${event.text}\n`).join('');
    const temporary = `${path}.${process.pid}.tmp`;
    const fresh = await open(temporary, 'w', 0o600);
    try {
      await fresh.write(text);
      await fresh.datasync();
    } finally {
      await fresh.close();
    }
    await rename(temporary, path);
    const journal = new EventJournal(path, await open(path, 'a', 0o600), Buffer.byteLength(text));
    for (const event of unfinished) journal.pending.set(event.id, event.text);
    return { journal, unfinished };
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Resolves once the events are on disk (fsync'd); rejects if they could not be written. */
  record(events: readonly JournaledEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    for (const event of events) this.pending.set(event.id, event.text);
    return this.write(events.map((event) => `A ${event.text}\n`).join(''), true).catch((error: unknown) => {
      for (const event of events) this.pending.delete(event.id);
      throw error;
    });
  }

  /**
   * Marks an event delivered or dead-lettered. Not fsync'd: if the mark is lost in a crash the event
   * is delivered once more, which idempotent handlers absorb.
   */
  finish(id: string): Promise<void> {
    if (!this.pending.delete(id)) return Promise.resolve();
    return this.write(`D ${id}\n`, false);
  }

  async close(): Promise<void> {
    while (this.flushing || this.buffer.length > 0) await this.write('', false);
    await this.handle.close();
  }

  /** Group commit: writes issued while a flush runs go out together in the next one, with one fsync. */
  private write(text: string, durable: boolean): Promise<void> {
    if (text !== '') this.buffer.push(text);
    this.durable ||= durable;
    const written = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) void this.flush();
    return written;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiters.length > 0) {
        const text = this.buffer.join('');
        const durable = this.durable;
        const waiters = this.waiters;
        this.buffer = [];
        this.durable = false;
        this.waiters = [];
        try {
          if (text !== '') {
            await this.handle.write(text);
            this.bytes += Buffer.byteLength(text);
          }
          if (durable) await this.handle.datasync();
          await this.compact();
          for (const waiter of waiters) waiter.resolve();
        } catch (error) {
          for (const waiter of waiters) waiter.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async compact(): Promise<void> {
    if (this.pending.size === 0 && this.bytes > TRUNCATE_WHEN_IDLE_BYTES) {
      await this.handle.truncate(0);
      await this.handle.datasync();
      this.bytes = 0;
      return;
    }
    if (this.bytes <= REWRITE_BYTES) return;
    const text = [...this.pending.values()].map((line) => `A ${line}\n`).join('');
    const temporary = `${this.path}.${process.pid}.tmp`;
    const fresh = await open(temporary, 'w', 0o600);
    try {
      await fresh.write(text);
      await fresh.datasync();
    } finally {
      await fresh.close();
    }
    await rename(temporary, this.path);
    await this.handle.close();
    this.handle = await open(this.path, 'a', 0o600);
    this.bytes = Buffer.byteLength(text);
  }
}

/** Accepted lines without a done line; a torn last line (a crash mid-write) is ignored. */
async function readUnfinished(path: string): Promise<JournaledEvent[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const accepted = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('D ')) {
      accepted.delete(line.slice(2));
    } else if (line.startsWith('A ')) {
      const id = eventIdOf(line.slice(2));
      if (id !== undefined) accepted.set(id, line.slice(2));
    }
  }
  return [...accepted].map(([id, eventText]) => ({ id, text: eventText }));
}

function eventIdOf(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
