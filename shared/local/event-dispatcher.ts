// The local bus's delivery: matches each event against the shared rule patterns, journals it (so a
// crash loses nothing accepted), hands it to the rule's target in-process, retries failures with a
// long exponential backoff like the deployed rules, and dead-letters what still fails.
// In-flight work is bounded: a PutEvents caller waits a bounded time for room, then is throttled.
import { setMaxListeners } from 'node:events';
import type { RuleDefinition } from '../rules/rule-definition';
import type { RuleTarget } from '../rules/rule-definition';
import type { DeadLetter, DeadLetterFile, RedriveBatch } from './dead-letter-file';
import type { EventJournal } from './event-journal';
import { eventText } from './event-text';
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
  /** Where accepted events are kept until done; without one a crash loses the events in flight. */
  journal?: EventJournal;
  maxInFlight?: number;
  /** How long a PutEvents request may wait for room before it is throttled. */
  maxAcceptWaitMs?: number;
  /** Requests allowed to wait at once; more are throttled at once (each holds its body in memory). */
  maxWaitingRequests?: number;
  retry?: Partial<RetryPolicy>;
  /** Tries per letter when redriving (a store still down should not hold a redrive for minutes). */
  redriveRetry?: Partial<RetryPolicy>;
  onError?: (message: string, details: Record<string, unknown>) => void;
}

export interface DispatchStats {
  accepted: number;
  unmatched: number;
  delivered: number;
  retried: number;
  deadLettered: number;
  inFlight: number;
  throttled: number;
  /** Dead letters that could not be written (each is retried; the event stays in the journal). */
  deadLetterWriteFailures: number;
}

/** The outcome of one entry, in EventBridge's entry error codes. */
export type AcceptOutcome =
  { accepted: true } | { accepted: false; code: 'ThrottlingException' | 'InternalFailure'; message: string };

/**
 * The deployed rules retry 20 times over up to 6 hours; locally 21 tries with delays doubling from
 * 1 s to a 60 s cap span about 15 minutes: long enough to ride out a DynamoDB Local restart.
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 21, baseDelayMs: 1_000, maxDelayMs: 60_000 };
const DEFAULT_REDRIVE_RETRY: RetryPolicy = { attempts: 2, baseDelayMs: 200, maxDelayMs: 1_000 };
/** Long enough for a replay to ride out a busy laptop, short of an HTTP client's patience. */
export const DEFAULT_MAX_ACCEPT_WAIT_MS = 15_000;

const STOPPING = Symbol('stopping');

export class EventDispatcher {
  private readonly retry: RetryPolicy;
  private readonly redriveRetry: RetryPolicy;
  private readonly maxInFlight: number;
  private readonly maxAcceptWaitMs: number;
  private readonly maxWaitingRequests: number;
  private readonly inFlight = new Set<Promise<void>>();
  /** Slots taken: events being delivered plus those of requests being journaled. */
  private busy = 0;
  private readonly wakeUps = new Set<() => void>();
  /** Requests waiting for their turn to reserve slots, and whether one is reserving now. */
  private readonly turnQueue: (() => void)[] = [];
  private turnTaken = false;
  private readonly stopping = new AbortController();
  /** Set while the dead-letter file cannot be written; new events are refused meanwhile. */
  private deadLetterError: string | undefined;
  readonly stats: DispatchStats = {
    accepted: 0,
    unmatched: 0,
    delivered: 0,
    retried: 0,
    deadLettered: 0,
    inFlight: 0,
    throttled: 0,
    deadLetterWriteFailures: 0,
  };

  constructor(private readonly options: EventDispatcherOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.redriveRetry = { ...DEFAULT_REDRIVE_RETRY, ...options.redriveRetry };
    this.maxInFlight = options.maxInFlight ?? 64;
    this.maxAcceptWaitMs = options.maxAcceptWaitMs ?? DEFAULT_MAX_ACCEPT_WAIT_MS;
    this.maxWaitingRequests = options.maxWaitingRequests ?? 256;
    // Every event waiting between retries listens for the stop: as many as there are slots.
    setMaxListeners(0, this.stopping.signal);
  }

  /** Why new events are refused, if they are (the dead-letter file cannot be written). */
  get unhealthy(): string | undefined {
    return this.deadLetterError;
  }

