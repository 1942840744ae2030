// `aws configservice list-discovered-resources`: type, id and name of each resource Config discovered.
// The output names no account or region (--account/--region give them) and no ARN.
//
// Never complete: the call may have been filtered by ids or name, which its output does not show.
// Dated by the file's modification time (the output carries no time).
import * as z from 'zod';
import { isGlobalType, resourceRegion } from '../../arn/resource-identity';
import { observationOfType } from '../observation-identity';
import { PageBuilder, hasArrayOf, parseDocument, scopeFromFlags } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const DiscoveredSchema = z.object({
  resourceIdentifiers: z.array(
    z.object({
      resourceType: z.string().min(1),
      resourceId: z.string().min(1),
      resourceName: z.string().optional(),
      resourceDeletionTime: z.union([z.string(), z.number()]).optional(),
    }),
  ),
  nextToken: z.string().optional(),
});

export const configDiscoveredReader: SnapshotReader = {
  format: 'config-discovered',
  describes: 'aws configservice list-discovered-resources',
  recognise: (document) => hasArrayOf(document, 'resourceIdentifiers', ['resourceType']),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const listing = parseDocument(DiscoveredSchema, document, context.file);
    const scope = scopeFromFlags(context, 'list-discovered-resources');
    const pages = new PageBuilder(
      { format: 'config-discovered', source: 'config', timeFrom: 'file' },
      () => context.fileTime,
    );
    for (const resource of listing.resourceIdentifiers) {
      const region = resourceRegion(resource.resourceType, scope.region);
      if (resource.resourceDeletionTime !== undefined) {
        pages.skip(scope.account, region, 'deleted (resourceDeletionTime)');
        continue;
      }
      // Without an ARN, an IAM resource is named by its name (Config's resourceId is its unique id).
      const physicalId =
        isGlobalType(resource.resourceType) &&
        resource.resourceType.startsWith('AWS::IAM::') &&
        resource.resourceName
          ? resource.resourceName
          : resource.resourceId;
      pages.add(
        observationOfType(resource.resourceType, physicalId, undefined, scope, {
          name: resource.resourceName,
        }),
      );
    }
    return pages.build();
  },
};
