// The page's sign-in against a loopback fake of Cognito's endpoints: a 401 sends the browser to the
// authorize endpoint with a PKCE challenge; back with a code, the page trades it at the token endpoint,
// which checks the verifier against the challenge; the token then goes out as Bearer.
import { createHash, webcrypto } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createApiClient } from '../../web/src/api-client';
import type { Shape } from '../../web/src/api-client';
import { createPageSignIn } from '../../web/src/sign-in';
import type { PageEnvironment } from '../../web/src/sign-in';

/** A token response as Cognito's /oauth2/token answers it (values shortened). */
const TOKEN_RESPONSE = {
  id_token: 'eyJraWQiOiJpZCJ9.eyJzdWIiOiJ1c2VyIn0.c2ln',
  access_token: 'eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJ1c2VyIiwiY2xpZW50X2lkIjoiY2xpZW50LWFiYyJ9.c2ln',
  refresh_token: 'eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.c2ln',
  expires_in: 3600,
  token_type: 'Bearer',
};
const CLIENT_ID = 'client-abc';
const anything: Shape<unknown> = { name: 'anything', accepts: (_body): _body is unknown => true };

let server: Server;
let origin: string;
let signInConfig: Record<string, string> | null;
/** code -> the PKCE challenge and redirect URI it was issued for (what Cognito remembers). */
const issued = new Map<string, { challenge: string; redirectUri: string }>();
const tokenRequests: URLSearchParams[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/page/config.json') return json(200, { signIn: signInConfig });
    if (url.pathname === '/page/resources') {
      const ok = request.headers.authorization === `Bearer ${TOKEN_RESPONSE.access_token}`;
      return ok ? json(200, { items: [], nextCursor: null }) : json(401, { message: 'Unauthorized' });
    }
    if (url.pathname === '/oauth2/token' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const form = new URLSearchParams(body);
        tokenRequests.push(form);
        const grant = issued.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        const valid =
          request.headers['content-type'] === 'application/x-www-form-urlencoded' &&
          form.get('grant_type') === 'authorization_code' &&
          form.get('client_id') === CLIENT_ID &&
          grant !== undefined &&
          grant.challenge === challenge &&
          grant.redirectUri === form.get('redirect_uri');
        if (grant) issued.delete(form.get('code') ?? '');
        json(valid ? 200 : 400, valid ? TOKEN_RESPONSE : { error: 'invalid_grant' });
      });
      return;
    }
    json(404, { message: 'Not Found' });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

beforeEach(() => {
  signInConfig = {
    authorizeUrl: `${origin}/oauth2/authorize`,
    tokenUrl: `${origin}/oauth2/token`,
    logoutUrl: `${origin}/logout`,
    clientId: CLIENT_ID,
    scope: 'openid email',
  };
  tokenRequests.length = 0;
});

/** A browser tab: its sessionStorage survives the trip to the sign-in and back; its address changes. */
function browserTab(address: string) {
  const stored = new Map<string, string>();
  const tab = {
    address,
    navigations: [] as string[],
    now: 1_000_000,
    env: undefined as unknown as PageEnvironment,
  };
  tab.env = {
    storage: {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, value) => void stored.set(key, value),
      removeItem: (key) => void stored.delete(key),
    },
    currentUrl: () => tab.address,
    navigate: (url) => void tab.navigations.push(url),
    replaceUrl: (url) => void (tab.address = url),
    fetch: (input, init) => fetch(input, init),
    now: () => tab.now,
    crypto: webcrypto as Crypto,
  };
  return tab;
}

/** What managed login does after the person signs in: back to redirect_uri with a fresh code and the state. */
function signInAt(authorizeUrl: string): string {
  const url = new URL(authorizeUrl);
  const code = `code-${issued.size + 1}-${Date.now()}`;
  issued.set(code, {
    challenge: url.searchParams.get('code_challenge') ?? '',
    redirectUri: url.searchParams.get('redirect_uri') ?? '',
  });
  const back = new URL(url.searchParams.get('redirect_uri') ?? '');
  back.searchParams.set('code', code);
  back.searchParams.set('state', url.searchParams.get('state') ?? '');
  return back.href;
}