  /**
   * Takes in the events of one request: waits (at most maxAcceptWaitMs) until there is room for all
   * of them, journals them durably, then starts delivering them. Resolves per event; an event is
   * accepted only once it is on disk. Unmatched events are accepted and dropped, as on AWS.
   */
  async acceptBatch(events: readonly BusEvent[], maxWaitMs = this.maxAcceptWaitMs): Promise<AcceptOutcome[]> {
    const routed = events.map((event) => ({ event, rules: this.options.matches(event, this.options.rules) }));
    const matched = routed.filter((entry) => entry.rules.length > 0);
    const refuse = (code: 'ThrottlingException' | 'InternalFailure', message: string) =>
      routed.map((entry): AcceptOutcome =>
        entry.rules.length > 0 ? { accepted: false, code, message } : this.acceptedUnmatched(),
      );
    if (matched.length === 0) return refuse('InternalFailure', '');
    if (this.stopping.signal.aborted) return refuse('InternalFailure', 'The bus is stopping.');
    if (this.deadLetterError !== undefined) {
      return refuse('InternalFailure', `The bus cannot write dead letters: ${this.deadLetterError}`);
    }
    if (!(await this.reserve(matched.length, maxWaitMs))) {
      this.stats.throttled += matched.length;
      return refuse('ThrottlingException', 'Rate exceeded: the local bus is at capacity.');
    }
    try {
      await this.options.journal?.record(
        matched.map(({ event }) => ({ id: event.id, text: eventText(event).text })),
      );
    } catch (error) {
      this.release(matched.length);
      this.options.onError?.('events refused: the journal could not be written', {
        error: (error as Error).message,
      });
      return refuse('InternalFailure', `The bus could not journal the event: ${(error as Error).message}`);
    }
    for (const { event, rules } of matched) this.startDelivery(event, rules);
    return routed.map((entry) => (entry.rules.length > 0 ? { accepted: true } : this.acceptedUnmatched()));
  }

  /** One event, waiting as long as it takes for room (the demo scenario, tests). */
  async accept(event: BusEvent): Promise<void> {
    const [outcome] = await this.acceptBatch([event], Number.POSITIVE_INFINITY);
    if (!outcome.accepted) throw new Error(`event ${event.id} refused: ${outcome.message}`);
  }

  /** Delivers again events a previous run journaled and never finished (they are in the journal). */
  async resume(events: readonly BusEvent[]): Promise<void> {
    for (const event of events) {
      const rules = this.options.matches(event, this.options.rules);
      if (rules.length === 0) {
        await this.options.journal?.finish(event.id);
        continue;
      }
      if (!(await this.reserve(1, Number.POSITIVE_INFINITY))) return;
      this.startDelivery(event, rules);
    }
  }

  /** Waits until every accepted event has been delivered or dead-lettered (or given up at stop). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /**
   * Stops taking events; lets the ones in flight finish for up to `graceMs`, then ends their waits
   * between retries. What is left unfinished stays in the journal for the next start.
   * Resolves to the number of events left for the next start.
   */
  async stop(graceMs = 5_000): Promise<number> {
    const graceful = await Promise.race([
      this.drain().then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
    ]);
    this.stopping.abort();
    for (const wake of [...this.wakeUps]) wake();
    if (!graceful) await this.drain();
    return this.options.journal?.pendingCount ?? 0;
  }

  /**
   * Re-delivers up to `limit` dead letters from the head of the file (a few tries each); the ones
   * that fail again go back at the end. `total` is the file's size before the batch.
   */
  async redrive(limit = Number.POSITIVE_INFINITY): Promise<RedriveBatch> {
    return this.options.deadLetters.redriveBatch(limit, async (letters) => {
      const failedAgain: DeadLetter[] = [];
      for (const letter of letters) {
        const target = this.options.targets[letter.target as RuleTarget];
        const outcome = target
          ? await this.tryWithRetries(target, letter.event, this.redriveRetry)
          : { error: `unknown target ${letter.target}` };
        if (outcome !== undefined) {
          failedAgain.push({
            ...letter,
            error: outcome === STOPPING ? letter.error : outcome.error,
            attempts: letter.attempts + (outcome === STOPPING ? 0 : this.redriveRetry.attempts),
            failedAt: new Date().toISOString(),
          });
        }
      }
      return failedAgain;
    });
  }

  private acceptedUnmatched(): AcceptOutcome {
    this.stats.accepted++;
    this.stats.unmatched++;
    return { accepted: true };
  }

  /**
   * Takes `count` slots one by one as deliveries free them, waiting up to `maxWaitMs` in all; on time
   * out it gives back what it took. One request reserves at a time (first come, first served), so two
   * half-served requests can never wait on each other. A request larger than the bus may go over it
   * once it holds every slot.
   */
  private async reserve(count: number, maxWaitMs: number): Promise<boolean> {
    const deadline = Date.now() + maxWaitMs;
    if (!(await this.takeTurn(deadline))) return false;
    let held = 0;
    try {
      while (held < count) {
        if (this.busy < this.maxInFlight || held >= this.maxInFlight) {
          this.busy++;
          held++;
          continue;
        }
        if (this.stopping.signal.aborted || !(await this.waitForWakeUp(deadline))) {
          this.release(held);
          return false;
        }
      }
      return true;
    } finally {
      this.passTurn();
    }
  }

