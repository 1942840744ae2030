// CloudFormation `describe-stack-resources` (names its stack per resource) and `list-stack-resources`
// (names none: --stack, or a describe-stacks output in the same run, gives it): stack membership
// and logical ids of every resource of a stack.
//
// Never complete for a type: a stack holds some of an account's resources of a type, not all.
// Listed at the newest resource timestamp in the file.
import * as z from 'zod';
import { parseStackArn } from '../../cloudformation/stack-arn';
import type { StackArn } from '../../cloudformation/stack-arn';
import { stackResourceObservation } from '../stack-resource-observation';
import { PageBuilder, SnapshotInputError, hasArrayOf, newestTime, parseDocument } from './snapshot-reader';
import type { ReaderContext, SnapshotPage, SnapshotReader } from './snapshot-reader';

const Time = z
  .union([z.string(), z.number()])
  .transform((value) => (typeof value === 'number' ? new Date(value * 1000).toISOString() : value));

const DescribeStackResourcesSchema = z.object({
  StackResources: z.array(
    z.object({
      StackName: z.string().min(1),
      StackId: z.string().min(1),
      LogicalResourceId: z.string().min(1),
      PhysicalResourceId: z.string().optional(),
      ResourceType: z.string().min(1),
      ResourceStatus: z.string().min(1),
      Timestamp: Time,
    }),
  ),
});

const ListStackResourcesSchema = z.object({
  StackResourceSummaries: z.array(
    z.object({
      LogicalResourceId: z.string().min(1),
      PhysicalResourceId: z.string().optional(),
      ResourceType: z.string().min(1),
      ResourceStatus: z.string().min(1),
      LastUpdatedTimestamp: Time,
    }),
  ),
  NextToken: z.string().optional(),
});

interface Entry {
  stack: StackArn;
  logicalId: string;
  physicalId?: string;
  type: string;
  status: string;
  time: string;
}

function pagesOf(entries: Entry[], context: ReaderContext): SnapshotPage[] {
  const listedAt = newestTime(entries.map((entry) => entry.time)) ?? context.fileTime;
  const pages = new PageBuilder(
    { format: 'cloudformation-stack-resources', source: 'cloudformation', timeFrom: 'content' },
    () => listedAt,
  );
  for (const entry of entries) {
    const reading = stackResourceObservation(entry.stack, entry);
    if ('observation' in reading) pages.add(reading.observation);
    else pages.skip(entry.stack.account, entry.stack.region, reading.skipped);
  }
  return pages.build();
}

export const describeStackResourcesReader: SnapshotReader = {
  format: 'cloudformation-stack-resources',
  describes: 'aws cloudformation describe-stack-resources',
  recognise: (document) => hasArrayOf(document, 'StackResources', ['LogicalResourceId']),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const output = parseDocument(DescribeStackResourcesSchema, document, context.file);
    const entries = output.StackResources.map((resource, index): Entry => {
      const stack = parseStackArn(resource.StackId);
      if (!stack)
        throw new SnapshotInputError(context.file, `StackResources.${index}.StackId`, 'is not a stack ARN');
      return {
        stack,
        logicalId: resource.LogicalResourceId,
        physicalId: resource.PhysicalResourceId,
        type: resource.ResourceType,
        status: resource.ResourceStatus,
        time: resource.Timestamp,
      };
    });
    return pagesOf(entries, context);
  },
};

export const listStackResourcesReader: SnapshotReader = {
  format: 'cloudformation-stack-resources',
  describes: 'aws cloudformation list-stack-resources',
  recognise: (document) => hasArrayOf(document, 'StackResourceSummaries', ['LogicalResourceId']),
  read(document: unknown, context: ReaderContext): SnapshotPage[] {
    const output = parseDocument(ListStackResourcesSchema, document, context.file);
    const stack = stackOfContext(context);
    return pagesOf(
      output.StackResourceSummaries.map((summary) => ({
        stack,
        logicalId: summary.LogicalResourceId,
        physicalId: summary.PhysicalResourceId,
        type: summary.ResourceType,
        status: summary.ResourceStatus,
        time: summary.LastUpdatedTimestamp,
      })),
      context,
    );
  },
};

/** The stack of a list-stack-resources output: --stack as an ARN, or a name a describe-stacks output resolves. */
function stackOfContext(context: ReaderContext): StackArn {
  const given = context.stack;
  if (given === undefined)
    throw new SnapshotInputError(
      context.file,
      'StackResourceSummaries',
      'list-stack-resources names no stack: pass --stack',
    );
  const arn = given.startsWith('arn:') ? given : context.stacks.get(given);
  const stack = arn === undefined ? undefined : parseStackArn(arn);
  if (!stack)
    throw new SnapshotInputError(
      context.file,
      'StackResourceSummaries',
      `--stack ${given} is neither a stack ARN nor a stack named by a describe-stacks output given with it`,
    );
  return stack;
}
