// `aws configservice select-resource-config` (advanced queries): `Results` are JSON strings holding
// the selected fields. A result needs resourceType and resourceId (or arn); accountId and awsRegion
// come from the flags when not selected; tags only when `tags` was selected.
//
// Never complete: a query selects what its WHERE clause says. Listed at the newest
// configurationItemCaptureTime when selected, else the file's modification time.
import * as z from 'zod';
import { observationOfType } from '../observation-identity';
import { PageBuilder, SnapshotInputError, isObject, newestTime, parseDocument } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const SelectSchema = z.object({
  Results: z.array(z.string()),
  QueryInfo: z.object({ SelectFields: z.array(z.object({ Name: z.string() })).optional() }).optional(),
  NextToken: z.string().optional(),
});

/** Advanced queries print tags as `[{key, value, tag}]`. */
const TagsSchema = z.union([
  z.array(z.object({ key: z.string(), value: z.string().optional() })),
  z.record(z.string(), z.string()),
]);

const ResultSchema = z.object({
  resourceType: z.string().min(1),
  resourceId: z.string().min(1),
  resourceName: z.string().optional(),
  arn: z.string().optional(),
  accountId: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  awsRegion: z.string().min(1).optional(),
  configurationItemCaptureTime: z.string().optional(),
  tags: TagsSchema.optional(),
});

export const configSelectReader: SnapshotReader = {
  format: 'config-select',
  describes: 'aws configservice select-resource-config',
  recognise: (document) => isObject(document) && Array.isArray(document.Results) && 'QueryInfo' in document,
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const output = parseDocument(SelectSchema, document, context.file);
    const results = output.Results.map((text, index) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new SnapshotInputError(context.file, `Results.${index}`, 'is not a JSON document');
      }
      const result = ResultSchema.safeParse(parsed);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new SnapshotInputError(
          context.file,
          ['Results', index, ...issue.path].map(String).join('.'),
          issue.message,
        );
      }
      return result.data;
    });
    const captured = newestTime(results.map((result) => result.configurationItemCaptureTime));
    const pages = new PageBuilder(
      { format: 'config-select', source: 'config', timeFrom: captured ? 'content' : 'file' },
      () => captured ?? context.fileTime,
    );
    results.forEach((result, index) => {
      const account = result.accountId ?? context.account;
      const region = result.awsRegion ?? context.region;
      if (account === undefined)
        throw new SnapshotInputError(
          context.file,
          `Results.${index}.accountId`,
          'not selected: select it or pass --account',
        );
      if (region === undefined)
        throw new SnapshotInputError(
          context.file,
          `Results.${index}.awsRegion`,
          'not selected: select it or pass --region',
        );
      const tags = result.tags === undefined ? undefined : tagMap(result.tags);
      pages.add(
        observationOfType(
          result.resourceType,
          result.resourceId,
          result.arn,
          { account, region },
          { name: result.resourceName, tags },
        ),
      );
    });
    return pages.build();
  },
};

function tagMap(tags: z.infer<typeof TagsSchema>): Record<string, string> {
  if (!Array.isArray(tags)) return tags;
  return Object.fromEntries(tags.map((tag) => [tag.key, tag.value ?? '']));
}
