// The EventBridge envelope every event arrives in, validated at the edge; detail is checked by the
// normalizer of its detail-type.
// A namespace import lets esbuild drop what is unused (zod's locales are a quarter of a bundle).
import * as z from 'zod';

export const EventEnvelopeSchema = z.object({
  version: z.string().optional(),
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  account: z.string().min(1),
  time: z.string().min(1),
  region: z.string().min(1),
  resources: z.array(z.string()).optional(),
  detail: z.unknown(),
});

export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

export const DETAIL_TYPES = {
  stackStatus: 'CloudFormation Stack Status Change',
  resourceStatus: 'CloudFormation Resource Status Change',
  apiCall: 'AWS API Call via CloudTrail',
  snapshot: 'Resource Inventory Snapshot',
  /** A change an AWS service made on its own, recorded by CloudTrail in the same record shape. */
  serviceEvent: 'AWS Service Event via CloudTrail',
} as const;
