// CloudFormation stack statuses in the order they happen, to order status changes inside one second.
const STACK_STATUS_ORDER = [
  'REVIEW_IN_PROGRESS',
  'CREATE_IN_PROGRESS',
  'CREATE_FAILED',
  'CREATE_COMPLETE',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_FAILED',
  'ROLLBACK_COMPLETE',
  'IMPORT_IN_PROGRESS',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_IN_PROGRESS',
  'IMPORT_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_COMPLETE',
  'UPDATE_IN_PROGRESS',
  'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_FAILED',
  'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'UPDATE_ROLLBACK_COMPLETE',
  'DELETE_IN_PROGRESS',
  'DELETE_FAILED',
  'DELETE_COMPLETE',
] as const;

export const STACK_STATUSES: readonly string[] = STACK_STATUS_ORDER;

const RANK = new Map<string, number>(STACK_STATUS_ORDER.map((status, index) => [status, index]));

/** Unknown statuses (new ones AWS may add) rank with the updates: after creation, before deletion. */
export function stackStatusRank(status: string): number {
  return RANK.get(status) ?? RANK.get('UPDATE_IN_PROGRESS')!;
}
