// Numbers as EventBridge compares them: scaled to millionths, and only within ±5e9 with at most six
// decimals (Event Ruler's ComparableNumber). A pattern number outside refuses the pattern; an event
// number outside is simply not numeric, so no numeric comparison (and no anything-but number) sees it.
import { EVENT_PATTERN_LIMITS } from './event-pattern-limits';

const { numericMagnitude, numericDecimals } = EVENT_PATTERN_LIMITS;

/** The number in millionths (an exact integer), or why EventBridge cannot compare it. */
export function toComparable(value: number): { micros: number } | { reason: string } {
  if (!Number.isFinite(value)) return { reason: `Value must be between -5.0E9 and 5.0E9, inclusive` };
  if (decimalPlaces(value) > numericDecimals)
    return { reason: `Only values upto ${numericDecimals} decimals are supported` };
  if (Math.abs(value) > numericMagnitude)
    return { reason: `Value must be between -5.0E9 and 5.0E9, inclusive` };
  // Within 5e9 * 1e6 < 2^53 the scaled value is an exact integer once rounded.
  return { micros: Math.round(value * 1e6) };
}

/** The millionths of an event number, or undefined when EventBridge would not treat it as numeric. */
export function comparableMicros(value: number): number | undefined {
  const comparable = toComparable(value);
  return 'micros' in comparable ? comparable.micros : undefined;
}

/** Digits right of the point in the number's shortest form (what a JSON text of it would show). */
function decimalPlaces(value: number): number {
  const [mantissa, exponent = '0'] = String(Math.abs(value)).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}
