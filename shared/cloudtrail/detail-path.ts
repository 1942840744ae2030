// Reads values out of a CloudTrail record by the small path language the mappings are written in.
//
//   requestParameters.bucketName             a property (exact name first, then case-insensitively:
//                                            CloudTrail spells the same field `arn`, `aRN`, `ARN`)
//   responseElements.instancesSet.items[*]   every element of a list; a lone object counts as a
//                                            one-element list (CloudTrail's XML-born records collapse them)
//   $.requestParameters.tagSet.items         from the record's root, when reading relative to an element
//   @                                        the element itself (an element that is a bare identifier)

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function property(value: unknown, key: string): unknown {
  if (!isRecord(value)) return undefined;
  if (key in value) return value[key];
  const lower = key.toLowerCase();
  const match = Object.keys(value).find((candidate) => candidate.toLowerCase() === lower);
  return match === undefined ? undefined : value[match];
}

/** Every value the path reaches from `element` (or from `root` for `$.` paths); nulls are dropped. */
export function valuesAt(element: unknown, root: unknown, path: string): unknown[] {
  if (path === '@') return element === undefined || element === null ? [] : [element];
  const fromRoot = path.startsWith('$.');
  let current: unknown[] = [fromRoot ? root : element];
  for (const segment of (fromRoot ? path.slice(2) : path).split('.')) {
    const spread = segment.endsWith('[*]');
    const key = spread ? segment.slice(0, -3) : segment;
    const next: unknown[] = [];
    for (const value of current) {
      const child = key === '' ? value : property(value, key);
      if (child === undefined || child === null) continue;
      if (spread && Array.isArray(child))
        next.push(...child.filter((item) => item !== undefined && item !== null));
      else next.push(child);
    }
    current = next;
  }
  return current;
}

/** The non-empty strings the path reaches. */
export function stringsAt(element: unknown, root: unknown, path: string): string[] {
  return valuesAt(element, root, path).filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
}

/**
 * The first identifier a list of alternatives yields. An alternative is a path, or a template whose
 * `{path}` holes must each read exactly one string (`{requestParameters.eventBusName}|{requestParameters.name}`).
 */
export function firstString(
  element: unknown,
  root: unknown,
  alternatives: readonly string[],
): string | undefined {
  for (const alternative of alternatives) {
    const value = alternative.includes('{')
      ? fillTemplate(element, root, alternative)
      : stringsAt(element, root, alternative)[0];
    if (value !== undefined) return value;
  }
  return undefined;
}

function fillTemplate(element: unknown, root: unknown, template: string): string | undefined {
  let complete = true;
  const filled = template.replace(/\{([^}]+)\}/g, (_whole, path: string) => {
    const values = stringsAt(element, root, path);
    if (values.length !== 1) complete = false;
    return values[0] ?? '';
  });
  return complete ? filled : undefined;
}
