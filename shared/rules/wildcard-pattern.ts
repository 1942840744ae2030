// EventBridge's wildcard strings: `*` stands for any run of characters (none included), `\*` for a
// star and `\\` for a backslash; any other escape and two stars in a row are refused, with Event
// Ruler's wording and position (a byte offset into the quoted UTF-8 value, hence the +1).

const utf8 = new TextEncoder();

/** The anchored expression a wildcard string stands for, or EventBridge's reason for refusing it. */
export function compileWildcard(wildcard: string): { regex: RegExp } | { reason: string } {
  const chars = Array.from(wildcard);
  let source = '';
  let bytesSoFar = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    const position = bytesSoFar + 1;
    if (char === '*') {
      if (chars[i + 1] === '*') return { reason: `Consecutive wildcard characters at pos ${position}` };
      source += '[\\s\\S]*';
    } else if (char === '\\') {
      const next = chars[i + 1];
      if (next !== '*' && next !== '\\') return { reason: `Invalid escape character at pos ${position}` };
      source += `\\${next}`;
      i++;
      bytesSoFar++;
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    bytesSoFar += utf8.encode(char).length;
  }
  return { regex: new RegExp(`^${source}$`, 'u') };
}
