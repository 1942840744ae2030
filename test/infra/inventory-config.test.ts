// Context parsing: strings from `-c key=value` and JSON values from cdk.json mean the same thing, and
// a wrong value stops synthesis with the key's name.
import { DEFAULT_CONFIG, readInventoryConfig } from '../../infra/inventory-config';

const lookupOf =
  (context: Record<string, unknown>) =>
  (key: string): unknown =>
    context[key];

describe('readInventoryConfig', () => {
  test('no context gives the documented defaults', () => {
    expect(readInventoryConfig(lookupOf({}))).toEqual(DEFAULT_CONFIG);
  });

  test('command-line strings and cdk.json values are read alike', () => {
    const fromCli = readInventoryConfig(
      lookupOf({
        tombstoneRetentionDays: '7',
        logRetentionDays: '90',
        createTrail: 'true',
        sourceAccounts: '111111111111, 222222222222,111111111111',
        organizationId: 'o-a1b2c3d4e5',
        alarmEmail: 'ops@inventory.invalid',
        apiRateLimit: '10',
        apiBurstLimit: '20',
      }),
    );
    const fromCdkJson = readInventoryConfig(
      lookupOf({
        tombstoneRetentionDays: 7,
        logRetentionDays: 90,
        createTrail: true,
        sourceAccounts: ['111111111111', '222222222222'],
        organizationId: 'o-a1b2c3d4e5',
        alarmEmail: 'ops@inventory.invalid',
        apiRateLimit: 10,
        apiBurstLimit: 20,
      }),
    );
    expect(fromCli).toEqual(fromCdkJson);
    expect(fromCli.sourceAccounts).toEqual(['111111111111', '222222222222']);
    expect(fromCli.createTrail).toBe(true);
  });

  test('a tombstone retention of 0 keeps tombstones', () => {
    expect(readInventoryConfig(lookupOf({ tombstoneRetentionDays: '0' })).tombstoneRetentionDays).toBe(0);
  });

  test.each([
    [{ tombstoneRetentionDays: 'soon' }, /tombstoneRetentionDays/],
    [{ tombstoneRetentionDays: -1 }, /tombstoneRetentionDays/],
    [{ logRetentionDays: 10 }, /logRetentionDays must be one of/],
    [{ createTrail: 'yes' }, /createTrail must be true or false/],
    [{ sourceAccounts: '1234' }, /sourceAccounts/],
    [{ sourceAccounts: [111111111111] }, /sourceAccounts/],
    [{ organizationId: 'my-org' }, /organizationId/],
    [{ alarmEmail: 'nobody' }, /alarmEmail/],
    [{ apiRateLimit: 0 }, /apiRateLimit/],
    [{ centralEventBusArn: 'arn:aws:sqs:eu-west-1:111111111111:queue' }, /centralEventBusArn/],
  ])('%j is refused', (context, message) => {
    expect(() => readInventoryConfig(lookupOf(context))).toThrow(message);
  });

  test('an empty string counts as unset', () => {
    expect(readInventoryConfig(lookupOf({ alarmEmail: '', sourceAccounts: '' }))).toEqual(DEFAULT_CONFIG);
  });
});
