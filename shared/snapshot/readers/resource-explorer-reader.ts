// Resource Explorer `aws resource-explorer-2 search` / `list-resources` output: ARN, type
// (`s3:bucket`), region, owning account, and the `tags` property when the index holds it.
//
// Never complete from a file: the request's query string or filters are not in the output, and the
// index lags behind the resources. Listed at the newest LastReportedAt in the file (the index's
// freshest knowledge), else the file's modification time.
import * as z from 'zod/mini';
import '../../events/schema-messages';
import { observationOfArn } from '../observation-identity';
import { cloudFormationTypeOf } from '../resource-explorer-type';
import type { Observation } from '../snapshot-event-schema';
import { PageBuilder, SnapshotInputError, hasArrayOf, newestTime, parseDocument } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const Time = z.pipe(
  z.union([z.string(), z.number(), z.date()]),
  z.transform((value: string | number | Date) =>
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'number'
        ? new Date(value * 1000).toISOString()
        : value,
  ),
);

export const ResourceExplorerResourceSchema = z.object({
  Arn: z.string().check(z.startsWith('arn:', 'expected an ARN')),
  ResourceType: z.string().check(z.minLength(1)),
  Region: z.string().check(z.minLength(1)),
  OwningAccountId: z.string().check(z.regex(/^\d{12}$/, 'expected a 12-digit account id')),
  Service: z.optional(z.string()),
  LastReportedAt: z.optional(Time),
  Properties: z.optional(
    z.array(z.object({ Name: z.string(), Data: z.optional(z.unknown()), LastReportedAt: z.optional(Time) })),
  ),
});
export type ResourceExplorerResource = z.infer<typeof ResourceExplorerResourceSchema>;

const ResourceExplorerSchema = z.object({
  Resources: z.array(ResourceExplorerResourceSchema),
  ViewArn: z.optional(z.string()),
  NextToken: z.optional(z.string()),
});

const TagDataSchema = z.array(z.object({ Key: z.string(), Value: z.optional(z.string()) }));

/** The `tags` property, when the index holds it: then it is every tag of the resource. */
export function resourceExplorerTags(
  resource: ResourceExplorerResource,
): Record<string, string> | undefined | Error {
  const property = resource.Properties?.find((candidate) => candidate.Name === 'tags');
  if (!property) return undefined;
  const tags = TagDataSchema.safeParse(property.Data ?? []);
  if (!tags.success) return new Error('the tags property is not a list of {Key, Value}');
  return Object.fromEntries(tags.data.map((tag) => [tag.Key, tag.Value ?? '']));
}

/** Stacks are tracked as stacks (their own status events), never as rows of type AWS::CloudFormation::Stack. */
export const STACK_TYPE = 'AWS::CloudFormation::Stack';

/**
 * One Resource Explorer resource as an observation, or why it is none. `tagsKnown`: the view holds
 * the `tags` property, so a resource without it has none.
 */
export function observeResourceExplorerResource(
  resource: ResourceExplorerResource,
  tagsKnown: boolean,
): { observation: Observation; known: boolean } | { problem: string; field: string } | { skipped: string } {
  const tags = resourceExplorerTags(resource);
  if (tags instanceof Error) return { problem: tags.message, field: 'Properties' };
  const read = observationOfArn(
    resource.Arn,
    { account: resource.OwningAccountId, region: resource.Region },
    { tags: tags ?? (tagsKnown ? {} : undefined) },
    cloudFormationTypeOf(resource.ResourceType),
  );
  if (!read) return { problem: 'is not an ARN', field: 'Arn' };
  if (read.observation.type === STACK_TYPE) return { skipped: 'stacks are tracked as stacks' };
  return read;
}

export const resourceExplorerReader: SnapshotReader = {
  format: 'resource-explorer',
  describes: 'aws resource-explorer-2 search / list-resources',
  recognise: (document) => hasArrayOf(document, 'Resources', ['Arn', 'ResourceType']),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const listing = parseDocument(ResourceExplorerSchema, document, context.file);
    const reported = newestTime(listing.Resources.map((resource) => resource.LastReportedAt));
    const pages = new PageBuilder(
      { format: 'resource-explorer', source: 'resource-explorer', timeFrom: reported ? 'content' : 'file' },
      () => reported ?? context.fileTime,
    );
    listing.Resources.forEach((resource, index) => {
      const tags = resourceExplorerTags(resource);
      if (tags instanceof Error)
        throw new SnapshotInputError(context.file, `Resources.${index}.Properties`, tags.message);
      const read = observationOfArn(
        resource.Arn,
        { account: resource.OwningAccountId, region: resource.Region },
        { tags },
        cloudFormationTypeOf(resource.ResourceType),
      );
      if (!read) throw new SnapshotInputError(context.file, `Resources.${index}.Arn`, 'is not an ARN');
      pages.add(read.observation, read.known);
    });
    return pages.build();
  },
};
