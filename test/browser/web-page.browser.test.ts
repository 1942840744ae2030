// The web page in a real browser (Debian's Chromium, driven by playwright-core) against the local
// runtime with the demo scenario: filter, page with the API's cursor, open a detail and its history,
// browse stacks, see errors; hostile names and tag values sent as CloudTrail events render as text and
// run nothing. Writes docs/screenshot.png for the README.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { startLocalRuntime } from '../../shared/local/local-runtime';
import type { LocalRuntime } from '../../shared/local/local-runtime';
import { listAll, putEvents, waitFor } from '../support/runtime-helpers';
import type { ScenarioEvent } from '../support/runtime-helpers';
import { testEndpoint } from '../support/test-table';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium } from './chromium-browser';
import type { ChromiumSession } from './chromium-browser';

process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

const ROOT = resolve(__dirname, '../..');
const SCREENSHOT = join(ROOT, 'docs/screenshot.png');
const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
const HOSTILE_TAG_VALUE = '"><script>window.__pwned=1</script>';
const HOSTILE_TAG_KEY = '<b onmouseover=alert(2)>owner</b>';

const available = chromiumAvailable();
if (!available)
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\` (.ci/run does).`,
  );
const describeInBrowser = available ? describe : describe.skip;

/** A CloudTrail CreateLogGroup whose name and tags carry markup: log group names are free text here. */
function hostileLogGroupEvent(): ScenarioEvent {
  const sample = JSON.parse(readFileSync(join(ROOT, 'events/cloudtrail/logs/CreateLogGroup.json'), 'utf8'));
  const eventId = randomUUID();
  return {
    id: eventId,
    'detail-type': sample['detail-type'],
    source: sample.source,
    time: '2024-06-07T10:00:00Z',
    detail: {
      ...sample.detail,
      eventTime: '2024-06-07T10:00:00Z',
      eventID: eventId,
      awsRegion: 'eu-west-1',
      recipientAccountId: '111122223333',
      requestParameters: {
        logGroupName: HOSTILE_NAME,
        tags: { note: HOSTILE_TAG_VALUE, [HOSTILE_TAG_KEY]: 'x' },
      },
    },
  };
}

/**
 * A stand-in for a signing proxy (or a gateway stage): the API mounted under `/inventory/`. The page
 * must find its script, style sheet and API relative to where it was served.
 */
