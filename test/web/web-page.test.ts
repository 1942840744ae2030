// The web page as the query API serves it: the committed bundle is the build of web/ (rebuild with
// `npm run build:web`), the page and its files carry a CSP that allows no inline script, and the page's
// source has no HTML-from-string sink. Its behaviour in a browser is tested in test/browser.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { build } from 'esbuild';
import { buildWebAssets, WEB_SOURCE_DIR } from '../../scripts/build-web';
import { WEB_ASSETS } from '../../shared/query/web-assets';
import { startQueryApiHarness } from '../query/query-api-harness';
import type { QueryApiHarness } from '../query/query-api-harness';
import { hrefOf, readRoute } from '../../web/src/view-route';
import type { ViewRoute } from '../../web/src/view-route';
import { apiGatewayEvent } from '../support/api-gateway-event';

// The bundled handler builds its own telemetry: keep its EMF and info lines out of the test output.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';

let harness: QueryApiHarness;

beforeAll(async () => {
  harness = await startQueryApiHarness('web-page');
});
afterAll(() => harness.close());

test('shared/query/web-assets.ts is the current build of web/ (run `npm run build:web`)', async () => {
  const built = await buildWebAssets();
  expect(WEB_ASSETS.html).toBe(built.html);
  expect(WEB_ASSETS.style).toBe(built.style);
  expect(WEB_ASSETS.favicon).toBe(built.favicon);
  // Compared last: a stale script shows as one huge diff.
  expect(WEB_ASSETS.script === built.script).toBe(true);
});

test.each([
  ['/', /^text\/html; charset=utf-8$/, WEB_ASSETS.html],
  ['/app.js', /^text\/javascript; charset=utf-8$/, WEB_ASSETS.script],
  ['/app.css', /^text\/css; charset=utf-8$/, WEB_ASSETS.style],
  ['/favicon.ico', /^image\/svg\+xml$/, WEB_ASSETS.favicon],
])(
  'GET %s answers the asset with its type, nosniff and a CSP without inline script',
  async (target, type, body) => {
    const response = await harness.get(target);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.text).toBe(body);
    const csp = directives(response.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect([...csp.values()].flat()).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/unsafe-|^\*$|^data:|^https?:/)]),
    );
  },
);

test('the Lambda bundle of the query function carries the page and serves it', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'query-bundle-'));
  const outfile = path.join(folder, 'index.js');
  const saved = process.env.TABLE_NAME;
  try {
    await build({
      entryPoints: [path.resolve(__dirname, '../../handlers/query-api.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      minify: true,
      outfile,
      logLevel: 'silent',
    });
    process.env.TABLE_NAME = 'unused-by-the-page';
    const lambda: { handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> } =
      jest.requireActual(outfile);
    for (const [rawPath, body] of [
      ['/', WEB_ASSETS.html],
      ['/app.js', WEB_ASSETS.script],
    ]) {
      const reply = await lambda.handler(pageRequest(rawPath));
      expect({ rawPath, status: reply.statusCode, same: reply.body === body }).toEqual({
        rawPath,
        status: 200,
        same: true,
      });
      expect(reply.headers?.['content-security-policy']).toContain("script-src 'self'");
    }
  } finally {
    if (saved === undefined) delete process.env.TABLE_NAME;
    else process.env.TABLE_NAME = saved;
    fs.rmSync(folder, { recursive: true, force: true });
  }
});

test('the page loads its script and style sheet as same-directory files, and inlines neither', () => {
  const html = WEB_ASSETS.html;
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.map(([, attributes, content]) => ({ attributes: attributes.trim(), content }))).toEqual([
    { attributes: 'src="app.js" defer', content: '' },
  ]);
  expect(html).toContain('<link rel="stylesheet" href="app.css" />');
  expect(html).toContain('<link rel="icon" href="favicon.ico" type="image/svg+xml" />');
  expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|=\s*"?\s*javascript:/i);
});

test('the page source never turns strings into HTML', () => {
  const sinks =
    /\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write|DOMParser|createContextualFragment|\beval\(|new Function\(/;
  const files = fs.readdirSync(path.join(WEB_SOURCE_DIR, 'src')).filter((name) => name.endsWith('.ts'));
  expect(files.length).toBeGreaterThan(5);
  for (const name of files) {
    const source = fs.readFileSync(path.join(WEB_SOURCE_DIR, 'src', name), 'utf8');
    expect({ name, sink: sinks.exec(source)?.[0] }).toEqual({ name, sink: undefined });
  }
});

test('views round-trip through the URL hash, ids with every special character included', () => {
  const id = 'arn:aws:logs:eu-west-1:111122223333:log-group:<img src=x onerror=alert(1)>/a?b#c%d';
  const routes: ViewRoute[] = [
    { view: 'resource', id },
    { view: 'resources', query: new URLSearchParams({ type: 'AWS::S3::Bucket', 'tag.team': 'a&b=c' }) },
    { view: 'stacks', query: new URLSearchParams({ status: 'all' }) },
    { view: 'metrics', query: new URLSearchParams({ minutes: '15' }) },
    { view: 'resources', query: new URLSearchParams({ q: 'orders worker', sort: '-lastChanged' }) },
  ];
  for (const route of routes) expect(comparable(readRoute(hrefOf(route)))).toEqual(comparable(route));
  expect(comparable(readRoute(''))).toEqual({ view: 'resources', query: '' });
  expect(readRoute('#/resource/%E0%A4%A').view).toBe('resources');
});

function comparable(route: ViewRoute): Record<string, string> {
  return route.view === 'resource' ? { ...route } : { view: route.view, query: route.query.toString() };
}

function pageRequest(rawPath: string) {
  return apiGatewayEvent(rawPath);
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name, values]),
  );
}
