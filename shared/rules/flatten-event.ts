// Reads an event the way Event Ruler does: every scalar value under its dotted path (object keys
// joined with ".", so `{"a.b": 1}` and `{"a": {"b": 1}}` are the same field; arrays are crushed, so
// each element's values sit under the array's own path), each remembering which element of which
// array it came from. That memory lets a match refuse to combine two fields taken from different
// elements of one array, as EventBridge does.
import type { Leaf } from './field-matcher';

/** Pairs laid flat: array id, element index, array id, element index, ... */
export type Membership = readonly number[];

export interface FlatValue {
  readonly value: Leaf;
  readonly membership: Membership;
}

export type FlatEvent = ReadonlyMap<string, readonly FlatValue[]>;

/** The paths worth reading: the pattern's field paths and every path on the way to one. */
export interface PathFilter {
  readonly fields: ReadonlySet<string>;
  readonly ancestors: ReadonlySet<string>;
}

export function pathFilter(fieldPaths: Iterable<string>): PathFilter {
  const fields = new Set(fieldPaths);
  const ancestors = new Set<string>();
  for (const path of fields) {
    for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1))
      ancestors.add(path.slice(0, dot));
  }
  return { fields, ancestors };
}

export function mergePathFilters(filters: readonly PathFilter[]): PathFilter {
  return {
    fields: new Set(filters.flatMap((filter) => [...filter.fields])),
    ancestors: new Set(filters.flatMap((filter) => [...filter.ancestors])),
  };
}

/** The event's values at the filter's paths (the whole event would be read the same, only slower). */
export function flattenEvent(event: unknown, filter: PathFilter): FlatEvent {
  const flat = new Map<string, FlatValue[]>();
  let arrays = 0;
  const visit = (node: unknown, path: string, membership: Membership): void => {
    if (Array.isArray(node)) {
      const id = arrays++;
      node.forEach((element: unknown, index) => visit(element, path, [...membership, id, index]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        const childPath = path === '' ? key : `${path}.${key}`;
        if (filter.fields.has(childPath) || filter.ancestors.has(childPath))
          visit(child, childPath, membership);
      }
    } else if (isLeaf(node) && filter.fields.has(path)) {
      const values = flat.get(path);
      if (values) values.push({ value: node, membership });
      else flat.set(path, [{ value: node, membership }]);
    }
  };
  visit(event, '', []);
  return flat;
}

/** Whether two values can be taken together: no array in which they sit at different elements. */
export function consistent(a: Membership, b: Membership): boolean {
  for (let i = 0; i < a.length; i += 2) {
    for (let j = 0; j < b.length; j += 2) {
      if (a[i] === b[j] && a[i + 1] !== b[j + 1]) return false;
    }
  }
  return true;
}

export function mergeMemberships(a: Membership, b: Membership): Membership {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const merged = [...a];
  for (let j = 0; j < b.length; j += 2) {
    let known = false;
    for (let i = 0; i < a.length; i += 2) known ||= a[i] === b[j];
    if (!known) merged.push(b[j], b[j + 1]);
  }
  return merged;
}

function isLeaf(value: unknown): value is Leaf {
  return (
    value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
  );
}
