// The shape of an EventBridge event pattern, as plain JSON data (what PutRule's EventPattern holds).

export type JsonScalar = string | number | boolean | null;

/** One entry of a field's value list: a literal to equal, or an operator object (`{prefix: ...}`). */
export type PatternMatcher = JsonScalar | { readonly [operator: string]: unknown };

/**
 * Fields are ANDed; a field's array lists alternatives (OR); a nested object matches a nested
 * object of the event; `$or` lists alternative sub-patterns.
 */
export interface EventPattern {
  readonly [field: string]: readonly PatternMatcher[] | EventPattern | readonly EventPattern[];
}

/** A JSON object (not null, not an array): a pattern, a nested pattern or an operator. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
