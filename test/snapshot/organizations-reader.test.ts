// `aws organizations list-accounts` output read by `npm run snapshot`: recognised by its shape, each
// account an observation named after it in the management account's `global` scope, complete only
// without a NextToken; a malformed file stops the command (exit 2) naming the file and the field.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findFreePort } from '../../shared/local/free-port';
import { SnapshotInputError } from '../../shared/snapshot/readers/snapshot-reader';
import type { ReaderContext } from '../../shared/snapshot/readers/snapshot-reader';
import { readerFor } from '../../shared/snapshot/snapshot-readers';
import { ROOT, SAMPLES } from './snapshot-samples';

const CONTEXT: ReaderContext = { file: 'accounts.json', stacks: new Map(), fileTime: '2024-06-10T12:00:00Z' };
const arn = (member: string) => `arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/${member}`;
const account = (member: string, fields: Record<string, unknown> = {}) => ({
  Id: member,
  Arn: arn(member),
  Email: `aws-${member}@example.com`,
  Name: `Account ${member}`,
  Status: 'ACTIVE',
  JoinedMethod: 'CREATED',
  JoinedTimestamp: '2023-01-09T09:40:02.517000+00:00',
  ...fields,
});

function read(document: unknown) {
  const reader = readerFor(document);
  if (!reader) throw new Error('not recognised');
  return { format: reader.format, pages: reader.read(document, CONTEXT) };
}

test('recognised by shape, read into one complete page of named accounts in (management, global)', () => {
  const { format, pages } = read({ Accounts: [account('111111111111'), account('111122223333')] });
  expect(format).toBe('organizations-accounts');
  expect(pages).toHaveLength(1);
  expect(pages[0]).toMatchObject({
    source: 'organizations',
    account: '111111111111',
    region: 'global',
    completeTypes: ['AWS::Organizations::Account'],
    listedAt: CONTEXT.fileTime,
  });
  expect(pages[0].observations.map((observation) => [observation.id, observation.name])).toEqual([
    [arn('111111111111'), 'Account 111111111111'],
    [arn('111122223333'), 'Account 111122223333'],
  ]);
});

test('an output cut short (NextToken: --max-items) lists accounts but proves no absence', () => {
  const { pages } = read({ Accounts: [account('111122223333')], NextToken: 'eyJOZXh0VG9rZW4iOiBudWxsfQ==' });
  expect(pages[0].observations).toHaveLength(1);
  expect(pages[0].completeTypes).toEqual([]);
});

test('a suspended account keeps its name (by State, or the older Status); a closed one is left out', () => {
  const { pages } = read({
    Accounts: [
      account('111122223333', { Status: 'SUSPENDED' }),
      account('444455556666', { Status: undefined, State: 'PENDING_CLOSURE' }),
      account('777788889999', { Status: undefined, State: 'CLOSED' }),
    ],
  });
  expect(pages[0].observations.map((observation) => observation.name)).toEqual([
    'Account 111122223333',
    'Account 444455556666',
  ]);
  expect(pages[0].skipped).toEqual({ 'a closed account (gone for good)': 1 });
});

test.each([
  [
    { Accounts: [account('111122223333', { Arn: 'arn:aws:iam::111111111111:root' })] },
    'Accounts.0.Arn',
    /account ARN/,
  ],
  [{ Accounts: [account('111122223333', { Id: 111122223333 })] }, 'Accounts.0.Id', /string/],
  [
    { Accounts: [account('111122223333'), account('444455556666', { Arn: arn('111122223333') })] },
    'Accounts.1.Arn',
    /names account 111122223333/,
  ],
])('a malformed output names its field (%#)', (document, field, problem) => {
  let thrown: unknown;
  try {
    read(document);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(SnapshotInputError);
  expect(thrown).toMatchObject({ file: 'accounts.json', field, problem: expect.stringMatching(problem) });
});

test('npm run snapshot exits 2 on a malformed output, naming the file and the field, and sends nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'organizations-reader-'));
  try {
    const good = join(SAMPLES, 'organizations/list-accounts.json');
    const bad = join(dir, 'list-accounts.json');
    writeFileSync(bad, JSON.stringify({ Accounts: [account('111122223333', { Id: '1111-2222-3333' })] }));
    // No bus listens on a free port: reaching it would be an error of another kind.
    const endpoint = `http://127.0.0.1:${await findFreePort()}`;
    const run = promisify(execFile)(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/snapshot.ts', '--endpoint', endpoint, good, bad],
      { cwd: ROOT },
    );
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        `${bad}: Accounts.0.Id: expected a 12-digit account id\nNothing was sent.`,
      ),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
