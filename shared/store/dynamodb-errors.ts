// Decides, in one place, what a DynamoDB error means for the caller.

/** A lost optimistic-concurrency race (or an item that already exists): read again and retry. */
export function isConditionConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException' || error.name === 'TransactionConflictException')
    return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.some(
    (reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict',
  );
}

/** Socket-level failures: the store could not be reached or stopped answering. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The store cannot serve now (unreachable, timed out, throttling, a 5xx): the caller may try again
 * later, and the query API answers 503 `store_unavailable` rather than 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  if (error.name.includes('Throttl') || error.name === 'ProvisionedThroughputExceededException') return true;
  if (error.name === 'RequestLimitExceeded' || error.name === 'InternalServerError') return true;
  // The SDK's request deadline (requestHandler.requestTimeout / connectionTimeout).
  if (error.name === 'TimeoutError') return true;
  if ((meta?.httpStatusCode ?? 0) >= 500) return true;
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && UNREACHABLE_CODES.has(code);
}

/** Errors a retry may cure (throttling, unavailability, network): handlers rethrow so the platform retries. */
export function isRetryableStoreError(error: unknown): boolean {
  return isStoreUnavailable(error) || isConditionConflict(error);
}
