// The web page in a real browser (Debian's Chromium, driven by playwright-core) against the local
// runtime with the demo scenario: search and filter, counts from /summary, CSV export, sorting, page with
// the API's cursor, open a detail and its history, browse stacks, the metrics view, a phone's width, see
// errors; hostile names and tag values sent as CloudTrail events render as text and run nothing. Writes
// docs/screenshot.png for the README.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { startLocalRuntime } from '../../shared/local/local-runtime';
import { METRIC_LIST } from '../../shared/observability/metric-catalog';
import { graphTitleOf } from '../../shared/observability/metric-graphs';
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
  return logGroupEvent(HOSTILE_NAME, { note: HOSTILE_TAG_VALUE, [HOSTILE_TAG_KEY]: 'x' });
}

function logGroupEvent(name: string, tags: Record<string, string> = {}): ScenarioEvent {
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
      requestParameters: { logGroupName: name, tags },
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
        // As a proxy does, it addresses the upstream by its own host (the local API answers only to it).
        headers: { ...incoming.headers, host: upstream.host, 'x-signed-by': 'test-proxy' },
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
  const summarised = (page: Page) => page.locator('.summary[aria-busy="false"]').first().waitFor();
  const getJson = async (path: string): Promise<Record<string, unknown> & { total?: number }> => {
    const response = await fetch(`${runtime.apiUrl}${path}`);
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    return (await response.json()) as Record<string, unknown> & { total?: number };
  };

  test('shows the demo scenario with counts of the whole index from /summary (and writes the screenshot)', async () => {
    const { page, expectClean } = await open();
    await settled(page);
    await summarised(page);
    const active = await listAll(runtime.apiUrl, '/resources');
    expect(await rows(page).count()).toBe(active.length);
    expect(await page.locator('.list-status').textContent()).toBe(`${active.length} resources, all loaded.`);
    const names = await texts(page, 'td.name a');
    expect(names).toEqual(expect.arrayContaining(['shop-prod-assets-7k2m9q', 'shop-manual-exports']));
    const summary = await getJson('/summary');
    expect(summary.total).toBe(active.length);
    expect(await page.locator('.summary-total').textContent()).toBe(
      `Whole inventory: ${active.length} active resources`,
    );
    const byType = await texts(page, '.chart:nth-child(1) .bars li');
    expect(byType[0]).toBe('AWS::S3::Bucket3');
    expect(byType).toContain('AWS::Logs::LogGroup2');
    expect(await texts(page, '.chart:nth-child(2) .bars li')).toEqual([`111122223333${active.length}`]);
    expect(await texts(page, '.chart:nth-child(3) .bars li')).toContain('global2');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The counts are the whole index's, not the loaded rows': four rows shown, the same counts.
    await page.goto(`${runtime.apiUrl}/#/resources?limit=4`);
    await settled(page);
    await summarised(page);
    expect(await rows(page).count()).toBe(4);
    expect(await page.locator('.summary-total').textContent()).toBe(
      `Whole inventory: ${active.length} active resources`,
    );
    // A bar is a link to the list it counts.
    await page.locator('.chart:nth-child(1) a.bar-label', { hasText: 'AWS::S3::Bucket' }).click();
    await page.waitForFunction(() => location.hash === '#/resources?type=AWS%3A%3AS3%3A%3ABucket');
    await page.waitForFunction(() => document.querySelectorAll('table.resources tbody tr').length === 3);
    await expectClean();
    await page.close();
  });

  test('the search box finds resources by any word of their name, whatever the case, and keeps q in the URL', async () => {
    const { page, expectClean } = await open();
    await settled(page);
    await page.fill('input[name="q"]', 'ORDERS');
    await page.click('form.search button[type="submit"]');
    await page.waitForFunction(() => location.hash === '#/resources?q=ORDERS');
    await settled(page);
    const expected = await listAll(runtime.apiUrl, '/resources?q=orders');
    expect(expected.length).toBeGreaterThan(1);
    await page.waitForFunction(
      (count) => document.querySelectorAll('table.resources tbody tr').length === count,
      expected.length,
    );
    const names = await page
      .locator('td.name a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('title') ?? ''));
    for (const name of names) expect(name.toLowerCase()).toContain('orders');
    expect(new Set(names)).toEqual(new Set(expected.map((item) => String(item.name))));

    // Combined with a filter, and restored from a shared link.
    const again = await open('#/resources?q=orders&type=AWS%3A%3ASQS%3A%3AQueue');
    await settled(again.page);
    expect(await again.page.inputValue('input[name="q"]')).toBe('orders');
    const queues = await listAll(runtime.apiUrl, '/resources?q=orders&type=AWS::SQS::Queue');
    expect(await rows(again.page).count()).toBe(queues.length);
    expect(new Set(await texts(again.page, 'td.type'))).toEqual(new Set(['AWS::SQS::Queue']));
    await expectClean();
    await again.expectClean();
    await page.close();
    await again.page.close();
  });

  test('"Download CSV" pages through the whole filtered view and offers one file', async () => {
    const { page, expectClean } = await open('#/resources?status=all&limit=4');
    await settled(page);
    // Pages of 3 rows instead of 1000, so the export must follow X-Next-Cursor several times.
    const exports: string[] = [];
    await page.route(
      (url) => url.pathname === '/resources' && url.searchParams.get('format') === 'csv',
      async (route) => {
        const url = new URL(route.request().url());
        expect(url.searchParams.get('limit')).toBe('1000');
        url.searchParams.set('limit', '3');
        exports.push(url.toString());
        await route.continue({ url: url.toString() });
      },
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.csv-download')]);
    expect(download.suggestedFilename()).toMatch(/^resources-\d{8}-\d{6}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    const all = await listAll(runtime.apiUrl, '/resources?status=all');
    const lines = csv.trimEnd().split('\n');
    // One header line, then every resource once (no header repeated between pages).
    expect(lines[0]).toMatch(/^id,/);
    expect(lines.filter((line) => line === lines[0])).toHaveLength(1);
    expect(lines).toHaveLength(all.length + 1);
    for (const item of all) expect(csv).toContain(String(item.id));
    expect(exports.length).toBe(Math.ceil(all.length / 3));
    expect(exports.slice(1).every((url) => new URL(url).searchParams.has('cursor'))).toBe(true);
    expect(exports.every((url) => new URL(url).searchParams.get('status') === 'all')).toBe(true);
    await page.locator('.csv-progress', { hasText: 'Downloaded' }).waitFor();
    expect(await page.locator('.csv-progress').textContent()).toBe(
      `Downloaded ${all.length} rows (${exports.length} pages).`,
    );
    await expectClean();
    await page.close();
  });

  test('columns sort the loaded rows, "recently changed first" included, and the order is kept in the URL', async () => {
    const { page, expectClean } = await open('#/resources?status=all');
    await settled(page);
    const shownNames = () =>
      page.locator('td.name a').evaluateAll((links) => links.map((link) => link.textContent ?? ''));
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    await page.click('th button[data-sort="name"]');
    const ascending = await shownNames();
    expect(ascending).toEqual([...ascending].sort(collator.compare));
    expect(await page.getAttribute('th:has(button[data-sort="name"])', 'aria-sort')).toBe('ascending');
    expect(new URL(page.url()).hash).toBe('#/resources?status=all&sort=name');
    await page.click('th button[data-sort="name"]');
    expect(await shownNames()).toEqual([...ascending].reverse());

    await page.selectOption('select[name="sort"]', '-lastChanged');
    const times = () =>
      page
        .locator('td.time time')
        .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
    const newestFirst = await times();
    expect(newestFirst).toEqual([...newestFirst].sort().reverse());
    expect(await page.locator('.list-status').textContent()).toContain('Sorted recently changed first.');
    expect(new URL(page.url()).hash).toBe('#/resources?status=all&sort=-lastChanged');

    // A shared link keeps the order; the API never sees the sort parameter.
    const sent: string[] = [];
    const again = await open('#/resources?status=all&sort=-lastChanged&limit=5');
    again.page.on('request', (request) => sent.push(request.url()));
    await settled(again.page);
    expect(await again.page.inputValue('select[name="sort"]')).toBe('-lastChanged');
    const shown = await again.page
      .locator('td.time time')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
    expect(shown).toEqual([...shown].sort().reverse());
    expect(await again.page.locator('.list-status').textContent()).toContain('among the loaded rows');
    expect(sent.filter((url) => url.includes('sort='))).toEqual([]);
    await expectClean();
    await again.expectClean();
    await page.close();
    await again.page.close();
  });

  test('rows show the Name tag of EC2 ids, a console link and a copy-ARN button', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: runtime.apiUrl });
    const { page, expectClean } = await open('#/resources?type=AWS%3A%3AEC2%3A%3AInstance');
    await settled(page);
    const instance = page.locator('table.resources tbody tr').first();
    expect(await instance.locator('.name-link').textContent()).toBe('shop-bastion');
    expect(await instance.locator('.resource-id').textContent()).toBe('i-0a1b2c3d4e5f60718');
    const console = instance.locator('a.console-link');
    expect(await console.getAttribute('href')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#InstanceDetails:instanceId=i-0a1b2c3d4e5f60718',
    );
    expect(await console.getAttribute('rel')).toBe('noopener noreferrer');
    await instance.locator('button.copy').click();
    await instance.locator('button.copy', { hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'arn:aws:ec2:eu-west-1:111122223333:instance/i-0a1b2c3d4e5f60718',
    );

    await instance.locator('.name-link').click();
    await page.locator('.timeline li').first().waitFor();
    expect(await page.locator('h2.resource-name').textContent()).toBe('shop-bastion');
    expect(await page.locator('.resource-view p.resource-id').textContent()).toBe('i-0a1b2c3d4e5f60718');
    expect(await page.locator('.fields').textContent()).toContain('Last confirmednever seen by a snapshot');
    await expectClean();
    await page.close();
  });

  test('who created and last changed a resource shows in the list, the detail and each history entry', async () => {
    const { page, expectClean } = await open('#/resources?type=AWS%3A%3AEC2%3A%3AInstance');
    await settled(page);
    const instance = page.locator('table.resources tbody tr').first();
    expect(await instance.locator('td.by').textContent()).toBe('user/alice');
    expect(await instance.locator('td.by .principal').getAttribute('title')).toBe(
      'arn:aws:iam::111122223333:user/alice',
    );
    await instance.locator('.name-link').click();
    await page.locator('.timeline li').first().waitFor();
    const fields = await page.locator('.fields').textContent();
    expect(fields).toContain('Created byuser/alice');
    expect(fields).toContain('Last changed byuser/alice');
    const facts = await texts(page, '.timeline .event-facts');
    expect(facts).toHaveLength(2);
    for (const entry of facts) expect(entry).toContain('byuser/alice');
    await expectClean();
    await page.close();
  });

  test('at a phone’s width (390 px) nothing overflows, names stay on one line, rows become cards', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    const failed: string[] = [];
    phone.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    for (const hash of ['#/resources?status=all', '#/stacks', '#/metrics']) {
      await phone.goto(`${runtime.apiUrl}/${hash}`);
      await phone.locator('main [aria-busy="false"], details.stack').first().waitFor();
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect({ hash, width }).toEqual({ hash, width: 390 });
    }
    await phone.goto(`${runtime.apiUrl}/#/resources?status=all`);
    await settled(phone);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Minor columns are hidden; names are one line, cut with an ellipsis, whole in the title.
    expect(await phone.locator('table.resources thead').isVisible()).toBe(false);
    expect(await phone.locator('td.minor').first().isVisible()).toBe(false);
    const longest = phone.locator('td.name a', { hasText: 'shop-prod-OrdersTable-1A2B3C4D5E6F' });
    const style = await longest.evaluate((link) => {
      const computed = getComputedStyle(link);
      return {
        whiteSpace: computed.whiteSpace,
        textOverflow: computed.textOverflow,
        height: link.clientHeight,
      };
    });
    expect(style.whiteSpace).toBe('nowrap');
    expect(style.textOverflow).toBe('ellipsis');
    expect(style.height).toBeLessThan(24);
    expect(await longest.getAttribute('title')).toBe('shop-prod-OrdersTable-1A2B3C4D5E6F');
    const card = await phone.locator('table.resources tbody tr').first().boundingBox();
    expect(card!.width).toBeLessThanOrEqual(390 - 2 * 12);
    // The sort picker and the export stay reachable without the table's header.
    expect(await phone.locator('select[name="sort"]').isVisible()).toBe(true);
    expect(await phone.locator('button.csv-download').isVisible()).toBe(true);
    // A detail with long ARNs and a history fits too.
    await longest.click();
    await phone.locator('.timeline li').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(failed).toEqual([]);
    await phone.close();
  });

  test('the favicon is an SVG at /favicon.ico, linked by the page', async () => {
    const response = await fetch(`${runtime.apiUrl}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const { page, expectClean } = await open();
    expect(await page.getAttribute('link[rel="icon"]', 'href')).toBe('favicon.ico');
    await expectClean();
    await page.close();
  });

  test('the metrics view draws the dashboard’s graphs from the events just sent', async () => {
    expect(await putEvents(runtime.eventsUrl, [logGroupEvent('metrics-probe-group')])).toBe(0);
    await waitFor('the probe log group', async () => {
      const body = await getJson('/resources?name=metrics-probe-group');
      return (body.items as unknown[])[0];
    });
    const { page, expectClean } = await open('#/metrics?minutes=15');
    await page.locator('figure[data-metric="EventsReceived"] .legend li').first().waitFor();
    expect(await texts(page, '.metric-title')).toEqual(METRIC_LIST.map(graphTitleOf));
    const report = await getJson('/metrics?minutes=15');
    const total = (name: string, label: string) => {
      const graph = (
        report.graphs as { name: string; series: { label: string; points: { value: number }[] }[] }[]
      ).find((entry) => entry.name === name);
      return (
        graph?.series.find((series) => series.label === label)?.points.reduce((sum, p) => sum + p.value, 0) ??
        0
      );
    };
    const received = total('EventsReceived', 'ingest-cloudtrail AWS API Call via CloudTrail');
    // The demo's CloudTrail calls and the probe, at least.
    expect(received).toBeGreaterThanOrEqual(9);
    const legend = (metric: string, series: string) =>
      page
        .locator(`figure[data-metric="${metric}"] .legend li[data-series="${series}"] .series-value`)
        .textContent();
    expect(await legend('EventsReceived', 'ingest-cloudtrail AWS API Call via CloudTrail')).toBe(
      `total ${received}`,
    );
    expect(await legend('ChangesApplied', 'ingest-cloudtrail')).toBe(
      `total ${total('ChangesApplied', 'ingest-cloudtrail')}`,
    );
    expect(await legend('IngestLag', 'ingest-cloudtrail')).toMatch(/^peak \d+(\.\d)? (ms|s|min|h|d)$/);
    expect(await legend('Requests', 'query-api GET /resources')).toMatch(/^total \d+$/);
    expect(
      await page
        .locator('figure[data-metric="Requests"] svg polyline, figure[data-metric="Requests"] svg circle')
        .count(),
    ).toBeGreaterThan(0);
    expect(
      await page.locator('figure[data-metric="UnmappedCalls"] .metric-empty').count(),
    ).toBeLessThanOrEqual(1);
    await expectClean();
    await page.close();
  });

  test('filters by type and tag, keeps them in the URL, and a shared link shows the same view', async () => {
    const { page, expectClean } = await open();
    await settled(page);
    // Without filters in the URL the filter fields are folded away under "Filters".
    expect(await page.locator('input[name="type"]').isVisible()).toBe(false);
    await page.click('details.more-filters > summary');
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
    expect(await again.page.locator('input[name="type"]').isVisible()).toBe(true);
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
    // The counts are the whole inventory's still: they say what exists beyond the filter.
    await summarised(page);
    expect(await page.locator('.summary-total').textContent()).toMatch(
      /^Whole inventory: \d+ active resources$/,
    );

    await page.goto(`${runtime.apiUrl}/#/resources?region=EU`);
    await page.locator('.resource-list [role="alert"]').waitFor();
    const notice = await page.locator('.resource-list [role="alert"]').textContent();
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
      await page.locator('.resource-list [role="alert"]').waitFor();
      const text = `${await page.locator('.resource-list [role="alert"]').textContent()} ${await page.locator('button.load-more').textContent()}`;
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

  test('a snapshot that corrected a row is visible as such in its history, with lastConfirmed', async () => {
    // Sent last: it changes a demo bucket's tags. A listing at T saw other tags than the events said.
    const run = {
      id: `browser-run-${randomUUID()}`,
      source: 'tagging',
      account: '111122223333',
      region: 'eu-west-1',
      startedAt: '2024-06-10T08:00:00Z',
      listedAt: '2024-06-10T08:00:00Z',
    };
    const arn = 'arn:aws:s3:::shop-manual-exports';
    const observation: ScenarioEvent = {
      id: randomUUID(),
      'detail-type': 'Resource Inventory Snapshot',
      source: 'resource-inventory.snapshot',
      time: run.listedAt,
      detail: {
        kind: 'observations',
        run,
        resources: [
          {
            id: arn,
            arn,
            type: 'AWS::S3::Bucket',
            account: '111122223333',
            region: 'eu-west-1',
            name: 'shop-manual-exports',
            tags: { team: 'data', 'cost-center': '9999' },
          },
        ],
      },
    };
    expect(await putEvents(runtime.eventsUrl, [observation])).toBe(0);
    await waitFor('the snapshot observation in the row', async () => {
      const body = await getJson(`/resources/${encodeURIComponent(arn)}`);
      return body.lastConfirmed === run.listedAt ? body : undefined;
    });
    const { page, expectClean } = await open(`#/resource/${encodeURIComponent(arn)}`);
    await page.locator('.timeline li').first().waitFor();
    const newest = page.locator('.timeline li').first();
    expect(await newest.getAttribute('class')).toContain('snapshot-corrected');
    expect(await newest.locator('.event-head').textContent()).toContain('snapshot');
    expect(await newest.locator('.snapshot-note').textContent()).toBe('Snapshot corrected the row: tags.');
    const fields = await page.locator('.fields').textContent();
    expect(fields).toContain('Last confirmed2024-06-10 08:00:00 UTC by a snapshot');
    expect(await texts(page, '.fields dd')).toContain('cloudtrail, snapshot');
    expect(await page.locator('.fields .tag').allTextContents()).toEqual(['cost-center=9999', 'team=data']);
    await expectClean();
    await page.close();
  });

  test('the counts by account show the name the organization gives an account, beside its id', async () => {
    // The management account's snapshot of the organization: one account, named (adds a row of its own).
    const management = '111111111111';
    const run = {
      id: `browser-organization-${randomUUID()}`,
      source: 'organizations',
      account: management,
      region: 'global',
      startedAt: '2024-06-10T09:00:00Z',
      listedAt: '2024-06-10T09:00:00Z',
    };
    const arn = `arn:aws:organizations::${management}:account/o-a1b2c3d4e5/111122223333`;
    const observation: ScenarioEvent = {
      id: randomUUID(),
      'detail-type': 'Resource Inventory Snapshot',
      source: 'resource-inventory.snapshot',
      time: run.listedAt,
      detail: {
        kind: 'observations',
        run,
        resources: [
          {
            id: arn,
            arn,
            type: 'AWS::Organizations::Account',
            account: management,
            region: 'global',
            name: 'Production',
          },
        ],
      },
    };
    expect(await putEvents(runtime.eventsUrl, [observation])).toBe(0);
    await waitFor('the account name in /summary', async () => {
      const body = await getJson('/summary');
      return (body.accountNames as Record<string, string> | undefined)?.['111122223333'];
    });
    const { page, expectClean } = await open();
    await summarised(page);
    const byAccount = page.locator('.chart:nth-child(2) .bars li');
    expect(await byAccount.first().locator('.bar-label').textContent()).toBe('Production — 111122223333');
    // The management account's own row has no name: its id alone.
    expect(await byAccount.nth(1).locator('.bar-label').textContent()).toBe(management);
    // The bar still links to the list of that account (by id).
    await byAccount.first().locator('a.bar-label').click();
    await page.waitForFunction(() => location.hash === '#/resources?account=111122223333');
    await expectClean();
    await page.close();
  });
});
