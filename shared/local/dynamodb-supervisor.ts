// Keeps the store reachable while the local runtime runs: probes DynamoDB every few seconds, restarts
// an embedded DynamoDB Local that exited or stopped answering (same port, same files), and says so
// clearly when it cannot. Meanwhile queries answer 503 and events wait in the journal and retries.
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startEmbeddedDynamoDb } from './embedded-dynamodb';
import type { EmbeddedDynamoDb, EmbeddedDynamoDbOptions } from './embedded-dynamodb';

export interface DynamoDbSupervisorOptions {
  /** The client whose reachability counts (a short timeout, one attempt). */
  probeClient: DynamoDBClient;
  /** The embedded DynamoDB Local to restart, with the options it was started with; absent: external. */
  embedded?: { instance: EmbeddedDynamoDb; options: EmbeddedDynamoDbOptions };
  intervalMs?: number;
  /** Failed probes in a row before an embedded DynamoDB Local is killed and started again. */
  failuresBeforeRestart?: number;
  log: (line: string) => void;
  /** Told the new PID after a restart (the runtime records it in its state file). */
  onRestarted?: (instance: EmbeddedDynamoDb) => void;
}

export class DynamoDbSupervisor {
  private instance: EmbeddedDynamoDb | undefined;
  private readonly timer: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;
  private probing = false;
  private restarting: Promise<void> | undefined;
  /** The current instance's process has exited (a failed restart leaves it so until the next try). */
  private exited = false;
  /** False from a failed probe until one succeeds. */
  healthy = true;
  restarts = 0;

  constructor(private readonly options: DynamoDbSupervisorOptions) {
    this.instance = options.embedded?.instance;
    if (this.instance) this.watch(this.instance);
    this.timer = setInterval(() => void this.probe(), options.intervalMs ?? 5_000);
    this.timer.unref();
  }

  get pid(): number | undefined {
    return this.instance?.pid;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.restarting;
    await this.instance?.stop();
  }

  private watch(instance: EmbeddedDynamoDb): void {
    this.exited = false;
    void instance.exited.then((code) => {
      if (this.stopped || instance !== this.instance) return;
      this.exited = true;
      this.healthy = false;
      this.options.log(
        `DynamoDB Local (PID ${instance.pid}) exited (code ${code}); restarting it. ` +
          `Until it is back, queries answer 503 and events wait in the journal.\n${instance.output().slice(-2_000)}`,
      );
      this.restart();
    });
  }

  private async probe(): Promise<void> {
    if (this.probing || this.stopped || this.restarting) return;
    this.probing = true;
    try {
      await this.options.probeClient.send(new ListTablesCommand({ Limit: 1 }));
      if (!this.healthy) this.options.log('DynamoDB answers again');
      this.healthy = true;
      this.failures = 0;
    } catch (error) {
      this.failures++;
      if (this.healthy) {
        this.options.log(
          `DynamoDB does not answer: ${(error as Error).message}; queries answer 503 until it does`,
        );
      }
      this.healthy = false;
      const limit = this.options.failuresBeforeRestart ?? 3;
      if (this.instance && this.exited) {
        this.restart();
      } else if (this.instance && this.failures >= limit) {
        this.options.log(
          `DynamoDB Local (PID ${this.instance.pid}) failed ${this.failures} checks: restarting it`,
        );
        this.failures = 0;
        // Its exit hands over to watch(), which restarts it.
        await this.instance.stop();
      }
    } finally {
      this.probing = false;
    }
  }

  private restart(): void {
    const embedded = this.options.embedded;
    if (!embedded || this.restarting) return;
    this.restarting = (async () => {
      try {
        const instance = await startEmbeddedDynamoDb({ ...embedded.options, port: this.instance?.port });
        if (this.stopped) {
          await instance.stop();
          return;
        }
        this.instance = instance;
        this.restarts++;
        this.healthy = true;
        this.watch(instance);
        this.options.log(`DynamoDB Local restarted (PID ${instance.pid})`);
        this.options.onRestarted?.(instance);
      } catch (error) {
        this.options.log(
          `DynamoDB Local could not be restarted: ${(error as Error).message.split('\n')[0]}. ` +
            `Queries answer 503 and events wait; stop npm start (Ctrl-C) and start it again.`,
        );
      } finally {
        this.restarting = undefined;
      }
    })();
  }
}
