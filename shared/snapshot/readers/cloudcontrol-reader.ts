// Cloud Control `aws cloudcontrol list-resources`: one CloudFormation type and the primary identifier
// of each resource. The output names no account or region: --account / --region give them.
//
// Never complete: types that need a parent (a cluster's node groups) are listed per parent through a
// resource model the output does not show. Dated by the file's modification time. Tags are not read:
// a list returns only some properties, so they may be partial.
import * as z from 'zod';
import { observationOfType } from '../observation-identity';
import { PageBuilder, hasArrayOf, isObject, parseDocument, scopeFromFlags } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const CloudControlSchema = z.object({
  TypeName: z
    .string()
    .regex(/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/, 'expected a CloudFormation type name'),
  ResourceDescriptions: z.array(
    z.object({ Identifier: z.string().min(1), Properties: z.string().optional() }),
  ),
  NextToken: z.string().optional(),
});

export const cloudControlReader: SnapshotReader = {
  format: 'cloudcontrol',
  describes: 'aws cloudcontrol list-resources',
  recognise: (document) =>
    isObject(document) && 'TypeName' in document && hasArrayOf(document, 'ResourceDescriptions'),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const listing = parseDocument(CloudControlSchema, document, context.file);
    const scope = scopeFromFlags(context, 'cloudcontrol list-resources');
    const pages = new PageBuilder(
      { format: 'cloudcontrol', source: 'cloudcontrol', timeFrom: 'file' },
      () => context.fileTime,
    );
    for (const description of listing.ResourceDescriptions) {
      pages.add(observationOfType(listing.TypeName, description.Identifier, undefined, scope));
    }
    return pages.build();
  },
};
