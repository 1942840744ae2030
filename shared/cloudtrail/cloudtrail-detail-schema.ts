// The `detail` of an "AWS API Call via CloudTrail" event: a CloudTrail record. Strict about the fields
// the normalizer relies on, lenient about everything AWS adds over time (extra fields pass through).
// A namespace import lets esbuild drop what is unused (zod's locales are a quarter of a bundle).
import * as z from 'zod';

/** requestParameters and responseElements: JSON objects of any shape, or null for calls without. */
const CallPayload = z.record(z.string(), z.unknown()).nullish();

/** CloudTrail sends `null` for some fields that usually hold a value; both mean "not said". */
const OptionalText = z.string().nullish();

export const CloudTrailUserIdentitySchema = z.looseObject({
  type: OptionalText,
  principalId: OptionalText,
  arn: OptionalText,
  accountId: OptionalText,
  invokedBy: OptionalText,
});

export const CloudTrailDetailSchema = z.looseObject({
  eventVersion: z.string().optional(),
  eventSource: z.string().min(1),
  eventName: z.string().min(1),
  eventTime: z.string().min(1),
  eventID: z.string().min(1),
  awsRegion: z.string().min(1),
  /** Absent in some records (service events, older trails): the caller's account stands in. */
  recipientAccountId: z.string().min(1).nullish(),
  /** `AwsApiCall` for API calls; `AwsServiceEvent`, `AwsConsoleSignIn`, ... for the rest. */
  eventType: OptionalText,
  requestParameters: CallPayload,
  responseElements: CallPayload,
  errorCode: OptionalText,
  errorMessage: OptionalText,
  readOnly: z.boolean().nullish(),
  managementEvent: z.boolean().nullish(),
  userIdentity: CloudTrailUserIdentitySchema.nullish(),
  sourceIPAddress: OptionalText,
  userAgent: OptionalText,
  resources: z
    .array(
      z.looseObject({
        ARN: z.string().optional(),
        accountId: z.string().optional(),
        type: z.string().optional(),
      }),
    )
    .nullish(),
});

export type CloudTrailDetail = z.infer<typeof CloudTrailDetailSchema>;
