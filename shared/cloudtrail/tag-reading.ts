// Turns the many ways CloudTrail records spell tags into one `{key: value}` object, and tag-key lists
// into a list of keys. Values are kept as strings whatever JSON type the record used (`"Value": true`).
import type { TagSource } from './cloudtrail-mapping';
import { isRecord, valuesAt } from './detail-path';

const KEY_FIELDS = ['key', 'tagkey'];
const VALUE_FIELDS = ['value', 'tagvalue'];
const SPEC_TAG_FIELDS = ['tags', 'tag', 'tagset'];

function field(record: Record<string, unknown>, names: readonly string[]): unknown {
  const match = Object.keys(record).find((key) => names.includes(key.toLowerCase()));
  return match === undefined ? undefined : record[match];
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function addListTags(target: Record<string, string>, value: unknown): void {
  for (const item of asList(value)) {
    if (!isRecord(item)) continue;
    const key = asText(field(item, KEY_FIELDS));
    // EC2 and others allow a tag without a value; it reads as the empty string.
    if (key !== undefined) target[key] = asText(field(item, VALUE_FIELDS)) ?? '';
  }
}

/** The tags the sources find, merged in order; undefined when no source found any. */
export function readTags(
  sources: readonly TagSource[],
  element: unknown,
  root: unknown,
): Record<string, string> | undefined {
  const tags: Record<string, string> = {};
  for (const source of sources) {
    for (const value of valuesAt(element, root, source.path)) {
      if (source.format === 'map' && isRecord(value)) {
        for (const [key, raw] of Object.entries(value)) {
          const text = asText(raw);
          if (text !== undefined) tags[key] = text;
        }
      } else if (source.format === 'list') {
        addListTags(tags, value);
      } else if (source.format === 'specs') {
        for (const spec of asList(value)) {
          if (!isRecord(spec)) continue;
          const kind = asText(field(spec, ['resourcetype']));
          if (source.specType !== undefined && kind !== source.specType) continue;
          // XML-born records carry a numeric `tag` beside the `Tag` list: take the field that holds tags.
          const specTags = Object.entries(spec).find(
            ([key, candidate]) =>
              SPEC_TAG_FIELDS.includes(key.toLowerCase()) && typeof candidate === 'object',
          )?.[1];
          // EC2 nests them once more as `{items: [...]}` in some records.
          addListTags(tags, isRecord(specTags) && 'items' in specTags ? specTags.items : specTags);
        }
      }
    }
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** The tag keys the paths name: strings, lists of strings, or tag objects (their key). */
export function readTagKeys(paths: readonly string[], element: unknown, root: unknown): string[] {
  const keys: string[] = [];
  for (const path of paths) {
    for (const value of valuesAt(element, root, path)) {
      for (const item of asList(value)) {
        const key = isRecord(item) ? asText(field(item, KEY_FIELDS)) : asText(item);
        if (key !== undefined && !keys.includes(key)) keys.push(key);
      }
    }
  }
  return keys;
}
