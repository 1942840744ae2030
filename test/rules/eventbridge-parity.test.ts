// Opt-in: asks the real EventBridge (TestEventPattern) for the verdict on every case of the shared
// table and expects the local matcher's. Runs only with RUN_EVENTBRIDGE_PARITY=1 and AWS credentials
// (AWS_ACCESS_KEY_ID, or a profile); it reads nothing and creates nothing in the account, and
// TestEventPattern is free. Region: AWS_REGION, else us-east-1.
//   RUN_EVENTBRIDGE_PARITY=1 AWS_PROFILE=dev npx jest test/rules/eventbridge-parity.test.ts
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { compileEventPattern } from '../../shared/rules/compile-event-pattern';
import { PATTERN_CASES, awsEvent } from './event-pattern-cases';
import type { PatternCase } from './event-pattern-cases';

function credentialsConfigured(): boolean {
  if (process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE) return true;
  const awsDirectory = join(homedir(), '.aws');
  return [
    process.env.AWS_SHARED_CREDENTIALS_FILE ?? join(awsDirectory, 'credentials'),
    process.env.AWS_CONFIG_FILE ?? join(awsDirectory, 'config'),
  ].some((file) => existsSync(file));
}

const enabled = process.env.RUN_EVENTBRIDGE_PARITY === '1' && credentialsConfigured();

type Verdict = { matches: boolean } | { refused: string };

/** What EventBridge says of a case: its match verdict, or the reason it refuses the pattern. */
async function eventBridgeVerdict(client: EventBridgeClient, c: PatternCase): Promise<Verdict> {
  const event = c.kind === 'match' ? c.event : awsEvent({});
  try {
    const { Result } = await client.send(
      new TestEventPatternCommand({ EventPattern: JSON.stringify(c.pattern), Event: JSON.stringify(event) }),
    );
    return { matches: Result === true };
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidEventPatternException')
      return { refused: error.message };
    throw error;
  }
}

function localVerdict(c: PatternCase): Verdict {
  try {
    const compiled = compileEventPattern(c.pattern);
    return { matches: compiled.matches(c.kind === 'match' ? c.event : awsEvent({})) };
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidEventPatternException')
      return { refused: error.message };
    throw error;
  }
}

(enabled ? describe : describe.skip)('EventBridge TestEventPattern agrees with the local matcher', () => {
  const client = new EventBridgeClient({ region: process.env.AWS_REGION ?? 'us-east-1', maxAttempts: 10 });
  afterAll(() => client.destroy());

  test.each(PATTERN_CASES.map((c) => [`${c.source}: ${c.name}`, c] as const))('%s', async (_name, c) => {
    const remote = await eventBridgeVerdict(client, c);
    const local = localVerdict(c);
    if (c.kind === 'invalid') {
      // AWS ends its message with a position in the JSON text; the reason before it must be the table's.
      expect(remote).toEqual({
        refused: expect.stringContaining(`Event pattern is not valid. Reason: ${c.reason}`),
      });
      expect(local).toEqual({ refused: expect.stringContaining(`Reason: ${c.reason}`) });
    } else {
      expect(remote).toEqual({ matches: c.matches });
      expect(local).toEqual(remote);
    }
  });
});