test('a 401 goes to sign in with PKCE; back with the code, the token is fetched and sent as Bearer', async () => {
  const base = new URL(`${origin}/page/`);
  const tab = browserTab(`${origin}/page/#/resources?type=AWS::S3::Bucket`);
  const api = createApiClient(base, createPageSignIn(base, tab.env));

  await expect(api.get('resources', anything)).rejects.toMatchObject({
    failure: { status: 401, message: 'signing you in…' },
  });
  expect(tab.navigations).toHaveLength(1);
  const authorize = new URL(tab.navigations[0]);
  expect(authorize.origin + authorize.pathname).toBe(`${origin}/oauth2/authorize`);
  expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: base.href,
    scope: 'openid email',
    code_challenge_method: 'S256',
  });
  expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{22}$/);

  // The page loads anew at the redirect URI, in the same tab (same sessionStorage).
  tab.address = signInAt(tab.navigations[0]);
  const signedIn = createApiClient(base, createPageSignIn(base, tab.env));
  await expect(signedIn.get('resources', anything)).resolves.toEqual({ items: [], nextCursor: null });
  expect(tokenRequests).toHaveLength(1);
  expect(tokenRequests[0].get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // The code and state leave the address bar; the view the person was on comes back.
  expect(tab.address).toBe(`${origin}/page/#/resources?type=AWS::S3::Bucket`);

  // An expired token is not sent: the next 401 starts a new sign-in.
  tab.now += TOKEN_RESPONSE.expires_in * 1000;
  await expect(signedIn.get('resources', anything)).rejects.toMatchObject({ failure: { status: 401 } });
  expect(tab.navigations).toHaveLength(2);
});

test('a wrong verifier is refused by the token endpoint: the page says so and does not loop', async () => {
  const base = new URL(`${origin}/page/`);
  const tab = browserTab(`${origin}/page/`);
  await createApiClient(base, createPageSignIn(base, tab.env))
    .get('resources', anything)
    .catch(() => undefined);
  tab.address = signInAt(tab.navigations[0]);
  // Tamper with what the tab remembered: the verifier no longer matches the challenge.
  const pending = JSON.parse(tab.env.storage.getItem('resource-inventory.sign-in') ?? '{}');
  tab.env.storage.setItem(
    'resource-inventory.sign-in',
    JSON.stringify({ ...pending, verifier: 'x'.repeat(43) }),
  );

  const api = createApiClient(base, createPageSignIn(base, tab.env));
  await expect(api.get('resources', anything)).rejects.toMatchObject({
    failure: { status: 401, message: 'sign-in failed: the token endpoint answered 400 invalid_grant' },
  });
  expect(tab.navigations).toHaveLength(1);
});

test('a code with a state this tab did not issue is dropped without calling the token endpoint', async () => {
  const base = new URL(`${origin}/page/`);
  const tab = browserTab(`${origin}/page/?code=stolen&state=forged#/stacks`);
  const auth = createPageSignIn(base, tab.env);
  expect(await auth.authorization()).toBeUndefined();
  expect(tokenRequests).toHaveLength(0);
  expect(tab.address).toBe(`${origin}/page/#/stacks`);
});

test('where /config.json says no sign-in (the local runtime), nothing changes: no header, no redirect', async () => {
  signInConfig = null;
  const base = new URL(`${origin}/page/`);
  const tab = browserTab(`${origin}/page/`);
  const auth = createPageSignIn(base, tab.env);
  expect(await auth.authorization()).toBeUndefined();
  expect(await auth.unauthorized()).toBe(false);
  await expect(createApiClient(base, auth).get('resources', anything)).rejects.toMatchObject({
    failure: { status: 401, message: 'Unauthorized' },
  });
  expect(tab.navigations).toEqual([]);
});
