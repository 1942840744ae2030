// Full-jitter exponential backoff for the store's own retries (lost races, unprocessed batch keys).

/** Waits a random time up to min(capMs, 10 ms x 2^attempt). */
export function backoff(attempt: number, capMs = 1000): Promise<void> {
  const cap = Math.min(capMs, 10 * 2 ** attempt);
  return new Promise((resolveWait) => setTimeout(resolveWait, Math.random() * cap));
}
