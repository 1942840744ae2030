// The `detail` of the two CloudFormation detail-types, as AWS documents them ("Stack Status Change
// event detail" and "Resource Status Change event detail" in the CloudFormation User Guide).
// A namespace import lets esbuild drop what is unused (zod's locales are a quarter of a bundle).
import * as z from 'zod';

const StatusDetailsSchema = z.object({
  status: z.string().min(1),
  // Often an empty string; absent in some events.
  'status-reason': z.string().optional(),
});

export const StackStatusDetailSchema = z.object({
  'stack-id': z.string().min(1),
  'status-details': StatusDetailsSchema,
  'client-request-token': z.string().optional(),
});
export type StackStatusDetail = z.infer<typeof StackStatusDetailSchema>;

export const ResourceStatusDetailSchema = z.object({
  'stack-id': z.string().min(1),
  'logical-resource-id': z.string().min(1),
  // Empty or absent before the resource exists (CREATE_IN_PROGRESS, a CREATE_FAILED validation error).
  'physical-resource-id': z.string().optional(),
  'resource-type': z.string().min(1),
  'status-details': StatusDetailsSchema,
  'client-request-token': z.string().optional(),
});
export type ResourceStatusDetail = z.infer<typeof ResourceStatusDetailSchema>;

export const CLOUDFORMATION_SOURCE = 'aws.cloudformation';
