// The `detail` of an "AWS API Call via CloudTrail" event: a CloudTrail record. Strict about the fields
// the normalizer relies on, lenient about everything AWS adds over time (extra fields pass through).
import * as z from 'zod/mini';
import '../events/schema-messages';

const Text = z.string().check(z.minLength(1));

/** requestParameters and responseElements: JSON objects of any shape, or null for calls without. */
const CallPayload = z.nullish(z.record(z.string(), z.unknown()));

/** CloudTrail sends `null` for some fields that usually hold a value; both mean "not said". */
const OptionalText = z.nullish(z.string());

export const CloudTrailUserIdentitySchema = z.looseObject({
  type: OptionalText,
  principalId: OptionalText,
  arn: OptionalText,
  accountId: OptionalText,
  invokedBy: OptionalText,
});

export const CloudTrailDetailSchema = z.looseObject({
  eventVersion: z.optional(z.string()),
  eventSource: Text,
  eventName: Text,
  eventTime: Text,
  eventID: Text,
  awsRegion: Text,
  /** Absent in some records (service events, older trails): the caller's account stands in. */
  recipientAccountId: z.nullish(Text),
  /** `AwsApiCall` for API calls; `AwsServiceEvent`, `AwsConsoleSignIn`, ... for the rest. */
  eventType: OptionalText,
  requestParameters: CallPayload,
  responseElements: CallPayload,
  errorCode: OptionalText,
  errorMessage: OptionalText,
  readOnly: z.nullish(z.boolean()),
  managementEvent: z.nullish(z.boolean()),
  userIdentity: z.nullish(CloudTrailUserIdentitySchema),
  sourceIPAddress: OptionalText,
  userAgent: OptionalText,
  resources: z.nullish(
    z.array(
      z.looseObject({
        ARN: z.optional(z.string()),
        accountId: z.optional(z.string()),
        type: z.optional(z.string()),
      }),
    ),
  ),
});

export type CloudTrailDetail = z.infer<typeof CloudTrailDetailSchema>;