async function startPrefixProxy(target: string): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    if (!path.startsWith('/inventory/')) {
      outgoing.writeHead(404).end();
      return;
    }
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: path.slice('/inventory'.length),
        method: incoming.method,
        headers: { ...incoming.headers, 'x-signed-by': 'test-proxy' },
      },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/inventory/`, server };
}

describeInBrowser('the inventory web page in Chromium', () => {
  let runtime: LocalRuntime;
  let browser: ChromiumSession;
  let dataDir: string;
  let proxy: { url: string; server: Server } | undefined;
  const started = Date.now();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'inventory-browser-'));
    runtime = await startLocalRuntime({
      port: 0,
      eventsPort: 0,
      dataDir,
      inMemory: true,
      loadSamples: true,
      dynamodbEndpoint: testEndpoint(),
      tableName: `browser-${randomUUID()}`,
    });
    browser = await launchChromium();
    // Any violation of the page's CSP is recorded, so a test can prove there was none.
    await browser.context.addInitScript(() => {
      const violations: string[] = [];
      Reflect.set(window, '__cspViolations', violations);
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (proxy) await new Promise((closed) => proxy!.server.close(closed));
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    console.log(
      `browser tests: ${((Date.now() - started) / 1000).toFixed(1)} s including runtime and Chromium start`,
    );
  });

  interface Watched {
    page: Page;
    dialogs: string[];
    errors: string[];
    /** Checks nothing ran that should not have: no dialog, no page error, no CSP violation. */
    expectClean(): Promise<void>;
  }

  async function open(hash = '', base = `${runtime.apiUrl}/`): Promise<Watched> {
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${base}${hash}`);
    return {
      page,
      dialogs,
      errors,
      async expectClean() {
        expect(dialogs).toEqual([]);
        expect(errors).toEqual([]);
        expect(await page.evaluate(() => Reflect.get(window, '__cspViolations'))).toEqual([]);
        expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined();
      },
    };
  }

  const rows = (page: Page) => page.locator('table.resources tbody tr');
  const settled = (page: Page) => page.locator('.resource-list[aria-busy="false"]').first().waitFor();
  const texts = (page: Page, selector: string) => page.locator(selector).allTextContents();

  test('shows the demo scenario with counts by type and by account/region (and writes the screenshot)', async () => {
    const { page, expectClean } = await open();
    await settled(page);
    const active = await listAll(runtime.apiUrl, '/resources');
    expect(await rows(page).count()).toBe(active.length);
    expect(await page.locator('.list-status').textContent()).toBe(`${active.length} resources, all loaded.`);
    const names = await texts(page, 'td.name a');
    expect(names).toEqual(expect.arrayContaining(['shop-prod-assets-7k2m9q', 'shop-manual-exports']));
    const byType = await texts(page, '.chart:first-child .bars li');
    expect(byType[0]).toBe('AWS::S3::Bucket3');
    expect(byType).toContain('AWS::Logs::LogGroup2');
    const byPlace = await texts(page, '.chart:nth-child(2) .bars li');
    expect(byPlace).toContain('111122223333 / global2');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await expectClean();
    await page.close();
  });

  test('filters by type and tag, keeps them in the URL, and a shared link shows the same view', async () => {
    const { page, expectClean } = await open();
    await settled(page);
    await page.fill('input[name="type"]', 'AWS::S3::Bucket');
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => location.hash.includes('type='));
    await settled(page);
    await page.waitForFunction(() => document.querySelectorAll('table.resources tbody tr').length === 3);
    expect(new Set(await texts(page, 'td.type'))).toEqual(new Set(['AWS::S3::Bucket']));
    const shared = page.url();
    expect(new URL(shared).hash).toBe('#/resources?type=AWS%3A%3AS3%3A%3ABucket');

    const again = await open(new URL(shared).hash);
    await settled(again.page);
    expect(await again.page.inputValue('input[name="type"]')).toBe('AWS::S3::Bucket');
    expect(await rows(again.page).count()).toBe(3);

    await page.fill('input[name="type"]', '');
    await page.fill('input[name="tags"]', 'team=data');
    await page.click('button[type="submit"]');
    await page.waitForFunction(() => location.hash.includes('tag.team=data'));
    await page.waitForFunction(() => document.querySelectorAll('table.resources tbody tr').length === 1);
    expect(await texts(page, 'td.name a')).toEqual(['shop-manual-exports']);
    await expectClean();
    await again.expectClean();
    await page.close();
    await again.page.close();
  });

  test('pages with "Load more" and the API cursor until every resource is shown', async () => {
    const cursorRequests: string[] = [];
    const { page, expectClean } = await open('#/resources?status=all&limit=4');
    page.on('request', (request) => {
      if (request.url().includes('cursor=')) cursorRequests.push(request.url());
    });
    await settled(page);
    expect(await rows(page).count()).toBe(4);
    const all = await listAll(runtime.apiUrl, '/resources?status=all');
    const more = page.locator('button.load-more');
    for (let clicks = 0; await more.isVisible(); clicks++) {
      expect(clicks).toBeLessThan(20);
      const before = await rows(page).count();
      await more.click();
      await page.waitForFunction(
        (count) =>
          document.querySelectorAll('table.resources tbody tr').length > count ||
          document.querySelector('button.load-more')?.hasAttribute('hidden'),
        before,
      );
    }
    const shown = await page
      .locator('td.name a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(shown).toHaveLength(all.length);
    expect(new Set(shown)).toEqual(
      new Set(all.map((item) => `#/resource/${encodeURIComponent(String(item.id))}`)),
    );
    expect(cursorRequests.length).toBeGreaterThanOrEqual(Math.ceil(all.length / 4) - 1);
    expect(await page.locator('.list-status').textContent()).toBe(`${all.length} resources, all loaded.`);
    await expectClean();
    await page.close();
  });

  test("opens a resource's detail and its history, newest first", async () => {
    const { page, expectClean } = await open('#/resources?name=shop-prod-assets');
    await settled(page);
    await page.click('td.name a');
    await page.waitForFunction(() => location.hash.startsWith('#/resource/'));
    await page.locator('.timeline li').first().waitFor();
    expect(await page.locator('h2.resource-name').textContent()).toBe('shop-prod-assets-7k2m9q');
    const fields = await texts(page, '.fields dd');
    expect(fields).toEqual(expect.arrayContaining(['AWS::S3::Bucket', 'cloudformation, cloudtrail']));
    expect(await page.locator('.fields .tag').allTextContents()).toEqual(['owner=web-team']);
    const history = await texts(page, '.timeline .event-head');
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history[0]).toContain('PutBucketTagging');
    expect(history[history.length - 1]).toContain('create');
    const times = await page
      .locator('.timeline time')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
    expect([...times].sort().reverse()).toEqual(times);
    await expectClean();
    await page.close();
  });

  test('the stacks view opens each stack onto its resources', async () => {
    const { page, expectClean } = await open('#/stacks');
    await page.locator('details.stack').first().waitFor();
    expect(await texts(page, '.stack-name')).toEqual(['shop-prod', 'shop-staging']);
    const prod = page.locator('details.stack', { hasText: 'shop-prod' }).first();
    await prod.locator('summary').click();
    await prod.locator('.resource-list[aria-busy="false"]').waitFor();
    const stackResources = await listAll(runtime.apiUrl, '/stacks/shop-prod/resources?status=all');
    expect(await prod.locator('tbody tr').count()).toBe(stackResources.length);
    expect(await prod.locator('tr.deleted td.name').allTextContents()).toEqual([
      'shop-prod-OrdersTable-1A2B3C4D5E6F',
    ]);
    await expectClean();
    await page.close();
  });

  test('a resource named like markup and tags carrying script render as text and run nothing', async () => {
    // Sent here, not up front, so the screenshot shows the demo scenario alone.
    expect(await putEvents(runtime.eventsUrl, [hostileLogGroupEvent()])).toBe(0);
    await waitFor('the hostile log group over HTTP', async () => {
      const response = await fetch(`${runtime.apiUrl}/resources?type=AWS::Logs::LogGroup&name=%3Cimg`);
      const body = (await response.json()) as { items: unknown[] };
      return body.items[0];
    });
    const { page, expectClean } = await open('#/resources?type=AWS%3A%3ALogs%3A%3ALogGroup');
    await settled(page);
    const hostileRow = page.locator('table.resources tbody tr', { hasText: HOSTILE_NAME });
    expect(await hostileRow.locator('td.name a').textContent()).toBe(HOSTILE_NAME);
    expect(await hostileRow.locator('.tag-value').allTextContents()).toEqual(
      expect.arrayContaining([HOSTILE_TAG_VALUE]),
    );
    expect(await hostileRow.locator('.tag-key').allTextContents()).toEqual(
      expect.arrayContaining([HOSTILE_TAG_KEY]),
    );
    // Markup in the data made no elements: no image, no script, no bold in the whole document.
    expect(await page.locator('img, b, main script').count()).toBe(0);
    expect(await texts(page, '.chart:first-child .bar-label')).toContain('AWS::Logs::LogGroup');

    await hostileRow.locator('td.name a').click();
    await page.locator('.timeline li').first().waitFor();
    expect(await page.locator('h2.resource-name').textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator('.fields code').first().textContent()).toBe(
      `arn:aws:logs:eu-west-1:111122223333:log-group:${HOSTILE_NAME}`,
    );
    expect(await page.locator('.event-facts .tag-value').allTextContents()).toContain(HOSTILE_TAG_VALUE);
    expect(await page.locator('img, b, main script').count()).toBe(0);
    // Hover everything a hostile key could have hooked, then check nothing ran.
    for (const key of await page.locator('.tag-key').all()) await key.hover();
    await expectClean();

    // The same detail opened from a shared link.
    const direct = await open(new URL(page.url()).hash);
    await direct.page.locator('.timeline li').first().waitFor();
    expect(await direct.page.locator('h2.resource-name').textContent()).toBe(HOSTILE_NAME);
    await direct.expectClean();
    await page.close();
    await direct.page.close();
  });

  test('an empty result and an API error (400 with its parameter) are shown clearly', async () => {
    const { page, expectClean } = await open('#/resources?name=no-such-resource');
    await settled(page);
    expect(await page.locator('.empty').textContent()).toBe('No resources match these filters.');
    expect(await rows(page).count()).toBe(0);
    expect(await page.locator('.chart').count()).toBe(0);

    await page.goto(`${runtime.apiUrl}/#/resources?region=EU`);
    await page.locator('[role="alert"]').waitFor();
    const notice = await page.locator('[role="alert"]').textContent();
    expect(notice).toContain('400 invalid_parameter');
    expect(notice).toContain('"region" must be');
    expect(await page.locator('.api-parameter').textContent()).toBe('region');
    expect(await page.getAttribute('input[name="region"]', 'aria-invalid')).toBe('true');
    expect(await page.locator('button.load-more').isVisible()).toBe(false);
    await expectClean();
    await page.close();
  });

  test('a server error, a gateway refusal and an unreachable API each say what happened', async () => {
    const { page, expectClean } = await open('#/stacks');
    await page.locator('details.stack').first().waitFor();
    const resourceList = (url: URL) => url.pathname === '/resources';
    const answers: [string, (route: Route) => Promise<void>, string[]][] = [
      [
        'a 500 from the query function',
        (route) =>
          route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'internal_error', message: 'unexpected server error; it has been logged' },
            }),
          }),
        ['500 internal_error', 'unexpected server error; it has been logged', 'Try again'],
      ],
      [
        "API Gateway's 403 without a signature",
        (route) =>
          route.fulfill({ status: 403, contentType: 'application/json', body: '{"message":"Forbidden"}' }),
        ['answered 403', 'Forbidden', 'signing proxy'],
      ],
      [
        'no answer at all',
        (route) => route.abort('connectionrefused'),
        ['the API is unreachable', 'could not reach the API'],
      ],
    ];
    for (const [what, answer, expected] of answers) {
      await page.route(resourceList, answer);
      await page.goto(`${runtime.apiUrl}/#/resources?what=${encodeURIComponent(what)}`);
      await page.locator('[role="alert"]').waitFor();
      const text = `${await page.locator('[role="alert"]').textContent()} ${await page.locator('button.load-more').textContent()}`;
      for (const part of expected)
        expect({ what, contains: text.includes(part), part }).toEqual({ what, contains: true, part });
      await page.unroute(resourceList);
    }
    await expectClean();
    await page.close();
  });

  test('works under a path prefix, as behind a signing proxy or a gateway stage', async () => {
    proxy = await startPrefixProxy(runtime.apiUrl);
    const { page, expectClean } = await open('#/resources?type=AWS%3A%3AS3%3A%3ABucket', proxy.url);
    await settled(page);
    expect(await rows(page).count()).toBe(3);
    expect(await page.getAttribute('a.api-link', 'href')).toBe('openapi.json');
    await page.click('td.name a');
    await page.locator('.timeline li').first().waitFor();
    expect(page.url().startsWith(proxy.url)).toBe(true);
    await expectClean();
    await page.close();
  });
});
