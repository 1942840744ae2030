// The EventBridge envelope every event arrives in, validated at the edge; detail is checked by the
// normalizer of its detail-type.
import * as z from 'zod/mini';
import './schema-messages';

const Text = z.string().check(z.minLength(1));

export const EventEnvelopeSchema = z.object({
  version: z.optional(z.string()),
  id: Text,
  'detail-type': Text,
  source: Text,
  account: Text,
  time: Text,
  region: Text,
  resources: z.optional(z.array(z.string())),
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
