// The page's side of the deployed sign-in: OAuth 2.0 authorization code with PKCE against Cognito
// managed login, as /config.json describes it. The access token stays in this tab (sessionStorage)
// and goes to the API as `Authorization: Bearer`; locally /config.json says no sign-in is needed.

export interface SignInConfig {
  authorizeUrl: string;
  tokenUrl: string;
  logoutUrl: string;
  clientId: string;
  scope: string;
}

/** What the sign-in needs of the browser; tests pass their own. */
export interface PageEnvironment {
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The page's address now (with its hash, the view). */
  currentUrl(): string;
  /** Leaves the page for the sign-in. */
  navigate(url: string): void;
  /** Changes the address without loading (drops `code` and `state` once used). */
  replaceUrl(url: string): void;
  fetch: typeof fetch;
  now(): number;
  crypto: Crypto;
}

export interface PageAuth {
  /** The Authorization header for API requests (after any pending code exchange), if there is a token. */
  authorization(): Promise<string | undefined>;
  /**
   * The API answered 401: forget the token and go to sign in. False when there is nothing to sign in to,
   * or when signing in just failed (so a broken sign-in shows an error instead of looping).
   */
  unauthorized(): Promise<boolean>;
  /** Why the last sign-in failed, for the error the page shows. */
  failure(): string | undefined;
}

const TOKEN_KEY = 'resource-inventory.token';
const PENDING_KEY = 'resource-inventory.sign-in';
/** A token this close to expiry is not sent: the request would race its expiry. */
const EXPIRY_MARGIN_MS = 30_000;

interface StoredToken {
  accessToken: string;
  expiresAt: number;
}

interface PendingSignIn {
  state: string;
  verifier: string;
  returnTo: string;
}

export function createPageSignIn(base: URL, env: PageEnvironment = browserEnvironment()): PageAuth {
  const redirectUri = base.href;
  let failed: string | undefined;
  let ready: Promise<SignInConfig | null> | undefined;
  const prepare = () =>
    (ready ??= loadConfig().then(async (config) => {
      if (config) await completeSignIn(config);
      return config;
    }));

  async function loadConfig(): Promise<SignInConfig | null> {
    try {
      const response = await env.fetch(new URL('config.json', base), {
        headers: { accept: 'application/json' },
      });
      if (!response.ok) return null;
      const body: unknown = await response.json();
      const signIn = typeof body === 'object' && body !== null ? Reflect.get(body, 'signIn') : null;
      return isSignInConfig(signIn) ? signIn : null;
    } catch {
      // No settings (an older API, a proxy): the page works as before, without sign-in.
      return null;
    }
  }

  /** Back from the sign-in with `?code=...&state=...`: trade the code for tokens, once. */
  async function completeSignIn(config: SignInConfig): Promise<void> {
    const here = new URL(env.currentUrl());
    const code = here.searchParams.get('code');
    const state = here.searchParams.get('state');
    const error = here.searchParams.get('error');
    if (!code && !error) return;
    const pending = readJson<PendingSignIn>(PENDING_KEY);
    env.storage.removeItem(PENDING_KEY);
    const clean = new URL(here);
    for (const name of ['code', 'state', 'error', 'error_description']) clean.searchParams.delete(name);
    env.replaceUrl(pending && pending.state === state ? pending.returnTo : clean.href);
    if (error) {
      failed = `the sign-in answered ${error}: ${here.searchParams.get('error_description') ?? 'no description'}`;
      return;
    }
    // A code this tab did not ask for (an old bookmark, another tab) is dropped; a 401 starts afresh.
    if (!pending || pending.state !== state || !code) return;
    try {
      const response = await env.fetch(config.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: config.clientId,
          code,
          redirect_uri: redirectUri,
          code_verifier: pending.verifier,
        }),
      });
      const body: unknown = await response.json().catch(() => undefined);
      const accessToken = field(body, 'access_token');
      const expiresIn = field(body, 'expires_in');
      if (!response.ok || typeof accessToken !== 'string' || typeof expiresIn !== 'number') {
        failed =
          `the token endpoint answered ${response.status} ${String(field(body, 'error') ?? '')}`.trim();
        return;
      }
      const token: StoredToken = { accessToken, expiresAt: env.now() + expiresIn * 1000 };
      env.storage.setItem(TOKEN_KEY, JSON.stringify(token));
    } catch (reason) {
      failed = `could not reach the token endpoint: ${reason instanceof Error ? reason.message : String(reason)}`;
    }
  }

  async function startSignIn(config: SignInConfig): Promise<void> {
    const verifier = randomText(env.crypto, 32);
    const state = randomText(env.crypto, 16);
    const challenge = base64Url(
      new Uint8Array(await env.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
    );
    const pending: PendingSignIn = { state, verifier, returnTo: env.currentUrl() };
    env.storage.setItem(PENDING_KEY, JSON.stringify(pending));
    const url = new URL(config.authorizeUrl);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: redirectUri,
      scope: config.scope,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    env.navigate(url.href);
  }

  function readJson<T>(key: string): T | undefined {
    try {
      const text = env.storage.getItem(key);
      return text ? (JSON.parse(text) as T) : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    async authorization() {
      if (!(await prepare())) return undefined;
      const token = readJson<StoredToken>(TOKEN_KEY);
      if (
        !token ||
        typeof token.accessToken !== 'string' ||
        token.expiresAt - EXPIRY_MARGIN_MS <= env.now()
      ) {
        return undefined;
      }
      return `Bearer ${token.accessToken}`;
    },
    async unauthorized() {
      const config = await prepare();
      if (!config || failed) return false;
      env.storage.removeItem(TOKEN_KEY);
      await startSignIn(config);
      return true;
    },
    failure: () => failed,
  };
}

function browserEnvironment(): PageEnvironment {
  return {
    storage: window.sessionStorage,
    currentUrl: () => location.href,
    navigate: (url) => location.assign(url),
    replaceUrl: (url) => history.replaceState(null, '', url),
    fetch: (input, init) => fetch(input, init),
    now: () => Date.now(),
    crypto: window.crypto,
  };
}

function isSignInConfig(value: unknown): value is SignInConfig {
  return (
    typeof value === 'object' &&
    value !== null &&
    ['authorizeUrl', 'tokenUrl', 'logoutUrl', 'clientId', 'scope'].every(
      (key) => typeof Reflect.get(value, key) === 'string',
    )
  );
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined;
}

/** `bytes` random bytes as base64url: 32 give a 43-character PKCE verifier (RFC 7636 wants 43 to 128). */
function randomText(crypto: Crypto, bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
