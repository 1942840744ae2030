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

/** Errors a retry may cure (throttling, unavailability, network): handlers rethrow so the platform retries. */
export function isRetryableStoreError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (error as { $metadata?: { httpStatusCode?: number }; $retryable?: unknown }).$metadata;
  if (error.name.includes('Throttl') || error.name === 'ProvisionedThroughputExceededException') return true;
  if (error.name === 'RequestLimitExceeded' || error.name === 'InternalServerError') return true;
  if ((meta?.httpStatusCode ?? 0) >= 500) return true;
  const code = (error as NodeJS.ErrnoException).code;
  return (
    code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || isConditionConflict(error)
  );
}
