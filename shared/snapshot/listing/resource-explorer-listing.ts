// Lists what Resource Explorer indexes through the region's default view (the aggregator's view
// spans every region), every page to the end; where the region has no index or no default view,
// falls back to the Tagging API (which sees only tagged resources).
//
// Completeness: a listing that got to the end through a view without filters is complete, in each
// account and region it saw, for the known types it saw. Resource Explorer's index lags behind the
// resources (it documents no bound), so its observations are dated INDEX_LAG before the listing's
// start: a resource created or deleted in that window keeps what its own events say.
import {
  GetDefaultViewCommand,
  GetViewCommand,
  ListResourcesCommand,
} from '@aws-sdk/client-resource-explorer-2';
import type { ResourceExplorer2Client } from '@aws-sdk/client-resource-explorer-2';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import type { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  observeResourceExplorerResource,
  ResourceExplorerResourceSchema,
} from '../readers/resource-explorer-reader';
import { observeTagMapping } from '../readers/tagging-reader';
import type { SnapshotListing } from '../snapshot-listing';
import { ListingCollector, describeFailure } from './listing-collector';
import type { ListingContext } from './listing-context';

export const INDEX_LAG_MILLIS = 6 * 60 * 60 * 1000;

/** The error that means "no index or no default view here", not a failure of the listing. */
const NO_INDEX_ERROR = 'ResourceNotFoundException';

export interface IndexedListingClients {
  resourceExplorer: ResourceExplorer2Client;
  tagging: ResourceGroupsTaggingAPIClient;
}

export async function listIndexedResources(
  clients: IndexedListingClients,
  context: ListingContext,
): Promise<SnapshotListing[]> {
  let viewArn: string | undefined;
  try {
    viewArn = (await clients.resourceExplorer.send(new GetDefaultViewCommand({}))).ViewArn;
  } catch (error) {
    if (!(error instanceof Error) || error.name !== NO_INDEX_ERROR) {
      const startedAt = context.now();
      const collector = new ListingCollector('resource-explorer', context, startedAt, startedAt);
      collector.fail(describeFailure('Resource Explorer GetDefaultView', error));
      return collector.finish(context.now(), false);
    }
  }
  return viewArn
    ? listResourceExplorer(clients.resourceExplorer, viewArn, context)
    : listTagging(clients.tagging, context);
}

export async function listResourceExplorer(
  client: ResourceExplorer2Client,
  viewArn: string,
  context: ListingContext,
): Promise<SnapshotListing[]> {
  const startedAt = context.now();
  const collector = new ListingCollector(
    'resource-explorer',
    context,
    startedAt,
    new Date(startedAt.getTime() - INDEX_LAG_MILLIS),
  );
  let unfiltered = false;
  try {
    const { View: view } = await client.send(new GetViewCommand({ ViewArn: viewArn }));
    unfiltered = (view?.Filters?.FilterString ?? '') === '';
    const tagsKnown = (view?.IncludedProperties ?? []).some((property) => property.Name === 'tags');
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListResourcesCommand({ ViewArn: viewArn, MaxResults: 1000, NextToken: token }),
      );
      collector.pages++;
      for (const raw of page.Resources ?? []) {
        const resource = ResourceExplorerResourceSchema.safeParse(raw);
        if (!resource.success) {
          collector.skip('a resource without ARN, type, region or owning account');
          continue;
        }
        const read = observeResourceExplorerResource(resource.data, tagsKnown);
        if ('problem' in read) collector.skip(`${read.field} ${read.problem}`);
        else if ('skipped' in read) collector.skip(read.skipped);
        else collector.add(read);
      }
      token = page.NextToken;
    } while (token);
  } catch (error) {
    collector.fail(describeFailure('Resource Explorer ListResources', error));
  }
  return collector.finish(context.now(), unfiltered);
}

/** The Tagging API: never complete (it lists only resources that have or had tags). */
export async function listTagging(
  client: ResourceGroupsTaggingAPIClient,
  context: ListingContext,
): Promise<SnapshotListing[]> {
  const startedAt = context.now();
  const collector = new ListingCollector(
    'tagging',
    context,
    startedAt,
    new Date(startedAt.getTime() - INDEX_LAG_MILLIS),
  );
  try {
    let token: string | undefined;
    do {
      const page = await client.send(
        new GetResourcesCommand({ PaginationToken: token, ResourcesPerPage: 100 }),
      );
      collector.pages++;
      for (const mapping of page.ResourceTagMappingList ?? []) {
        if (!mapping.ResourceARN) continue;
        const tags = (mapping.Tags ?? []).map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
        const read = observeTagMapping({ ResourceARN: mapping.ResourceARN, Tags: tags }, context);
        if (!read) collector.skip('ResourceARN is not an ARN');
        else if ('skipped' in read) collector.skip(read.skipped);
        else collector.add(read);
      }
      // The Tagging API ends with an empty token, not an absent one.
      token = page.PaginationToken || undefined;
    } while (token);
  } catch (error) {
    collector.fail(describeFailure('Tagging GetResources', error));
  }
  return collector.finish(context.now(), false);
}
