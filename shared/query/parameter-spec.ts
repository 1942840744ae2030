// Parameters as data: each spec carries the JSON Schema the OpenAPI document shows and a parser that
// enforces exactly that schema, so the published contract and the check cannot drift apart.

export type ParameterSchema =
  | {
      type: 'string';
      minLength?: number;
      maxLength?: number;
      pattern?: string;
      enum?: readonly string[];
      default?: string;
    }
  | { type: 'integer'; minimum: number; maximum: number; default: number };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface ParameterSpec<T> {
  description: string;
  schema: ParameterSchema;
  /** Applied when the parameter is absent (it then also takes part in a cursor's filter binding). */
  defaultValue?: T;
  parse(raw: string): Parsed<T>;
}

/** No control characters: they have no business in ids, names or tags, and make messages unreadable. */
const PRINTABLE = '^[^\\u0000-\\u001F\\u007F]*$';

export interface TextOptions {
  description: string;
  maxLength: number;
  /** DynamoDB caps key values in bytes (2048 partition, 1024 sort): the limit that really binds. */
  maxBytes?: number;
  minLength?: number;
  pattern?: string;
  /** What the pattern means, in words, for the error message. */
  patternHint?: string;
}

export function textParameter(options: TextOptions): ParameterSpec<string> {
  const minLength = options.minLength ?? 1;
  const pattern = options.pattern ?? PRINTABLE;
  const matcher = new RegExp(pattern, 'u');
  const bytesNote = options.maxBytes === undefined ? '' : ` and ${options.maxBytes} bytes of UTF-8`;
  const sizeRule =
    minLength === options.maxLength
      ? `exactly ${minLength} characters`
      : minLength === 0
        ? `at most ${options.maxLength} characters${bytesNote}`
        : `${minLength} to ${options.maxLength} characters${bytesNote}`;
  const shapeRule = options.patternHint ?? 'without control characters';
  return {
    description: `${options.description} (${sizeRule}, ${shapeRule}).`,
    schema: { type: 'string', minLength, maxLength: options.maxLength, pattern },
    parse(raw) {
      const length = [...raw].length;
      const fits =
        length >= minLength &&
        length <= options.maxLength &&
        (options.maxBytes === undefined || Buffer.byteLength(raw, 'utf8') <= options.maxBytes) &&
        matcher.test(raw);
      return fits ? { ok: true, value: raw } : { ok: false, problem: `must be ${sizeRule}, ${shapeRule}` };
    },
  };
}

export function enumParameter<const V extends string>(options: {
  description: string;
  values: readonly V[];
  defaultValue: V;
}): ParameterSpec<V> {
  const allowed = options.values.join(', ');
  return {
    description: `${options.description} One of ${allowed}; default ${options.defaultValue}.`,
    schema: { type: 'string', enum: options.values, default: options.defaultValue },
    defaultValue: options.defaultValue,
    parse(raw) {
      const value = options.values.find((candidate) => candidate === raw);
      return value === undefined ? { ok: false, problem: `must be one of ${allowed}` } : { ok: true, value };
    },
  };
}

export function integerParameter(options: {
  description: string;
  minimum: number;
  maximum: number;
  defaultValue: number;
}): ParameterSpec<number> {
  const rule = `an integer from ${options.minimum} to ${options.maximum}`;
  return {
    description: `${options.description} ${rule[0].toUpperCase()}${rule.slice(1)}; default ${options.defaultValue}.`,
    schema: {
      type: 'integer',
      minimum: options.minimum,
      maximum: options.maximum,
      default: options.defaultValue,
    },
    defaultValue: options.defaultValue,
    parse(raw) {
      // Digits only: no sign, exponent, hex or blanks, and short enough to be exact.
      const value = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
      return value >= options.minimum && value <= options.maximum
        ? { ok: true, value }
        : { ok: false, problem: `must be ${rule}` };
    },
  };
}
