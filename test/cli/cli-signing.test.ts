// Requests to a deployed API are signed with SigV4 from the standard credential chain: a verifier
// that knows the secrets recomputes every signature, so a wrong secret fails, and a 403 names the
// missing execute-api:Invoke permission.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveApiTarget } from '../../shared/cli/api-target';
import { cli } from './cli-harness';
import { startSigV4Verifier } from './sigv4-verifier';
import type { SigV4Verifier } from './sigv4-verifier';

const READER = {
  accessKeyId: 'AKIAREADER0000000001',
  secretAccessKey: 'reader/secret/known+to+the+verifier',
};
const STRANGER = { accessKeyId: 'AKIASTRANGER00000002', secretAccessKey: 'stranger-secret' };
const BUCKET = {
  id: 'arn:aws:s3:::shop-prod-assets',
  type: 'AWS::S3::Bucket',
  name: 'shop-prod-assets',
  account: '111122223333',
  region: 'eu-west-1',
  status: 'active',
  stack: null,
  tags: { team: 'data' },
  lastChanged: '2024-06-05T10:15:15Z',
};

let verifier: SigV4Verifier;
let awsDir: string;

beforeAll(async () => {
  awsDir = mkdtempSync(join(tmpdir(), 'inventory-cli-aws-'));
  writeFileSync(
    join(awsDir, 'credentials'),
    [
      '[inventory-reader]',
      `aws_access_key_id = ${READER.accessKeyId}`,
      `aws_secret_access_key = ${READER.secretAccessKey}`,
      '[inventory-wrong-secret]',
      `aws_access_key_id = ${READER.accessKeyId}`,
      'aws_secret_access_key = not-the-secret',
      '[inventory-stranger]',
      `aws_access_key_id = ${STRANGER.accessKeyId}`,
      `aws_secret_access_key = ${STRANGER.secretAccessKey}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(awsDir, 'config'), '');
  // The standard chain reads these; jest gives each test file its own process.env.
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(awsDir, 'credentials');
  process.env.AWS_CONFIG_FILE = join(awsDir, 'config');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  for (const name of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    delete process.env[name];
  }

  verifier = await startSigV4Verifier(
    { [READER.accessKeyId]: READER.secretAccessKey, [STRANGER.accessKeyId]: STRANGER.secretAccessKey },
    (request, response) => {
      // Signature valid; authorization is a separate question, as in API Gateway.
      if (request.accessKeyId === STRANGER.accessKeyId) {
        response.writeHead(403, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            message: `User: arn:aws:iam::111122223333:user/stranger is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:********3333:abc123/$default/GET${request.url.pathname}`,
          }),
        );
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      const single = request.url.pathname.startsWith('/resources/');
      response.end(JSON.stringify(single ? BUCKET : { items: [BUCKET], nextCursor: null }));
    },
  );
});

afterAll(async () => {
  await verifier?.close();
  rmSync(awsDir, { recursive: true, force: true });
});

const signed = (...argv: string[]) => [
  ...argv,
  '--api',
  verifier.url,
  '--sign',
  '--signing-region',
  'eu-west-1',
];

test("a request signed with the profile's credentials passes the verifier, query and path included", async () => {
  const run = await cli(
    signed(
      'list',
      '--profile',
      'inventory-reader',
      '--tag',
      'team=data',
      '--tag',
      'env=prod',
      '-q',
      'orders worker',
      '--output',
      'json',
    ),
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual([BUCKET]);
  const request = verifier.verified.at(-1)!;
  expect(request).toMatchObject({
    accessKeyId: READER.accessKeyId,
    region: 'eu-west-1',
    service: 'execute-api',
  });
  expect(request.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-date']));
  expect([...request.url.searchParams]).toEqual([
    ['q', 'orders worker'],
    ['tag.team', 'data'],
    ['tag.env', 'prod'],
  ]);

  const get = await cli(signed('get', BUCKET.id, '--profile', 'inventory-reader', '--output', 'json'));
  expect(get.code).toBe(0);
  expect(verifier.verified.at(-1)!.url.pathname).toBe(`/resources/${encodeURIComponent(BUCKET.id)}`);
});

test('a wrong secret is refused by the verifier, and the CLI says the signature was not accepted', async () => {
  const refusedBefore = verifier.refused.length;
  const run = await cli(signed('list', '--profile', 'inventory-wrong-secret'));
  expect(run.code).toBe(1);
  expect(verifier.refused.slice(refusedBefore)).toEqual([
    expect.stringMatching(/signature we calculated does not match/),
  ]);
  expect(run.stderr).toMatch(/403: The request signature we calculated does not match/);
  expect(run.stderr).toMatch(/The signature or credentials were not accepted/);
  expect(run.stderr).toMatch(/aws sts get-caller-identity --profile inventory-wrong-secret/);
});

test('a 403 for a valid signature names the missing permission and how to grant it', async () => {
  const run = await cli(signed('stacks', '--profile', 'inventory-stranger'));
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/is not authorized to perform: execute-api:Invoke/);
  expect(run.stderr).toContain(
    'Your identity needs execute-api:Invoke on arn:aws:execute-api:eu-west-1:<account-id>:<api-id>/*/GET/stacks.',
  );
  const policy = JSON.parse(run.stderr.slice(run.stderr.indexOf('{'), run.stderr.lastIndexOf('}') + 1));
  expect(policy.Statement).toEqual([
    {
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: 'arn:aws:execute-api:eu-west-1:<account-id>:<api-id>/*/GET/*',
    },
  ]);
});

test('without --profile the standard chain takes credentials from the environment', async () => {
  process.env.AWS_ACCESS_KEY_ID = READER.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = READER.secretAccessKey;
  try {
    const run = await cli(signed('list', '--output', 'json'));
    expect(run.code).toBe(0);
    expect(verifier.verified.at(-1)!.accessKeyId).toBe(READER.accessKeyId);
  } finally {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  }
});

test('an unknown profile fails before any request, naming the profile', async () => {
  const requests = verifier.verified.length + verifier.refused.length;
  const run = await cli(signed('list', '--profile', 'no-such-profile'));
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/cannot sign the request: profile 'no-such-profile' gave no usable credentials/);
  expect(verifier.verified.length + verifier.refused.length).toBe(requests);
});

describe('which requests are signed, and for which region', () => {
  const target = (api: string, env: NodeJS.ProcessEnv = {}, signingRegion?: string) =>
    resolveApiTarget({ api, sign: false, signingRegion, env, cwd: '/' });

  test('a deployed execute-api URL is signed for the region it names', () => {
    expect(target('https://abc123.execute-api.ap-southeast-2.amazonaws.com').signing).toEqual({
      region: 'ap-southeast-2',
      profile: undefined,
    });
  });

  test('loopback URLs (the local runtime) are not signed', () => {
    for (const api of ['http://127.0.0.1:3000', 'http://localhost:3000/', 'http://[::1]:3000']) {
      expect(target(api).signing).toBeUndefined();
    }
  });

  test('a custom domain takes the region from --signing-region or AWS_REGION, else says so', () => {
    expect(target('https://inventory.example.com/', {}, 'eu-central-1').signing?.region).toBe('eu-central-1');
    expect(target('https://inventory.example.com/', { AWS_REGION: 'us-east-2' }).signing?.region).toBe(
      'us-east-2',
    );
    expect(() => target('https://inventory.example.com/')).toThrow(
      /pass --signing-region \(or set AWS_REGION\)/,
    );
  });

  test('a stage path is kept as the base of every route', () => {
    expect(target('https://abc123.execute-api.eu-west-1.amazonaws.com/prod').baseUrl.href).toBe(
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/',
    );
  });
});
