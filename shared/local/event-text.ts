// The JSON text of a bus event, kept from the request that brought it: the journal and the dead-letter
// file store that text, so an event is written to disk even when JSON.stringify would throw on it (a
// detail nested 10,000 deep overflows the stack; JSON.parse, which made it, does not).
import type { BusEvent } from './put-events-protocol';

/** Texts of events whose text is known, by event object (dropped with the event). */
const TEXTS = new WeakMap<BusEvent, string>();

/** How much of an unserialisable event a dead letter keeps, and how deep its preview goes. */
const PREVIEW_CHARS = 64 * 1024;
const PREVIEW_DEPTH = 32;

/**
 * The envelope as one line of JSON, built around the detail's text as the client sent it. That text
 * was valid JSON (it was parsed), so line breaks in it are whitespace between tokens (JSON strings
 * cannot hold raw ones) and become spaces.
 */
export function envelopeText(event: BusEvent, detailText: string): string {
  const { detail: _detail, ...envelope } = event;
  const text = `${JSON.stringify(envelope).slice(0, -1)},"detail":${detailText.replace(/[\r\n]/g, ' ')}}`;
  TEXTS.set(event, text);
  return text;
}

/** Records the text an event was read from (a journal or dead-letter line). */
export function rememberEventText(event: BusEvent, text: string): void {
  TEXTS.set(event, text);
}

/**
 * The event as one line of JSON: its known text, else JSON.stringify, else a truncated form that
 * keeps the envelope, a preview of the detail and the reason (so nothing is ever left unwritten).
 */
export function eventText(event: BusEvent): { text: string; serializationError?: string } {
  const known = TEXTS.get(event);
  if (known !== undefined) return { text: known };
  try {
    return { text: JSON.stringify(event) };
  } catch (error) {
    const serializationError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const { detail, ...envelope } = event;
    const truncated = {
      ...envelope,
      detail: { unserializable: true, error: serializationError, preview: preview(detail) },
    };
    return { text: JSON.stringify(truncated), serializationError };
  }
}

/** A JSON rendering cut at PREVIEW_DEPTH levels and PREVIEW_CHARS characters. */
function preview(value: unknown): string {
  const render = (item: unknown, depth: number): string => {
    if (item === null || typeof item !== 'object') return JSON.stringify(item) ?? 'null';
    if (depth >= PREVIEW_DEPTH) return '"…"';
    if (Array.isArray(item)) return `[${item.map((entry) => render(entry, depth + 1)).join(',')}]`;
    return `{${Object.entries(item)
      .map(([key, entry]) => `${JSON.stringify(key)}:${render(entry, depth + 1)}`)
      .join(',')}}`;
  };
  const text = render(value, 0);
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}
