// Event times as the index keeps them (ISO 8601, UTC), shown compactly and still unambiguous.
import { element } from './element';

export function formatTime(iso: string | null | undefined): HTMLElement | string {
  if (!iso) return '—';
  const shown = iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC');
  return element('time', { attributes: { datetime: iso } }, shown);
}
