// "CloudFormation Stack Status Change" -> the stack's row: name, account and region from the stack
// ARN, CloudFormation's status word and reason. Every status is recorded (the row shows the latest).
import type { EventEnvelope } from '../events/event-envelope';
import type { Normalization } from '../model/normalization';
import { canonicalEventTime } from '../ingest/event-time';
import { describeSchemaError, mapped, rejected } from '../ingest/normalization-results';
import { CLOUDFORMATION_SOURCE, StackStatusDetailSchema } from './cloudformation-event-schemas';
import { parseStackArn } from './stack-arn';

export function normalizeStackStatusChange(event: EventEnvelope): Normalization {
  if (event.source !== CLOUDFORMATION_SOURCE)
    return rejected(`a stack status change must come from ${CLOUDFORMATION_SOURCE}, not ${event.source}`);
  const parsed = StackStatusDetailSchema.safeParse(event.detail);
  if (!parsed.success)
    return rejected(`malformed stack status change: ${describeSchemaError(parsed.error, 'detail')}`);
  const detail = parsed.data;
  const stack = parseStackArn(detail['stack-id']);
  if (!stack) return rejected(`detail.stack-id is not a stack ARN: ${detail['stack-id']}`);
  const eventTime = canonicalEventTime(event.time);
  if (!eventTime) return rejected(`time is not a date: ${event.time}`);
  const reason = detail['status-details']['status-reason'];
  return mapped(
    [],
    [
      {
        stackId: stack.arn,
        stackName: stack.stackName,
        account: stack.account,
        region: stack.region,
        stackStatus: detail['status-details'].status,
        ...(reason ? { statusReason: reason } : {}),
        eventTime,
        eventId: event.id,
      },
    ],
  );
}
