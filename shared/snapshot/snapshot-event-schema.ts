// The "Resource Inventory Snapshot" events a listing puts on the bus, as zod schemas: batches of
// observations of one run, and the run's end (listing-complete). The CLI, the AWS snapshot function
// and the ingest normalizer all read this one definition.
import * as z from 'zod/mini';
import { DETAIL_TYPES } from '../events/event-envelope';
import '../events/schema-messages';

export const SNAPSHOT_EVENT_SOURCE = 'resource-inventory.snapshot';
export const SNAPSHOT_DETAIL_TYPE = DETAIL_TYPES.snapshot;

/** What a run listed; each has its own reader (files) or listing (AWS). */
export const LISTING_SOURCES = [
  'config',
  'resource-explorer',
  'tagging',
  'cloudformation',
  'cloudcontrol',
  'organizations',
] as const;
export type ListingSource = (typeof LISTING_SOURCES)[number];

const Text = z.string().check(z.minLength(1));
const IsoTime = z
  .string()
  .check(z.refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO 8601 time'));
const Account = z.string().check(z.regex(/^\d{12}$/, 'expected a 12-digit account id'));
const Region = Text;

export const SnapshotRunSchema = z.object({
  /** Unique per run; it is the eventId of every observation, so a re-sent run changes nothing. */
  id: z.string().check(z.minLength(1), z.maxLength(256)),
  source: z.enum(LISTING_SOURCES),
  account: Account,
  region: Region,
  startedAt: IsoTime,
  /** The observation time T every observation of the run carries. */
  listedAt: IsoTime,
});
export type SnapshotRun = z.infer<typeof SnapshotRunSchema>;

export const StackMembershipSchema = z.object({
  id: Text,
  name: Text,
  logicalId: Text,
});

export const ObservationSchema = z.object({
  id: Text,
  arn: z.nullable(Text),
  type: z
    .string()
    .check(z.regex(/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/, 'expected a CloudFormation type name')),
  typeDerived: z.optional(z.boolean()),
  account: Account,
  region: Region,
  name: z.optional(Text),
  /** Only when the source knows every tag of the resource: the index replaces its tags with these. */
  tags: z.optional(z.record(z.string(), z.string())),
  stack: z.optional(StackMembershipSchema),
});
export type Observation = z.infer<typeof ObservationSchema>;

export const ObservationsDetailSchema = z.object({
  kind: z.literal('observations'),
  run: SnapshotRunSchema,
  resources: z.array(ObservationSchema).check(z.minLength(1)),
});
export type ObservationsDetail = z.infer<typeof ObservationsDetailSchema>;

export const ListingScopeSchema = z.object({
  account: Account,
  region: Region,
  /** CloudFormation type names the listing is complete for (empty: it proves no absence). */
  types: z.array(Text),
});
export type ListingScope = z.infer<typeof ListingScopeSchema>;

export const ListingCompleteDetailSchema = z.object({
  kind: z.literal('listing-complete'),
  run: SnapshotRunSchema,
  scope: ListingScopeSchema,
  /** False when a page failed or retries gave up: the index infers nothing from the run. */
  complete: z.boolean(),
  observed: z.int().check(z.nonnegative()),
  finishedAt: IsoTime,
  reason: z.optional(z.string()),
});
export type ListingCompleteDetail = z.infer<typeof ListingCompleteDetailSchema>;

export const SnapshotDetailSchema = z.discriminatedUnion('kind', [
  ObservationsDetailSchema,
  ListingCompleteDetailSchema,
]);
export type SnapshotDetail = z.infer<typeof SnapshotDetailSchema>;
