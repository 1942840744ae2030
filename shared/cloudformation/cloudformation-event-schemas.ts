// The `detail` of the two CloudFormation detail-types, as AWS documents them ("Stack Status Change
// event detail" and "Resource Status Change event detail" in the CloudFormation User Guide).
import * as z from 'zod/mini';
import '../events/schema-messages';

const Text = z.string().check(z.minLength(1));

const StatusDetailsSchema = z.object({
  status: Text,
  // Often an empty string; absent in some events.
  'status-reason': z.optional(z.string()),
});

export const StackStatusDetailSchema = z.object({
  'stack-id': Text,
  'status-details': StatusDetailsSchema,
  'client-request-token': z.optional(z.string()),
});
export type StackStatusDetail = z.infer<typeof StackStatusDetailSchema>;

export const ResourceStatusDetailSchema = z.object({
  'stack-id': Text,
  'logical-resource-id': Text,
  // Empty or absent before the resource exists (CREATE_IN_PROGRESS, a CREATE_FAILED validation error).
  'physical-resource-id': z.optional(z.string()),
  'resource-type': Text,
  'status-details': StatusDetailsSchema,
  'client-request-token': z.optional(z.string()),
});
export type ResourceStatusDetail = z.infer<typeof ResourceStatusDetailSchema>;

export const CLOUDFORMATION_SOURCE = 'aws.cloudformation';
