// The /resources filters as a predicate on one record: used where an index other than the filters'
// own serves the read (the word index), so every filter still combines with `q`.
import type { ResourceRecord } from '../model/resource-record';
import { stackNameOf } from '../store/index-store';
import type { ResourceFilter } from '../store/index-store';

/** True when the record passes every filter given (status `active` when none is). */
export function matchesResourceFilter(record: ResourceRecord, filter: ResourceFilter): boolean {
  const status = filter.status ?? 'active';
  if (status !== 'all' && record.status !== status) return false;
  if (filter.type !== undefined && record.type !== filter.type) return false;
  if (filter.service !== undefined && record.service !== filter.service) return false;
  if (filter.account !== undefined && record.account !== filter.account) return false;
  if (filter.region !== undefined && record.region !== filter.region) return false;
  if (filter.namePrefix !== undefined && !record.name.startsWith(filter.namePrefix)) return false;
  if (filter.stack !== undefined) {
    if (record.stack?.name !== stackNameOf(filter.stack)) return false;
    if (filter.stack.startsWith('arn:') && record.stack.id !== filter.stack) return false;
  }
  return Object.entries(filter.tags ?? {}).every(([key, value]) => record.tags[key] === value);
}
