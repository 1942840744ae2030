// The `detail` of an "AWS API Call via CloudTrail" event: a CloudTrail record. Strict about the fields
// the normalizer relies on, lenient about everything AWS adds over time (extra fields pass through).
// A namespace import lets esbuild drop what is unused (zod's locales are a quarter of a bundle).
import * as z from 'zod';

/** requestParameters and responseElements: JSON objects of any shape, or null for calls without. */
const CallPayload = z.record(z.string(), z.unknown()).nullish();

export const CloudTrailUserIdentitySchema = z.looseObject({
  type: z.string().optional(),
  principalId: z.string().optional(),
  arn: z.string().optional(),
  accountId: z.string().optional(),
  invokedBy: z.string().optional(),
});

export const CloudTrailDetailSchema = z.looseObject({
  eventVersion: z.string().optional(),
  eventSource: z.string().min(1),
  eventName: z.string().min(1),
  eventTime: z.string().min(1),
  eventID: z.string().min(1),
  awsRegion: z.string().min(1),
  recipientAccountId: z.string().min(1).optional(),
  /** `AwsApiCall` for API calls; `AwsServiceEvent`, `AwsConsoleSignIn`, ... for the rest. */
  eventType: z.string().optional(),
  requestParameters: CallPayload,
  responseElements: CallPayload,
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  readOnly: z.boolean().optional(),
  managementEvent: z.boolean().optional(),
  userIdentity: CloudTrailUserIdentitySchema.optional(),
  resources: z
    .array(
      z.looseObject({
        ARN: z.string().optional(),
        accountId: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .optional(),
});

export type CloudTrailDetail = z.infer<typeof CloudTrailDetailSchema>;
