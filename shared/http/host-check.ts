// Which `Host` headers the local servers answer: loopback names with the server's own port, plus one
// name the user chose. Anything else is refused, so a web page whose DNS name was rebound to 127.0.0.1
// cannot read the inventory, send events or trigger a redrive from the user's browser.

export const LOOPBACK_HOST_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** The environment variable naming one more host name the local servers answer to. */
export const ALLOWED_HOST_ENV = 'INVENTORY_ALLOWED_HOST';

export interface HostPolicy {
  /** The port the server listens on: a Host header must name it. */
  port: number;
  /** One more name (`inventory.test`, a machine name), answered with the same port. */
  allowedHost?: string;
}

/** True when `host` (the header's value) names this server: a loopback or the chosen name, and its port. */
export function isAllowedHost(host: string | undefined, policy: HostPolicy): boolean {
  if (host === undefined) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d+))?$/i.exec(host.trim());
  if (!match) return false;
  const name = match[1].toLowerCase();
  // Without a port a client means the scheme's default (80).
  const port = match[2] === undefined ? 80 : Number(match[2]);
  if (port !== policy.port) return false;
  const names: string[] = [...LOOPBACK_HOST_NAMES];
  if (policy.allowedHost) names.push(policy.allowedHost.toLowerCase());
  return names.includes(name);
}

/** The refusal's text, naming what is allowed and how to allow another name. */
export function hostRefusal(host: string | undefined, policy: HostPolicy): string {
  const allowed = [...LOOPBACK_HOST_NAMES, ...(policy.allowedHost ? [policy.allowedHost] : [])]
    .map((name) => `${name}:${policy.port}`)
    .join(', ');
  const shown = host === undefined ? 'no Host header' : `Host ${JSON.stringify(host.slice(0, 100))}`;
  return (
    `${shown} is not this local server: it answers ${allowed} only ` +
    `(set ${ALLOWED_HOST_ENV} or --allowed-host to add one name)`
  );
}
