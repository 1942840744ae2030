// The local dead-letter queue: one JSON line per event that a target failed to process after its
// last retry, with the error. Only the event dispatcher writes it; redrive rewrites it in place.
import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import type { BusEvent } from './put-events-protocol';

export interface DeadLetter {
  event: BusEvent;
  rule: string;
  target: string;
  error: string;
  attempts: number;
  failedAt: string;
}

export class DeadLetterFile {
  /** Appends and rewrites run one after another, so a redrive never loses a concurrent append. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  append(letter: DeadLetter): Promise<void> {
    return this.serialize(() => appendFile(this.path, `${JSON.stringify(letter)}\n`, 'utf8'));
  }

  async readAll(): Promise<DeadLetter[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as DeadLetter);
  }

  /**
   * Takes every letter out, runs `retry` on them, and puts back the ones that failed again (plus any
   * appended meanwhile), atomically.
   */
  drainWith(
    retry: (letters: DeadLetter[]) => Promise<DeadLetter[]>,
  ): Promise<{ retried: number; failed: number }> {
    return this.serialize(async () => {
      const letters = await this.readAll();
      const stillFailing = await retry(letters);
      const temporary = `${this.path}.${process.pid}.tmp`;
      await writeFile(
        temporary,
        stillFailing.map((letter) => `${JSON.stringify(letter)}\n`).join(''),
        'utf8',
      );
      await rename(temporary, this.path);
      return { retried: letters.length, failed: stillFailing.length };
    });
  }

  private serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
