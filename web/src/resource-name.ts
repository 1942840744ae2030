// The name a person recognises a resource by: EC2-style resources are named by their id
// (i-0abc…, vol-…, sg-…), so their `Name` tag is shown first when they have one, with the id beside it.

/** EC2's generated ids: a short prefix and 8 or 17 hex digits (i-…, vol-…, sg-…, subnet-…, eipalloc-…). */
const EC2_STYLE_ID = /^[a-z]+(-[a-z]+)?-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export interface ShownName {
  /** What to show first. */
  name: string;
  /** The id, when `name` is the Name tag. */
  id?: string;
}

export function shownNameOf(resource: { name: string; tags: Readonly<Record<string, string>> }): ShownName {
  const tag = resource.tags.Name?.trim();
  if (tag && tag !== resource.name && EC2_STYLE_ID.test(resource.name))
    return { name: tag, id: resource.name };
  return { name: resource.name };
}
