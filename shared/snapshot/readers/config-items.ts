// AWS Config configuration items, as the S3 delivery (snapshot and history files: `ARN`,
// `awsAccountId`) and the API (`get-resource-config-history`: `arn`, `accountId`) spell them, and
// what an item says: an existing resource to observe, or one Config reports deleted or not recorded.
import * as z from 'zod';
import { resourceRegion } from '../../arn/resource-identity';
import { observationOfType } from '../observation-identity';
import type { Observation } from '../snapshot-event-schema';

const Time = z
  .union([z.string(), z.number()])
  .transform((value) => (typeof value === 'number' ? new Date(value * 1000).toISOString() : value));

export const ConfigurationItemSchema = z
  .object({
    resourceType: z.string().min(1),
    resourceId: z.string().min(1),
    resourceName: z.string().optional(),
    ARN: z.string().optional(),
    arn: z.string().optional(),
    awsRegion: z.string().min(1),
    awsAccountId: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    accountId: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    configurationItemStatus: z.string().min(1),
    // The CLI prints epoch seconds for some timestamps; S3 files carry ISO strings.
    configurationItemCaptureTime: Time,
    tags: z.record(z.string(), z.string()).nullish(),
  })
  .refine((item) => item.awsAccountId !== undefined || item.accountId !== undefined, {
    message: 'an item needs awsAccountId (S3 files) or accountId (API outputs)',
    path: ['awsAccountId'],
  });
export type ConfigurationItem = z.infer<typeof ConfigurationItemSchema>;

/** Config's statuses for an existing resource; the others say deleted or not recorded. */
const EXISTS = new Set(['OK', 'ResourceDiscovered']);
/** Config stopped recording the type: nothing in the file speaks for resources of it. */
export const NOT_RECORDED = new Set(['ResourceNotRecorded', 'ResourceDeletedNotRecorded']);

export type ItemReading =
  | { kind: 'observed'; observation: Observation }
  | { kind: 'skipped'; reason: string; account: string; region: string };

export function readConfigurationItem(item: ConfigurationItem): ItemReading {
  const account = item.awsAccountId ?? item.accountId ?? '';
  const region = resourceRegion(item.resourceType, item.awsRegion);
  if (!EXISTS.has(item.configurationItemStatus)) {
    return {
      kind: 'skipped',
      reason: `configurationItemStatus ${item.configurationItemStatus}`,
      account,
      region,
    };
  }
  // Config's resourceId for IAM users, roles and groups is their unique id (AIDA.../AROA...), not the
  // name CloudFormation reports; the ARN names them, and observationOfType prefers it.
  const observation = observationOfType(
    item.resourceType,
    item.resourceId,
    item.ARN ?? item.arn,
    { account, region },
    {
      name: item.resourceName,
      // Config records every tag of a resource it records.
      tags: item.tags ?? {},
    },
  );
  return { kind: 'observed', observation };
}
