// The error EventBridge gives for a pattern it refuses (PutRule, TestEventPattern): the same exception
// name and message shape, so a local refusal reads like the one AWS would return.

/**
 * `Event pattern is not valid. Reason: <reason> at <where>`. AWS ends the message with the parser's
 * position in the JSON text; we name the pattern path instead (`detail.state[0]`), which says the same
 * thing for a pattern given as an object.
 */
export class InvalidEventPatternException extends Error {
  override name = 'InvalidEventPatternException';

  constructor(
    /** Event Ruler's wording of the problem, as EventBridge reports it after "Reason: ". */
    readonly reason: string,
    /** Where in the pattern: dotted field path, `[i]` for an index in a value list. */
    readonly path: string,
  ) {
    super(`Event pattern is not valid. Reason: ${reason}${path ? ` at ${path}` : ''}`);
  }
}

/** The name this module's callers used before it matched EventBridge's exception. */
export { InvalidEventPatternException as InvalidPatternError };
