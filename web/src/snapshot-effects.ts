// What each snapshot entry of a resource's history did to its row: found it (the first the index knew
// of it), corrected it (status, name, tags or stack differed from what the events before it said), or
// confirmed it. Read from the history itself, replayed oldest first as the index folds it.
import type { HistoryEntry } from './api-shapes';

export type SnapshotEffect =
  { kind: 'found' } | { kind: 'corrected'; fields: string[] } | { kind: 'confirmed' };

interface RowState {
  active: boolean;
  name?: string;
  tags?: Record<string, string>;
  stack?: string | null;
}

/**
 * `history` newest first, complete (every older entry present); the effect of each snapshot entry,
 * by its position in `history`.
 */
export function snapshotEffects(history: readonly HistoryEntry[]): Map<number, SnapshotEffect> {
  const effects = new Map<number, SnapshotEffect>();
  let state: RowState | undefined;
  for (let at = history.length - 1; at >= 0; at--) {
    const entry = history[at];
    const next = applied(state, entry);
    if (entry.source === 'snapshot') effects.set(at, effectOf(state, next));
    state = next;
  }
  return effects;
}

function applied(state: RowState | undefined, entry: HistoryEntry): RowState {
  const next: RowState = { ...state, active: entry.action !== 'delete' };
  if (entry.name !== null && entry.name !== undefined) next.name = entry.name;
  if (entry.stack !== undefined) next.stack = entry.stack === null ? null : entry.stack.id;
  const tags = entry.tags;
  if (tags?.set) next.tags = { ...tags.set };
  if (tags?.add) next.tags = { ...next.tags, ...tags.add };
  if (tags?.remove?.length) {
    const kept = { ...next.tags };
    for (const key of tags.remove) delete kept[key];
    next.tags = kept;
  }
  return next;
}

function effectOf(before: RowState | undefined, after: RowState): SnapshotEffect {
  // A first entry that says "absent" found nothing: it only confirms what later events will say.
  if (!before) return after.active ? { kind: 'found' } : { kind: 'confirmed' };
  const fields: string[] = [];
  if (before.active !== after.active) fields.push(after.active ? 'status: restored' : 'status: deleted');
  if (before.name !== undefined && before.name !== after.name) fields.push('name');
  if (before.tags !== undefined && !sameTags(before.tags, after.tags)) fields.push('tags');
  if (before.stack !== undefined && before.stack !== after.stack) fields.push('stack');
  return fields.length > 0 ? { kind: 'corrected', fields } : { kind: 'confirmed' };
}

function sameTags(a: Record<string, string>, b: Record<string, string> | undefined): boolean {
  if (!b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
