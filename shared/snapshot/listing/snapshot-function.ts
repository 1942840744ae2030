// The deployed snapshot function: from a scheduled event (or a deploy's custom resource) to one
// snapshot of the account and region, sent to the central bus, with metrics and a log line per run.
import { createTelemetry } from '../../observability/telemetry';
import type { Telemetry } from '../../observability/telemetry';
import { SERVICE_NAMES } from '../../observability/metric-catalog';
import { sendListings } from '../snapshot-sender';
import { answerCloudFormation, customResourceEvent } from './deploy-trigger';
import { createListingClients, destroyListingClients } from './listing-clients';
import { runSnapshot } from './snapshot-run';
import type { SnapshotRunReport } from './snapshot-run';

export interface SnapshotFunctionDeps {
  env: NodeJS.ProcessEnv;
  telemetry?: Telemetry;
  now?: () => Date;
  /** Tests: where the AWS calls and PutEvents go. */
  endpoint?: string;
  put?: typeof fetch;
}

export type SnapshotHandler = (
  event: unknown,
  context: { invokedFunctionArn: string },
) => Promise<SnapshotRunReport | undefined>;

/** The account the function runs in: the fifth field of its own ARN. */
export function accountOfFunctionArn(arn: string): string {
  const account = arn.split(':')[4];
  if (!/^\d{12}$/.test(account ?? '')) throw new Error(`no account in the function ARN ${arn}`);
  return account;
}

/** Env: EVENT_BUS_NAME (the central bus ARN, required), AWS_REGION, SNAPSHOT_CONCURRENCY. */
export function createSnapshotHandler(deps: SnapshotFunctionDeps): SnapshotHandler {
  const telemetry = deps.telemetry ?? createTelemetry(SERVICE_NAMES.snapshot);
  const now = deps.now ?? (() => new Date());
  return async (event, context) => {
    const busName = deps.env.EVENT_BUS_NAME;
    const region = deps.env.AWS_REGION;
    if (!busName || !region)
      throw new Error('EVENT_BUS_NAME and AWS_REGION must be set for the snapshot function');
    const trigger = customResourceEvent(event);
    if (trigger) {
      await answerCloudFormation(trigger, 'SUCCESS', 'snapshot started', deps.put);
      if (trigger.RequestType === 'Delete') return undefined;
    }
    const clients = createListingClients({ region, endpoint: deps.endpoint });
    try {
      const report = await runSnapshot({
        clients,
        context: {
          account: accountOfFunctionArn(context.invokedFunctionArn),
          region,
          concurrency: Number(deps.env.SNAPSHOT_CONCURRENCY ?? 4),
          now,
        },
        send: (listings) =>
          sendListings(listings, { endpoint: deps.endpoint, region, eventBusName: busName }),
      });
      telemetry.record('snapshotObserved', report.observed);
      telemetry.record('snapshotPages', report.pages);
      telemetry.record('snapshotDuration', report.durationMillis);
      telemetry.record('snapshotFailures', report.failures.length);
      if (report.failures.length > 0)
        telemetry.logger.error('snapshot incomplete: nothing is inferred from these runs', { ...report });
      else telemetry.logger.info('snapshot sent', { ...report });
      return report;
    } finally {
      destroyListingClients(clients);
      telemetry.flush();
    }
  };
}
