// The local dead-letter queue: one JSON line per event that a target failed to process after its
// last retry, with the error. Only the event dispatcher writes it; redrive rewrites it in place.
// A letter is written even for an event JSON.stringify cannot handle (see event-text.ts), and
// reaches the disk (fsync) before the write resolves; a failed write rejects, it is never dropped.
import { open, readFile, rename } from 'node:fs/promises';
import { eventText, rememberEventText } from './event-text';
import type { BusEvent } from './put-events-protocol';

export interface DeadLetter {
  event: BusEvent;
  rule: string;
  target: string;
  error: string;
  attempts: number;
  failedAt: string;
  /** Set when the event could not be written as it was: `event.detail` then holds a truncated preview. */
  serializationError?: string;
}

export interface RedriveBatch {
  /** Letters taken from the head of the file and tried again. */
  retried: number;
  /** Of those, the ones that failed again (put back at the end of the file). */
  failed: number;
  /** Letters in the file before this batch. */
  total: number;
}

/** Error messages can be long (a stack, a payload); a letter keeps their start. */
const MAX_ERROR_CHARS = 4_096;

export class DeadLetterFile {
  /** Appends and rewrites run one after another, so a redrive never loses a concurrent append. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  append(letter: DeadLetter): Promise<void> {
    return this.serialize(() => writeDurably(this.path, 'a', letterLine(letter)));
  }

  async readAll(): Promise<DeadLetter[]> {
    return (await this.readLines()).letters;
  }

  /**
   * Takes up to `limit` letters from the head of the file, runs `retry` on them, and puts the ones that
   * failed again at the end (after any appended meanwhile), atomically. Batches from the head, counted
   * against the first batch's `total`, go through a file exactly once however large it is.
   */
  redriveBatch(
    limit: number,
    retry: (letters: DeadLetter[]) => Promise<DeadLetter[]>,
  ): Promise<RedriveBatch> {
    return this.serialize(async () => {
      const { letters, unreadable } = await this.readLines();
      const batch = letters.slice(0, limit);
      const stillFailing = await retry(batch);
      const kept = [...letters.slice(batch.length), ...stillFailing].map(letterLine);
      const temporary = `${this.path}.${process.pid}.tmp`;
      // Lines this version cannot read are kept, at the end, for a person to look at.
      await writeDurably(temporary, 'w', [...kept, ...unreadable.map((line) => `${line}\n`)].join(''));
      await rename(temporary, this.path);
      return { retried: batch.length, failed: stillFailing.length, total: letters.length };
    });
  }

  private async readLines(): Promise<{ letters: DeadLetter[]; unreadable: string[] }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { letters: [], unreadable: [] };
      throw error;
    }
    const letters: DeadLetter[] = [];
    const unreadable: string[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const letter = parseLetter(line);
      if (letter) letters.push(letter);
      else unreadable.push(line);
    }
    return { letters, unreadable };
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** The letter's fields first and the event's own text last, so the event is never re-serialised. */
function letterLine(letter: DeadLetter): string {
  const { event, ...fields } = letter;
  const { text, serializationError } = eventText(event);
  const meta = {
    ...fields,
    error: fields.error.slice(0, MAX_ERROR_CHARS),
    ...(serializationError ? { serializationError } : {}),
  };
  return `${metaPrefix(meta)}${text}}\n`;
}

function metaPrefix(meta: Omit<DeadLetter, 'event'>): string {
  return `${JSON.stringify(meta).slice(0, -1)},"event":`;
}

function parseLetter(line: string): DeadLetter | undefined {
  let letter: DeadLetter;
  try {
    letter = JSON.parse(line) as DeadLetter;
  } catch {
    return undefined;
  }
  if (letter === null || typeof letter !== 'object' || typeof letter.event !== 'object') return undefined;
  // Keep the event's text from the line, so a redrive that fails again writes back exactly what it read.
  const { event: _event, ...meta } = letter;
  const prefix = metaPrefix(meta);
  if (line.startsWith(prefix) && line.endsWith('}')) {
    rememberEventText(letter.event, line.slice(prefix.length, -1));
  }
  return letter;
}

async function writeDurably(path: string, flag: 'a' | 'w', text: string): Promise<void> {
  const handle = await open(path, flag, 0o600);
  try {
    await handle.write(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
