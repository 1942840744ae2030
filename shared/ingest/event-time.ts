// Event times in the one form the index orders by: ISO 8601 UTC to the second (`2024-01-02T03:04:05Z`).
// History is sorted by comparing these strings, so every normalizer must emit exactly this form.

/** The canonical form of an event time, or undefined when it is not a date. */
export function canonicalEventTime(time: string): string | undefined {
  const millis = Date.parse(time);
  if (Number.isNaN(millis)) return undefined;
  // Sub-second digits are dropped: EventBridge times have one-second granularity, and mixing
  // precisions would break the string order the fold relies on.
  return new Date(millis).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
