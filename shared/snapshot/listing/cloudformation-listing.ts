// Lists every resource of every live stack of the account and region (ListStacks, then
// ListStackResources of each stack, every page to the end, a few stacks at a time) as observations
// with stack membership. Never complete for a type: stacks hold some resources of a type, not all.
import { ListStackResourcesCommand, ListStacksCommand, StackStatus } from '@aws-sdk/client-cloudformation';
import type { CloudFormationClient, StackSummary } from '@aws-sdk/client-cloudformation';
import { parseStackArn } from '../../cloudformation/stack-arn';
import { mapWithConcurrency } from '../../store/concurrency';
import type { SnapshotListing } from '../snapshot-listing';
import { stackResourceObservation } from '../stack-resource-observation';
import { ListingCollector, describeFailure } from './listing-collector';
import type { ListingContext } from './listing-context';

/** Every stack status but DELETE_COMPLETE: a deleted stack holds no resources. */
const LIVE_STACK_STATUSES = Object.values(StackStatus).filter(
  (status) => status !== StackStatus.DELETE_COMPLETE,
);

export async function listCloudFormation(
  client: CloudFormationClient,
  context: ListingContext,
): Promise<SnapshotListing[]> {
  const startedAt = context.now();
  const collector = new ListingCollector('cloudformation', context, startedAt, startedAt);
  const stacks: StackSummary[] = [];
  try {
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListStacksCommand({ NextToken: token, StackStatusFilter: LIVE_STACK_STATUSES }),
      );
      collector.pages++;
      stacks.push(...(page.StackSummaries ?? []));
      token = page.NextToken;
    } while (token);
  } catch (error) {
    collector.fail(describeFailure('ListStacks', error));
  }

  await mapWithConcurrency(stacks, context.concurrency, async (summary) => {
    const stack = summary.StackId ? parseStackArn(summary.StackId) : undefined;
    if (!stack) {
      collector.skip('a stack without a stack ARN');
      return;
    }
    try {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListStackResourcesCommand({ StackName: stack.arn, NextToken: token }),
        );
        collector.pages++;
        for (const resource of page.StackResourceSummaries ?? []) {
          const reading = stackResourceObservation(stack, {
            logicalId: resource.LogicalResourceId ?? '',
            physicalId: resource.PhysicalResourceId,
            type: resource.ResourceType ?? '',
            status: resource.ResourceStatus ?? '',
          });
          if ('observation' in reading) collector.add({ observation: reading.observation, known: true });
          else collector.skip(reading.skipped);
        }
        token = page.NextToken;
      } while (token);
    } catch (error) {
      collector.fail(describeFailure(`ListStackResources of ${stack.stackName}`, error));
    }
  });
  return collector.finish(context.now(), false);
}
