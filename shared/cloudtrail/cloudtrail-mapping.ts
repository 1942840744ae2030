// The shape of one entry of the CloudTrail mapping registry: which resource a call touches, what it
// does to it, and where in the record its identifier, name and tags are. Entries are data only.

/** What a successful call does to the resource(s) it names. */
export type CloudTrailEffect = 'create' | 'update' | 'tag' | 'untag' | 'delete';

/**
 * How an entry knows the CloudFormation type of what it touches:
 * - a type name, for calls that touch one kind of resource;
 * - `byIdPrefix`: from the identifier's prefix (EC2's `i-`, `vol-`, `sg-`... in CreateTags), as the
 *   ARN formats declare it; ids of other prefixes (AMIs, snapshots) are no indexed type and are left out;
 * - `byField`: from a request field naming the kind (SSM AddTagsToResource's `resourceType`);
 * - `byArn`: from the ARN the call names (generic tagging APIs), else `fallback`.
 */
export type ResourceTypeRule =
  | string
  | { byIdPrefix: true }
  | { byField: string; values: Readonly<Record<string, string>> }
  | { byArn: true; fallback: string };

/**
 * Where tags are and how they are spelled:
 * - `list`: `[{key, value}]` in any of CloudTrail's spellings (`Key`/`Value`, `tagKey`/`tagValue`); a
 *   lone object counts as a one-tag list;
 * - `map`: `{key: value}`;
 * - `specs`: EC2 TagSpecifications, only those whose resource type is `specType`.
 */
export interface TagSource {
  path: string;
  format: 'list' | 'map' | 'specs';
  specType?: string;
}

/**
 * Another identifier the call gives for the resource it creates, by which another source may know it
 * (CloudFormation knows an EIP by its public IP, a security group made without a VPC by its name).
 */
export interface AliasSource {
  /** A path or template, as in `id`, relative to the element. */
  id: string;
  /** Only when this field is absent (a group's name names it in the default VPC alone). */
  unlessPresent?: string;
}

export interface CloudTrailMapping {
  /** `s3.amazonaws.com` */
  eventSource: string;
  /** `CreateBucket` */
  eventName: string;
  type: ResourceTypeRule;
  effect: CloudTrailEffect;
  /** Selects one element per resource the call touches (default: the record itself). */
  each?: string;
  /** Identifier alternatives, relative to the element (`$.` from the record); the first found wins. */
  id: readonly string[];
  /** Other identifiers of the resource: their ids become the change's `aliases`. */
  aliases?: readonly AliasSource[];
  /** Where the resource's own name is, when the call says it. */
  name?: readonly string[];
  /** Tags the call sets (create, tag). */
  tags?: readonly TagSource[];
  /** Paths of the tag keys the call removes (untag; Route 53 also in its tag call). */
  tagKeys?: readonly string[];
  /**
   * The call replaces the whole tag set rather than merging: a tag call then sets exactly its tags
   * (S3 PutBucketTagging), an untag call without keys clears them all (S3 DeleteBucketTagging, EC2
   * DeleteTags without a tag list).
   */
  tagsReplace?: true;
  /** A request field that turns a create into an update (SSM PutParameter with Overwrite). */
  updateWhen?: { path: string; equals: string | boolean };
}
