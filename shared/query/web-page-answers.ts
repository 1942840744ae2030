// Answers the web page's routes: the page, its script, its style sheet and its icon (built from web/
// into web-assets.ts) and its settings, each with headers that keep the page safe whatever the index holds.
import type { RouteContext, RouteOutcome } from './query-route';
import type { SignInSettings } from './sign-in-settings';
import { WEB_ASSETS } from './web-assets';

/**
 * Only same-origin script and style, no inline script or style element, no plugins, frames or forms
 * posting anywhere; Trusted Types make any HTML-from-string sink (innerHTML and friends) throw, so the
 * page can only build its DOM from text nodes.
 */
export const WEB_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

export const WEB_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': WEB_PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const content = (contentType: string, body: string): RouteOutcome => ({
  kind: 'content',
  contentType,
  body,
  headers: WEB_PAGE_HEADERS,
});

/**
 * Deployed behind a sign-in, the page exchanges its authorization code at the sign-in domain's token
 * endpoint: that origin, and only it, joins connect-src. Script stays same-origin only.
 */
export function webPageHeaders(signIn: SignInSettings | undefined): Readonly<Record<string, string>> {
  if (!signIn) return WEB_PAGE_HEADERS;
  const csp = WEB_PAGE_CSP.replace(
    "connect-src 'self'",
    `connect-src 'self' ${new URL(signIn.domainUrl).origin}`,
  );
  return { ...WEB_PAGE_HEADERS, 'content-security-policy': csp };
}

export async function answerWebPage(_request: unknown, context: RouteContext): Promise<RouteOutcome> {
  return {
    kind: 'content',
    contentType: 'text/html; charset=utf-8',
    body: WEB_ASSETS.html,
    headers: webPageHeaders(context.signIn),
  };
}

export async function answerWebScript(): Promise<RouteOutcome> {
  return content('text/javascript; charset=utf-8', WEB_ASSETS.script);
}

export async function answerWebStyle(): Promise<RouteOutcome> {
  return content('text/css; charset=utf-8', WEB_ASSETS.style);
}

/** An SVG icon at the address browsers ask for unprompted; the page also links it. */
export async function answerFavicon(): Promise<RouteOutcome> {
  return content('image/svg+xml', WEB_ASSETS.favicon);
}
