// The deployed page's sign-in in Chromium, on loopback: a stand-in for the page API (open page routes,
// a JWT check on the rest, as the stack's authorizer does) in front of the real query handler with
// sign-in settings, and a fake of Cognito's managed login (authorize redirect, token endpoint that
// checks the PKCE verifier). The page must go to sign in, come back, and show the inventory.
import { randomUUID, createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PUBLIC_PAGE_PATHS } from '../../infra/inventory-sign-in';
import { startLocalHttpApi } from '../../shared/http/local-http-api';
import type { LocalHttpApi } from '../../shared/http/local-http-api';
import { startLocalRuntime } from '../../shared/local/local-runtime';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import { createQueryApiHandler } from '../../shared/query/query-api-handler';
import { createQueryReaders } from '../../shared/query/query-readers';
import { createDocumentClient, createDynamoDbClient } from '../../shared/store/dynamodb-client';
import { IndexStore } from '../../shared/store/index-store';
import { testEndpoint } from '../support/test-table';
import { chromiumAvailable, launchChromium } from './chromium-browser';
import type { ChromiumSession } from './chromium-browser';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

const CLIENT_ID = 'page-client';
const ACCESS_TOKEN = `access-${randomUUID()}`;
const describeInBrowser = chromiumAvailable() ? describe : describe.skip;

describeInBrowser('signing in to the deployed page', () => {
  let runtime: LocalRuntime;
  let pageApi: LocalHttpApi;
  let cognito: Server;
  let cognitoUrl: string;
  let browser: ChromiumSession;
  let dataDir: string;
  const issued = new Map<string, { challenge: string; redirectUri: string }>();
  const tokenExchanges: { verified: boolean; origin?: string }[] = [];
  const dataRequests: { path: string; authorized: boolean }[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'inventory-sign-in-'));
    const tableName = `sign-in-${randomUUID()}`;
    runtime = await startLocalRuntime({
      port: 0,
      eventsPort: 0,
      dataDir,
      inMemory: true,
      loadSamples: true,
      dynamodbEndpoint: testEndpoint(),
      tableName,
    });

    cognito = createServer((request, response) => {
      const url = new URL(request.url ?? '/', cognitoUrl);
      if (url.pathname === '/oauth2/authorize') {
        // Managed login after a successful sign-in: back to the redirect URI with a code and the state.
        const code = randomUUID();
        const redirectUri = url.searchParams.get('redirect_uri') ?? '';
        issued.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri });
        const back = new URL(redirectUri);
        back.search = new URLSearchParams({ code, state: url.searchParams.get('state') ?? '' }).toString();
        response.writeHead(302, { location: back.href }).end();
        return;
      }
      if (url.pathname === '/oauth2/token' && request.method === 'POST') {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const form = new URLSearchParams(body);
          const grant = issued.get(form.get('code') ?? '');
          const challenge = createHash('sha256')
            .update(form.get('code_verifier') ?? '')
            .digest('base64url');
          const verified =
            grant !== undefined &&
            grant.challenge === challenge &&
            grant.redirectUri === form.get('redirect_uri') &&
            form.get('client_id') === CLIENT_ID;
          tokenExchanges.push({ verified, origin: request.headers.origin });
          // The token endpoint answers cross-origin requests from the page, as Cognito's does.
          response.writeHead(verified ? 200 : 400, {
            'content-type': 'application/json',
            'access-control-allow-origin': String(request.headers.origin ?? '*'),
          });
          response.end(
            JSON.stringify(
              verified
                ? { access_token: ACCESS_TOKEN, id_token: 'id', expires_in: 3600, token_type: 'Bearer' }
                : { error: 'invalid_grant' },
            ),
          );
        });
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((done) => cognito.listen(0, '127.0.0.1', done));
    const address = cognito.address();
    cognitoUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const client = createDocumentClient(createDynamoDbClient({ endpoint: testEndpoint() }));
    const handler = createQueryApiHandler({
      store: new IndexStore({ client, tableName }),
      readers: createQueryReaders({ client, tableName }),
      signIn: { domainUrl: cognitoUrl, clientId: CLIENT_ID },
    });
    pageApi = await startLocalHttpApi({
      handler: async (event) => {
        if (PUBLIC_PAGE_PATHS.includes(event.rawPath)) return handler(event);
        // The page API's JWT authorizer: no valid token, no call to the function.
        const authorized = event.headers.authorization === `Bearer ${ACCESS_TOKEN}`;
        dataRequests.push({ path: event.rawPath, authorized });
        if (!authorized) {
          return {
            statusCode: 401,
            headers: { 'content-type': 'application/json' },
            body: '{"message":"Unauthorized"}',
          };
        }
        return handler(event);
      },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await pageApi?.close();
    cognito?.closeAllConnections();
    if (cognito) await new Promise((done) => cognito.close(done));
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the page sends a person to sign in, trades the code with PKCE, and shows the inventory', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${pageApi.url}/#/resources?type=AWS::S3::Bucket`);

    await page.waitForSelector('table.resources tbody tr', { timeout: 30_000 });
    const names = await page.locator('table.resources td.name').allTextContents();
    expect(names).toContain('shop-prod-assets-7k2m9q');
    // Back on the view the person asked for, with the code and state gone from the address.
    expect(page.url()).toBe(`${pageApi.url}/#/resources?type=AWS::S3::Bucket`);
    expect(tokenExchanges).toEqual([{ verified: true, origin: pageApi.url }]);
    expect(dataRequests[0]).toEqual({ path: '/resources', authorized: false });
    // After the exchange the page asks again, signed: its list and its counts (/summary) alike.
    expect(dataRequests).toContainEqual({ path: '/resources', authorized: true });
    expect(dataRequests.at(-1)).toMatchObject({ authorized: true });
    // The token exchange is allowed by the page's CSP, and nothing else went wrong.
    expect(errors.filter((message) => !/401/.test(message))).toEqual([]);
    await page.close();
  });
});
