// The local bus's delivery: matches each event against the shared rule patterns, hands it to the
// rule's target in-process, retries failures with backoff, and dead-letters what still fails.
// In-flight work is bounded: `accept` waits for room, which is what holds PutEvents callers back.
import type { RuleDefinition } from '../rules/rule-definition';
import type { RuleTarget } from '../rules/rule-definition';
import type { DeadLetter, DeadLetterFile } from './dead-letter-file';
import type { BusEvent } from './put-events-protocol';

export type BusTarget = (event: BusEvent) => Promise<unknown>;

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface EventDispatcherOptions {
  rules: readonly RuleDefinition[];
  matches: (event: BusEvent, rules: readonly RuleDefinition[]) => RuleDefinition[];
  targets: Record<RuleTarget, BusTarget>;
  deadLetters: DeadLetterFile;
  maxInFlight?: number;
  retry?: Partial<RetryPolicy>;
  onError?: (message: string, details: Record<string, unknown>) => void;
}

export interface DispatchStats {
  accepted: number;
  unmatched: number;
  delivered: number;
  retried: number;
  deadLettered: number;
  inFlight: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 2_000 };

export class EventDispatcher {
  private readonly retry: RetryPolicy;
  private readonly maxInFlight: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly waitingForRoom: (() => void)[] = [];
  readonly stats: DispatchStats = {
    accepted: 0,
    unmatched: 0,
    delivered: 0,
    retried: 0,
    deadLettered: 0,
    inFlight: 0,
  };

  constructor(private readonly options: EventDispatcherOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.maxInFlight = options.maxInFlight ?? 64;
  }

  /** Resolves once the event is taken in (not processed); waits while the bus is at capacity. */
  async accept(event: BusEvent): Promise<void> {
    while (this.inFlight.size >= this.maxInFlight) {
      await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
    }
    this.stats.accepted++;
    const rules = this.options.matches(event, this.options.rules);
    if (rules.length === 0) {
      this.stats.unmatched++;
      // It took no slot: pass the wake-up on, or a waiter behind it would wait forever.
      this.waitingForRoom.shift()?.();
      return;
    }
    const work = Promise.all(rules.map((rule) => this.deliver(event, rule))).then(() => undefined);
    this.inFlight.add(work);
    this.stats.inFlight = this.inFlight.size;
    void work
      .catch((error: unknown) =>
        this.options.onError?.('event lost: delivery failed outside the handler', {
          eventId: event.id,
          error: (error as Error).message,
        }),
      )
      .finally(() => {
        this.inFlight.delete(work);
        this.stats.inFlight = this.inFlight.size;
        this.waitingForRoom.shift()?.();
      });
  }

  /** Waits until every accepted event has been delivered or dead-lettered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Re-delivers every dead letter once more (with retries); keeps in the file only what fails again. */
  async redrive(): Promise<{ retried: number; failed: number }> {
    return this.options.deadLetters.drainWith(async (letters) => {
      const failedAgain: DeadLetter[] = [];
      for (const letter of letters) {
        const target = this.options.targets[letter.target as RuleTarget];
        const error = target
          ? await this.tryWithRetries(target, letter.event)
          : `unknown target ${letter.target}`;
        if (error !== undefined) {
          failedAgain.push({
            ...letter,
            error,
            attempts: letter.attempts + this.retry.attempts,
            failedAt: new Date().toISOString(),
          });
        }
      }
      return failedAgain;
    });
  }

  private async deliver(event: BusEvent, rule: RuleDefinition): Promise<void> {
    const error = await this.tryWithRetries(this.options.targets[rule.target], event);
    if (error === undefined) {
      this.stats.delivered++;
      return;
    }
    this.stats.deadLettered++;
    this.options.onError?.('event dead-lettered after its last try', {
      eventId: event.id,
      rule: rule.name,
      error,
    });
    await this.options.deadLetters.append({
      event,
      rule: rule.name,
      target: rule.target,
      error,
      attempts: this.retry.attempts,
      failedAt: new Date().toISOString(),
    });
  }

  /** Undefined on success, else the last error's message. */
  private async tryWithRetries(target: BusTarget, event: BusEvent): Promise<string | undefined> {
    let lastError = '';
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      if (attempt > 0) {
        this.stats.retried++;
        const cap = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, cap / 2 + (Math.random() * cap) / 2));
      }
      try {
        await target(event);
        return undefined;
      } catch (error) {
        lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
    return lastError;
  }
}
