// A resource's row as a mergeable state: every field a last-writer-wins register keyed by the change
// order (change-order.ts), tags a map of such registers under a clear watermark, times as min/max.
// Merging is commutative, associative and idempotent, so merging a change into the stored state
// gives the same row as folding the whole history in order: the store never reads history to write.
import { compareOrders, orderKey, timeOfOrder } from './change-order';
import type { RecordedChange } from './change-order';
import { nameFromId, principalName, serviceOfType } from './resource-change';
import type { ChangeSource, ResourceChange, StackMembership, TagChange } from './resource-change';
import type { ResourceRecord } from './resource-record';

/** A value and the order of the change that set it; the higher order wins. */
export interface Register<T> {
  v: T;
  o: string;
}

export interface ResourceState {
  id: string;
  /** The newest change merged. */
  maxOrder: string;
  arn?: Register<string>;
  /** A type known from a mapping (`derived` false) beats one guessed from an ARN, whatever the order. */
  type: Register<string> & { derived: boolean };
  account?: Register<string>;
  region?: Register<string>;
  name?: Register<string>;
  stack?: Register<StackMembership | null>;
  /** Per tag key: its value (null = removed) and the order of the change that last touched it. */
  tags: Record<string, Register<string | null>>;
  /** Order of the newest change that replaced the whole tag set: older tag registers no longer count. */
  tagsSetAt?: string;
  /** Order of the newest upsert: the resource exists from there on. */
  lastUpsert?: string;
  /**
   * Orders of the deletes and absences newer than `lastUpsert`, oldest first. The resource is deleted
   * while there is one, since the first of them (an absence after a delete does not move deletedAt).
   */
  deletesAfterUpsert: string[];
  sources: ChangeSource[];
  /** Earliest change other than an absence. */
  firstSeen?: string;
  /** Newest change other than an observation or an absence: what the events say last changed it. */
  changedAt?: string;
  lastConfirmed?: string;
  createdBy?: Register<string>;
  lastChangedBy?: Register<string>;
}

/** Merges changes of one resource (any order, duplicates allowed) into a state; undefined for none. */
export function mergeChanges(
  state: ResourceState | undefined,
  changes: readonly RecordedChange[],
): ResourceState | undefined {
  let merged = state;
  for (const change of changes) merged = mergeChange(merged, change);
  return merged;
}

export function mergeChange(state: ResourceState | undefined, change: RecordedChange): ResourceState {
  const order = orderKey(change);
  const next: ResourceState = state
    ? { ...state, tags: { ...state.tags }, deletesAfterUpsert: [...state.deletesAfterUpsert] }
    : {
        id: change.id,
        maxOrder: order,
        type: { v: change.type, derived: change.typeDerived === true, o: order },
        tags: {},
        deletesAfterUpsert: [],
        sources: [],
      };
  if (compareOrders(order, next.maxOrder) > 0) next.maxOrder = order;

  const derived = change.typeDerived === true;
  if (
    (next.type.derived && !derived) ||
    (next.type.derived === derived && compareOrders(order, next.type.o) > 0)
  )
    next.type = { v: change.type, derived, o: order };

  if (change.action === 'delete') {
    if (next.lastUpsert === undefined || compareOrders(order, next.lastUpsert) > 0)
      next.deletesAfterUpsert = insertSorted(next.deletesAfterUpsert, order);
  } else if (next.lastUpsert === undefined || compareOrders(order, next.lastUpsert) > 0) {
    next.lastUpsert = order;
    next.deletesAfterUpsert = next.deletesAfterUpsert.filter((deleteOrder) => deleteOrder > order);
  }

  const time = change.eventTime;
  if (change.lifecycle === 'absent') {
    // An absence says only "not there at T": it moves status, nothing else.
    return next;
  }
  next.arn = newer(next.arn, change.arn || undefined, order);
  next.account = newer(next.account, change.account || undefined, order);
  next.region = newer(next.region, change.region || undefined, order);
  next.name = newer(next.name, change.name || undefined, order);
  if (change.stack !== undefined) next.stack = newer(next.stack, change.stack, order);
  if (change.tags) mergeTags(next, change.tags, order);
  if (!next.sources.includes(change.source)) next.sources = [...next.sources, change.source].sort();
  if (next.firstSeen === undefined || time < next.firstSeen) next.firstSeen = time;
  if (change.lifecycle === 'observe') {
    if (next.lastConfirmed === undefined || time > next.lastConfirmed) next.lastConfirmed = time;
  } else if (next.changedAt === undefined || time > next.changedAt) {
    next.changedAt = time;
  }
  const by = principalName(change.principal);
  if (by !== null) {
    next.lastChangedBy = newer(next.lastChangedBy, by, order);
    if (change.lifecycle === 'create') next.createdBy = newer(next.createdBy, by, order);
  }
  return next;
}

/**
 * Merges the state of another row of the same resource (one indexed under an alias id) into `into`:
 * the same state as merging both rows' changes into one, since every field is a register, a set, a
 * min/max or a watermark. Keeps the id of `into`.
 */
