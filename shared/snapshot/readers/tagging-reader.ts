// Resource Groups Tagging API `aws resourcegroupstaggingapi get-resources`: ARNs with every tag.
// Account and region come from the ARNs; S3 ARNs carry neither, so they take the file's other ARNs'
// (or --account / --region).
//
// Never complete: the Tagging API lists only resources that have (or had) tags. Dated by the file's
// modification time (the output carries no time).
import * as z from 'zod/mini';
import '../../events/schema-messages';
import { parseArn } from '../../arn/arn-type';
import { observationOfArn } from '../observation-identity';
import type { Observation } from '../snapshot-event-schema';
import { STACK_TYPE } from './resource-explorer-reader';
import { PageBuilder, SnapshotInputError, hasArrayOf, parseDocument } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const TaggingSchema = z.object({
  ResourceTagMappingList: z.array(
    z.object({
      ResourceARN: z.string().check(z.startsWith('arn:', 'expected an ARN')),
      Tags: z.optional(z.array(z.object({ Key: z.string(), Value: z.string() }))),
    }),
  ),
  PaginationToken: z.optional(z.string()),
});

/** One ResourceTagMapping as an observation with every tag; stacks are tracked as stacks. */
export function observeTagMapping(
  mapping: { ResourceARN: string; Tags?: { Key: string; Value: string }[] },
  scope: { account: string; region: string },
): { observation: Observation; known: boolean } | { skipped: string } | undefined {
  const tags = Object.fromEntries((mapping.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
  const read = observationOfArn(mapping.ResourceARN, scope, { tags });
  if (read?.observation.type === STACK_TYPE) return { skipped: 'stacks are tracked as stacks' };
  return read;
}

export const taggingReader: SnapshotReader = {
  format: 'tagging',
  describes: 'aws resourcegroupstaggingapi get-resources',
  recognise: (document) => hasArrayOf(document, 'ResourceTagMappingList', ['ResourceARN']),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const listing = parseDocument(TaggingSchema, document, context.file);
    const arns = listing.ResourceTagMappingList.map((mapping) => parseArn(mapping.ResourceARN));
    const account =
      context.account ??
      mostCommon(arns.map((parts) => (/^\d{12}$/.test(parts?.account ?? '') ? parts?.account : undefined)));
    const region = context.region ?? mostCommon(arns.map((parts) => parts?.region));
    const pages = new PageBuilder(
      { format: 'tagging', source: 'tagging', timeFrom: 'file' },
      () => context.fileTime,
    );
    listing.ResourceTagMappingList.forEach((mapping, index) => {
      const field = `ResourceTagMappingList.${index}.ResourceARN`;
      const parts = arns[index];
      if (!parts) throw new SnapshotInputError(context.file, field, 'is not an ARN');
      if ((parts.account === '' && !account) || (parts.region === '' && !region))
        throw new SnapshotInputError(
          context.file,
          field,
          'names no account or region, nor does the file: pass --account and --region',
        );
      const tags = Object.fromEntries((mapping.Tags ?? []).map((tag) => [tag.Key, tag.Value]));
      const read = observationOfArn(
        mapping.ResourceARN,
        { account: account ?? '', region: region ?? '' },
        { tags },
      );
      if (!read) throw new SnapshotInputError(context.file, field, 'is not an ARN');
      pages.add(read.observation, read.known);
    });
    return pages.build();
  },
};

function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}
