// The bounds the pattern language puts on values, and the guard we add where AWS documents none.
// Numbers: EventBridge User Guide, "Content filtering in Amazon EventBridge event patterns" >
// "Numeric matching" limits numeric matching to JSON numbers within a range, with six digits right
// of the decimal point (the archived guide says -1.0e9..+1.0e9); Event Ruler (github aws/event-ruler,
// the engine EventBridge runs) enforces -5.0e9..+5.0e9 in ComparableNumber and refuses a pattern
// number outside it. We follow Ruler; the case table's bounds cases put it to the parity test.

export const EVENT_PATTERN_LIMITS = {
  /** Largest magnitude a `numeric` bound or an `anything-but` number may have. */
  numericMagnitude: 5e9,
  /** Digits right of the decimal point a comparable number may have. */
  numericDecimals: 6,
  /**
   * `$or` multiplies: each branch of each `$or` becomes one sub-pattern (Event Ruler compiles a
   * rule into one field map per combination). EventBridge documents no number; within the
   * 2,048-character quota, nested `$or`s could still ask for 2^50 combinations, so we refuse past
   * this many rather than exhaust memory. A pattern refused only by this guard is one EventBridge
   * might accept: the reason says so.
   */
  subPatterns: 1024,
} as const;
