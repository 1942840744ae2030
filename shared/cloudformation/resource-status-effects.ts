// What each CloudFormation resource status means for the index, as data. docs/cloudformation-statuses.md
// explains the same table with the stack operations (rollbacks, replacements) that produce it.
//
// | status                                   | effect on the resource's row                                   |
// |------------------------------------------|----------------------------------------------------------------|
// | CREATE_COMPLETE                          | upsert, lifecycle create, stack membership set                 |
// | IMPORT_COMPLETE                          | upsert, lifecycle create (existing resource now in the stack)  |
// | UPDATE_COMPLETE                          | upsert, lifecycle update (also: the new resource of a          |
// |                                          | replacement, and a resource restored by an update rollback)    |
// | DELETE_COMPLETE                          | delete (tombstone); also the old resource of a replacement,    |
// |                                          | and what a create rollback leaves behind                       |
// | DELETE_SKIPPED                           | upsert, lifecycle detach, stack null: retained, stays active   |
// | IMPORT_ROLLBACK_COMPLETE                 | upsert, lifecycle detach, stack null: the import was undone,   |
// |                                          | the resource itself is left alone                              |
// | *_IN_PROGRESS                            | skipped: nothing has happened yet                              |
// | CREATE_FAILED                            | skipped: nothing was created                                   |
// | UPDATE_FAILED, DELETE_FAILED             | skipped: the resource is as it was (a failed delete leaves it) |
// | IMPORT_FAILED, EXPORT_*_FAILED, ...      | skipped, as every *_FAILED                                     |
// | ROLLBACK_*, UPDATE_ROLLBACK_* (resource) | skipped: rollbacks act through CREATE/UPDATE/DELETE events     |
// | EXPORT_COMPLETE                          | skipped: the resource moved to another stack, whose            |
// |                                          | IMPORT_COMPLETE sets the new membership                        |
// | anything else                            | skipped, with the status named in the reason                   |
import type { Lifecycle } from '../model/resource-change';

export type ResourceStatusEffect =
  | { kind: 'upsert'; lifecycle: Extract<Lifecycle, 'create' | 'update'> }
  | { kind: 'detach' }
  | { kind: 'delete' }
  | { kind: 'skip'; reason: string };

const ROLLBACK_REASON = 'a rollback status: its effects arrive as CREATE/UPDATE/DELETE events';

export const RESOURCE_STATUS_EFFECTS: Readonly<Record<string, ResourceStatusEffect>> = {
  CREATE_COMPLETE: { kind: 'upsert', lifecycle: 'create' },
  IMPORT_COMPLETE: { kind: 'upsert', lifecycle: 'create' },
  UPDATE_COMPLETE: { kind: 'upsert', lifecycle: 'update' },
  DELETE_COMPLETE: { kind: 'delete' },
  DELETE_SKIPPED: { kind: 'detach' },
  IMPORT_ROLLBACK_COMPLETE: { kind: 'detach' },
  CREATE_FAILED: { kind: 'skip', reason: 'the create failed: nothing was created' },
  UPDATE_FAILED: { kind: 'skip', reason: 'the update failed: the resource is as it was' },
  DELETE_FAILED: { kind: 'skip', reason: 'the delete failed: the resource still exists' },
  EXPORT_COMPLETE: {
    kind: 'skip',
    reason: 'the resource moved to another stack; its IMPORT_COMPLETE there sets the membership',
  },
  ROLLBACK_COMPLETE: { kind: 'skip', reason: ROLLBACK_REASON },
  ROLLBACK_FAILED: { kind: 'skip', reason: ROLLBACK_REASON },
  UPDATE_ROLLBACK_COMPLETE: { kind: 'skip', reason: ROLLBACK_REASON },
  UPDATE_ROLLBACK_FAILED: { kind: 'skip', reason: ROLLBACK_REASON },
  EXPORT_ROLLBACK_COMPLETE: { kind: 'skip', reason: ROLLBACK_REASON },
};

/** The effect of a resource status; statuses not in the table are skipped, never guessed at. */
export function resourceStatusEffect(status: string): ResourceStatusEffect {
  const known = RESOURCE_STATUS_EFFECTS[status];
  if (known) return known;
  if (status.endsWith('_IN_PROGRESS')) return { kind: 'skip', reason: 'nothing has happened yet' };
  if (status.endsWith('_FAILED')) return { kind: 'skip', reason: 'a failed operation changes nothing' };
  return { kind: 'skip', reason: 'not a status the index acts on' };
}
