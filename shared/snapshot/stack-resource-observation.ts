// One resource of a stack listing (describe-stack-resources, ListStackResources) as an observation
// with its stack membership, on the ids a CloudFormation Resource Status Change gives it.
import { isStackBookkeepingType } from '../cloudformation/normalize-resource-status-change';
import type { StackArn } from '../cloudformation/stack-arn';
import { observationOfType } from './observation-identity';
import type { Observation } from './snapshot-event-schema';

/**
 * Resource statuses under which the resource exists in its stack. A create in progress or failed may
 * have made nothing yet; a delete in progress or done, or a retained resource (DELETE_SKIPPED),
 * is the event path's business: the listing says nothing about them.
 */
const EXISTING_STATUSES = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'IMPORT_COMPLETE',
  'UPDATE_IN_PROGRESS',
  'UPDATE_FAILED',
  'DELETE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED',
]);

export interface StackResourceEntry {
  logicalId: string;
  physicalId?: string;
  type: string;
  status: string;
}

export type StackResourceReading = { observation: Observation } | { skipped: string };

export function stackResourceObservation(stack: StackArn, entry: StackResourceEntry): StackResourceReading {
  if (!entry.physicalId) return { skipped: 'no physical id' };
  if (entry.physicalId === stack.arn) return { skipped: 'the stack itself' };
  if (isStackBookkeepingType(entry.type)) return { skipped: `${entry.type} is no AWS resource` };
  if (!EXISTING_STATUSES.has(entry.status)) return { skipped: `resource status ${entry.status}` };
  const observation = observationOfType(
    entry.type,
    entry.physicalId,
    undefined,
    { account: stack.account, region: stack.region },
    { stack: { id: stack.arn, name: stack.stackName, logicalId: entry.logicalId } },
  );
  return { observation };
}