export function mergeStates(into: ResourceState, other: ResourceState): ResourceState {
  const next: ResourceState = { ...into, tags: { ...into.tags } };
  if (compareOrders(other.maxOrder, next.maxOrder) > 0) next.maxOrder = other.maxOrder;
  if (
    (next.type.derived && !other.type.derived) ||
    (next.type.derived === other.type.derived && compareOrders(other.type.o, next.type.o) > 0)
  )
    next.type = other.type;
  next.arn = newerRegister(next.arn, other.arn);
  next.account = newerRegister(next.account, other.account);
  next.region = newerRegister(next.region, other.region);
  next.name = newerRegister(next.name, other.name);
  next.stack = newerRegister(next.stack, other.stack);
  next.createdBy = newerRegister(next.createdBy, other.createdBy);
  next.lastChangedBy = newerRegister(next.lastChangedBy, other.lastChangedBy);

  const tagsSetAt = laterOrder(next.tagsSetAt, other.tagsSetAt);
  if (tagsSetAt !== undefined) next.tagsSetAt = tagsSetAt;
  for (const [key, register] of Object.entries(other.tags)) {
    const current = next.tags[key];
    if (!current || compareOrders(register.o, current.o) > 0) next.tags[key] = register;
  }
  if (tagsSetAt !== undefined)
    for (const [key, register] of Object.entries(next.tags))
      if (register.o < tagsSetAt) delete next.tags[key];

  const lastUpsert = laterOrder(next.lastUpsert, other.lastUpsert);
  if (lastUpsert !== undefined) next.lastUpsert = lastUpsert;
  next.deletesAfterUpsert = [...new Set([...into.deletesAfterUpsert, ...other.deletesAfterUpsert])]
    .filter((order) => lastUpsert === undefined || compareOrders(order, lastUpsert) > 0)
    .sort(compareOrders);
  next.sources = [...new Set([...into.sources, ...other.sources])].sort();
  const firstSeen = [into.firstSeen, other.firstSeen].filter((time) => time !== undefined).sort()[0];
  if (firstSeen !== undefined) next.firstSeen = firstSeen;
  const changedAt = laterOrder(into.changedAt, other.changedAt);
  if (changedAt !== undefined) next.changedAt = changedAt;
  const lastConfirmed = laterOrder(into.lastConfirmed, other.lastConfirmed);
  if (lastConfirmed !== undefined) next.lastConfirmed = lastConfirmed;
  return next;
}

/** The row a state stands for: the API's item fields (without indexedAt). */
export function recordOfState(state: ResourceState): ResourceRecord {
  const firstSeen = state.firstSeen ?? timeOfOrder(state.maxOrder);
  const deletedAt = state.deletesAfterUpsert.length > 0 ? timeOfOrder(state.deletesAfterUpsert[0]) : null;
  const changedAt = state.changedAt ?? firstSeen;
  const type = state.type.v;
  return {
    id: state.id,
    arn: state.arn?.v ?? null,
    type,
    service: serviceOfType(type),
    account: state.account?.v ?? '',
    region: state.region?.v ?? '',
    name: state.name?.v ?? nameFromId(state.id),
    status: deletedAt === null ? 'active' : 'deleted',
    stack: state.stack?.v ? { ...state.stack.v } : null,
    tags: currentTags(state),
    firstSeen,
    lastChanged: deletedAt !== null && deletedAt > changedAt ? deletedAt : changedAt,
    deletedAt,
    sources: [...state.sources],
    createdBy: state.createdBy?.v ?? null,
    lastChangedBy: state.lastChangedBy?.v ?? null,
    lastConfirmed: state.lastConfirmed ?? null,
  };
}

export function currentTags(state: ResourceState): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const key of Object.keys(state.tags).sort()) {
    const register = state.tags[key];
    if (register.v !== null && (state.tagsSetAt === undefined || register.o >= state.tagsSetAt))
      tags[key] = register.v;
  }
  return tags;
}

/**
 * One change's tag effect, applied as one step at its order: `set` replaces the whole set (older
 * registers stop counting), `add` sets keys, `remove` drops keys, in that order. Registers older than
 * the watermark can never count again, so they are dropped: the state stays as small as the tags.
 */
function mergeTags(state: ResourceState, change: TagChange, order: string): void {
  const effect = new Map<string, string | null>();
  for (const [key, value] of Object.entries(change.set ?? {})) effect.set(key, value);
  for (const [key, value] of Object.entries(change.add ?? {})) effect.set(key, value);
  for (const key of change.remove ?? []) effect.set(key, null);
  for (const [key, value] of effect) {
    if (state.tagsSetAt !== undefined && compareOrders(order, state.tagsSetAt) < 0) break;
    const current = state.tags[key];
    if (!current || compareOrders(order, current.o) > 0) state.tags[key] = { v: value, o: order };
  }
  if (change.set && (state.tagsSetAt === undefined || compareOrders(order, state.tagsSetAt) > 0)) {
    state.tagsSetAt = order;
    for (const [key, register] of Object.entries(state.tags)) if (register.o < order) delete state.tags[key];
  }
}

function newer<T>(
  current: Register<T> | undefined,
  value: T | undefined,
  order: string,
): Register<T> | undefined {
  if (value === undefined) return current;
  if (current && compareOrders(order, current.o) <= 0) return current;
  return { v: value, o: order };
}

function newerRegister<T>(a: Register<T> | undefined, b: Register<T> | undefined): Register<T> | undefined {
  if (!a) return b;
  if (!b) return a;
  return compareOrders(b.o, a.o) > 0 ? b : a;
}

/** The later of two orders (or times: both sort as text), either possibly absent. */
function laterOrder(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareOrders(b, a) > 0 ? b : a;
}

function insertSorted(orders: string[], order: string): string[] {
  if (orders.includes(order)) return orders;
  return [...orders, order].sort(compareOrders);
}

/** Numbers several changes of one event to one resource 0, 1, ... in the order given. */
export function recordChanges(changes: readonly ResourceChange[]): RecordedChange[] {
  const seqs = new Map<string, number>();
  return changes.map((change) => {
    const key = `${change.id}\u0000${change.eventId}`;
    const seq = seqs.get(key) ?? 0;
    seqs.set(key, seq + 1);
    return { ...change, seq };
  });
}
