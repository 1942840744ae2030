// CloudFormation `aws cloudformation describe-stacks`: no resources, but each stack's ARN by name, so
// a `list-stack-resources` output (which names no stack) read in the same run finds its stack.
import * as z from 'zod';
import { hasArrayOf, parseDocument } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const DescribeStacksSchema = z.object({
  Stacks: z.array(
    z.object({
      StackId: z.string().regex(/^arn:[^:]+:cloudformation:/, 'expected a stack ARN'),
      StackName: z.string().min(1),
      StackStatus: z.string().min(1),
    }),
  ),
  NextToken: z.string().optional(),
});

/** Stack name -> ARN of every stack in a describe-stacks output (deleted ones excluded). */
export function stacksOf(document: unknown, file: string): Map<string, string> {
  const output = parseDocument(DescribeStacksSchema, document, file);
  return new Map(
    output.Stacks.filter((stack) => stack.StackStatus !== 'DELETE_COMPLETE').map((stack) => [
      stack.StackName,
      stack.StackId,
    ]),
  );
}

export const cloudFormationStacksReader: SnapshotReader = {
  format: 'cloudformation-stacks',
  describes: 'aws cloudformation describe-stacks',
  recognise: (document) => hasArrayOf(document, 'Stacks', ['StackId', 'StackName']),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    stacksOf(document, context.file);
    return [];
  },
};
