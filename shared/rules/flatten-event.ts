// Reads an event the way Event Ruler does: every scalar value under its dotted path (object keys
// joined with ".", so `{"a.b": 1}` and `{"a": {"b": 1}}` are the same field; arrays are crushed, so
// each element's values sit under the array's own path), each remembering which element of which
// array it came from. That memory lets a match refuse to combine two fields taken from different
// elements of one array, as EventBridge does.
import type { Leaf } from './leaf-test';

/** Pairs laid flat: array id, element index, array id, element index, ... */
export type Membership = readonly number[];

export interface FlatValue {
  readonly value: Leaf;
  readonly membership: Membership;
}

export interface FlatEvent {
  readonly values: ReadonlyMap<string, readonly FlatValue[]>;
  /** Whether an array lies on a path read: if not, every membership is empty and order is moot. */
  readonly crossesArrays: boolean;
}

/** The paths worth reading: the pattern's field paths and every path on the way to one. */
export interface PathFilter {
  readonly fields: ReadonlySet<string>;
  readonly ancestors: ReadonlySet<string>;
  /** For each ancestor path ('' for the event itself), the keys that lead on without a dot. */
  readonly children: ReadonlyMap<string, ReadonlySet<string>>;
}

export function pathFilter(fieldPaths: Iterable<string>): PathFilter {
  const fields = new Set(fieldPaths);
  const ancestors = new Set<string>();
  const children = new Map<string, Set<string>>();
  for (const path of fields) {
    let parent = '';
    for (const key of path.split('.')) {
      const keys = children.get(parent) ?? new Set<string>();
      children.set(parent, keys.add(key));
      parent = parent === '' ? key : `${parent}.${key}`;
      if (parent !== path) ancestors.add(parent);
    }
  }
  return { fields, ancestors, children };
}

export function mergePathFilters(filters: readonly PathFilter[]): PathFilter {
  return pathFilter(filters.flatMap((filter) => [...filter.fields]));
}

/** The event's values at the filter's paths (the whole event would be read the same, only slower). */
export function flattenEvent(event: unknown, filter: PathFilter): FlatEvent {
  const reading: Reading = { filter, flat: new Map(), arrays: 0 };
  visit(reading, event, '', NO_ARRAYS);
  return { values: reading.flat, crossesArrays: reading.arrays > 0 };
}

interface Reading {
  readonly filter: PathFilter;
  readonly flat: Map<string, FlatValue[]>;
  arrays: number;
}

const NO_ARRAYS: Membership = [];

function visit(reading: Reading, node: unknown, path: string, membership: Membership): void {
  if (Array.isArray(node)) {
    const id = reading.arrays++;
    for (let index = 0; index < node.length; index++)
      visit(reading, node[index], path, [...membership, id, index]);
  } else if (typeof node === 'object' && node !== null) {
    const { filter } = reading;
    const wanted = filter.children.get(path);
    for (const key of Object.keys(node)) {
      // A key with a dot may join up with a pattern's nesting ({"a.b": ..} is a then b): check it whole.
      if (!wanted?.has(key) && !key.includes('.')) continue;
      const childPath = path === '' ? key : `${path}.${key}`;
      if (filter.fields.has(childPath) || filter.ancestors.has(childPath))
        visit(reading, (node as Record<string, unknown>)[key], childPath, membership);
    }
  } else if (isLeaf(node) && reading.filter.fields.has(path)) {
    const values = reading.flat.get(path);
    if (values) values.push({ value: node, membership });
    else reading.flat.set(path, [{ value: node, membership }]);
  }
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