  /** Waits (until `deadline`) for this request's turn to reserve; false when the wait runs out. */
  private async takeTurn(deadline: number): Promise<boolean> {
    if (!this.turnTaken) {
      this.turnTaken = true;
      return true;
    }
    if (this.turnQueue.length >= this.maxWaitingRequests) return false;
    return new Promise<boolean>((resolve) => {
      const left = deadline - Date.now();
      const timer = Number.isFinite(left) ? setTimeout(() => giveUp(), Math.max(0, left)) : undefined;
      const granted = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const giveUp = () => {
        const at = this.turnQueue.indexOf(granted);
        if (at >= 0) this.turnQueue.splice(at, 1);
        resolve(false);
      };
      this.turnQueue.push(granted);
    });
  }

  private passTurn(): void {
    const next = this.turnQueue.shift();
    if (next) next();
    else this.turnTaken = false;
  }

  /** Waits for a freed slot (or the stop) until `deadline`; false when the deadline passed first. */
  private async waitForWakeUp(deadline: number): Promise<boolean> {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakeUps.delete(wake);
        resolve();
      };
      const timer = Number.isFinite(left) ? setTimeout(wake, left) : undefined;
      this.wakeUps.add(wake);
    });
    return !this.stopping.signal.aborted;
  }

  private release(count: number): void {
    this.busy -= count;
    for (const wake of [...this.wakeUps]) wake();
  }

  private startDelivery(event: BusEvent, rules: RuleDefinition[]): void {
    this.stats.accepted++;
    const work = this.deliver(event, rules);
    this.inFlight.add(work);
    this.stats.inFlight = this.inFlight.size;
    void work.finally(() => {
      this.inFlight.delete(work);
      this.stats.inFlight = this.inFlight.size;
      this.release(1);
    });
  }

  /** Never rejects: every failure is counted, reported, and leaves the event in the journal. */
  private async deliver(event: BusEvent, rules: RuleDefinition[]): Promise<void> {
    try {
      const outcomes = await Promise.all(rules.map((rule) => this.deliverToRule(event, rule)));
      if (outcomes.every((done) => done)) await this.options.journal?.finish(event.id);
    } catch (error) {
      this.options.onError?.('event kept in the journal: its delivery could not be recorded', {
        eventId: event.id,
        error: (error as Error).message,
      });
    }
  }

  /** True once delivered or dead-lettered; false when given up because the bus is stopping. */
  private async deliverToRule(event: BusEvent, rule: RuleDefinition): Promise<boolean> {
    const outcome = await this.tryWithRetries(this.options.targets[rule.target], event, this.retry);
    if (outcome === STOPPING) return false;
    if (outcome === undefined) {
      this.stats.delivered++;
      return true;
    }
    this.stats.deadLettered++;
    this.options.onError?.('event dead-lettered after its last try', {
      eventId: event.id,
      rule: rule.name,
      error: outcome.error,
    });
    const letter: DeadLetter = {
      event,
      rule: rule.name,
      target: rule.target,
      error: outcome.error,
      attempts: this.retry.attempts,
      failedAt: new Date().toISOString(),
    };
    // A dead letter that cannot be written is not dropped: the bus refuses new events until it can
    // write again, and this one is retried (it stays in the journal should the process end first).
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.deadLetters.append(letter);
        this.deadLetterError = undefined;
        return true;
      } catch (error) {
        this.stats.deadLetterWriteFailures++;
        this.deadLetterError = (error as Error).message;
        this.options.onError?.('dead letter could not be written; refusing new events until it can', {
          eventId: event.id,
          path: this.options.deadLetters.path,
          error: this.deadLetterError,
        });
        if (!(await this.sleep(this.delayBefore(attempt, this.retry)))) return false;
      }
    }
  }

  /** Undefined on success, STOPPING if the bus stopped between tries, else the last error. */
  private async tryWithRetries(
    target: BusTarget,
    event: BusEvent,
    policy: RetryPolicy,
  ): Promise<{ error: string } | typeof STOPPING | undefined> {
    let lastError = '';
    for (let attempt = 0; attempt < policy.attempts; attempt++) {
      if (attempt > 0) {
        this.stats.retried++;
        if (!(await this.sleep(this.delayBefore(attempt, policy)))) return STOPPING;
      }
      try {
        await target(event);
        return undefined;
      } catch (error) {
        lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
    return { error: lastError };
  }

  /** Exponential with a cap, "equal jitter": between half and all of base * 2^(attempt-1). */
  private delayBefore(attempt: number, policy: RetryPolicy): number {
    const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return cap / 2 + (Math.random() * cap) / 2;
  }

  /** False when the bus started stopping instead. */
  private sleep(ms: number): Promise<boolean> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
