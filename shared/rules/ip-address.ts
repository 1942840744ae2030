// IP addresses as EventBridge reads them (Event Ruler's CIDR class): IPv4 or IPv6 literals, compared
// as numbers, so `cidr` ranges and exact IP values match any spelling of the same address.

export interface IpAddress {
  /** 4 for IPv4 (and IPv4-mapped IPv6, as Java's InetAddress returns it), 16 for IPv6. */
  readonly bytes: 4 | 16;
  readonly value: bigint;
}

const IPV4_LIKE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_LIKE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

/** The address a string spells, or undefined when it is not an IP literal. */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (IPV4_LIKE.test(text)) return parseIpv4(text);
  if (IPV6_LIKE.test(text)) return parseIpv6(text);
  return undefined;
}

/** A `cidr` operand: its test, or EventBridge's reason for refusing it. */
export function compileCidr(cidr: string): { test: (value: string) => boolean } | { reason: string } {
  const parts = cidr.split('/');
  // Java's String.split drops trailing empty strings: "10.0.0.0/" has one part.
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) return { reason: "Malformed CIDR, one '/' required" };
  const [addressText, maskText] = parts;
  if (!/^[+-]?\d{1,10}$/.test(maskText)) return { reason: 'Malformed CIDR, mask bits must be an integer' };
  const maskBits = Number(maskText);
  if (maskBits < 0) return { reason: 'Malformed CIDR, mask bits must not be negative' };
  const looksLikeIp = IPV4_LIKE.test(addressText) || IPV6_LIKE.test(addressText);
  const base = parseIpAddress(addressText);
  if (!base) return { reason: `${looksLikeIp ? 'Invalid' : 'Nonstandard'} IP address: ${addressText}` };
  const width = base.bytes * 8;
  if (maskBits > width - 1)
    return { reason: `${base.bytes === 4 ? 'IPv4' : 'IPv6'} mask bits must be < ${width}` };
  // Event Ruler ranges from the address as written (host bits are not cleared) to its last host.
  const start = base.value;
  const end = base.value | ((1n << BigInt(width - maskBits)) - 1n);
  return {
    test: (value) => {
      const ip = parseIpAddress(value);
      return ip !== undefined && ip.bytes === base.bytes && ip.value >= start && ip.value <= end;
    },
  };
}

function parseIpv4(text: string): IpAddress | undefined {
  const octets = text.split('.').map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return { bytes: 4, value: octets.reduce((total, octet) => (total << 8n) | BigInt(octet), 0n) };
}

function parseIpv6(text: string): IpAddress | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  const value = groups.reduce((total, group) => (total << 16n) | BigInt(parseInt(group, 16)), 0n);
  // ::ffff:a.b.c.d spelled in hex is an IPv4 address to Java's InetAddress, and so to Event Ruler.
  if (value >> 32n === 0xffffn) return { bytes: 4, value: value & 0xffffffffn };
  return { bytes: 16, value };
}
