// The pure fold: ordering rules, merging rules and the stack status order.
import { foldResource, foldStack } from '../../shared/model/resource-fold';
import type { RecordedChange } from '../../shared/model/resource-fold';
import { bucketChange, stackChange } from '../fixtures/changes';

const recorded = (change: ReturnType<typeof bucketChange>, seq = 0): RecordedChange => ({ ...change, seq });

test('a type known from a mapping beats one guessed from an ARN, in either order', () => {
  const guessed = recorded(
    bucketChange('t', {
      type: 'AWS::S3::Thing',
      typeDerived: true,
      eventTime: '2024-01-02T00:00:00Z',
      eventId: 'g',
    }),
  );
  const known = recorded(bucketChange('t', { eventId: 'k' }));
  expect(foldResource([guessed, known])?.type).toBe('AWS::S3::Bucket');
  expect(foldResource([known, guessed])?.type).toBe('AWS::S3::Bucket');
});

test('tag changes apply in event order: set replaces, add merges, remove drops', () => {
  const row = foldResource([
    recorded(bucketChange('t', { eventId: '1', tags: { set: { a: '1', b: '2' } } })),
    recorded(
      bucketChange('t', {
        lifecycle: 'tag',
        eventTime: '2024-05-01T10:00:01Z',
        eventId: '2',
        tags: { add: { c: '3' }, remove: ['a'] },
      }),
    ),
    recorded(
      bucketChange('t', {
        lifecycle: 'tag',
        eventTime: '2024-05-01T10:00:02Z',
        eventId: '3',
        tags: { add: { b: 'two' } },
      }),
    ),
  ]);
  expect(row?.tags).toEqual({ b: 'two', c: '3' });
});

test('a newer create after a delete brings the resource back; the tombstone keeps its last tags and stack', () => {
  const stack = { id: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/s/1', name: 's', logicalId: 'B' };
  const deleted = foldResource([
    recorded(bucketChange('r', { eventId: '1', stack, tags: { set: { k: 'v' } } })),
    recorded(
      bucketChange('r', {
        action: 'delete',
        lifecycle: 'delete',
        eventTime: '2024-05-02T00:00:00Z',
        eventId: '2',
      }),
    ),
  ]);
  expect(deleted).toMatchObject({
    status: 'deleted',
    deletedAt: '2024-05-02T00:00:00Z',
    stack,
    tags: { k: 'v' },
  });
  const recreated = foldResource([
    recorded(bucketChange('r', { eventId: '1' })),
    recorded(
      bucketChange('r', {
        action: 'delete',
        lifecycle: 'delete',
        eventTime: '2024-05-02T00:00:00Z',
        eventId: '2',
      }),
    ),
    recorded(bucketChange('r', { eventTime: '2024-05-03T00:00:00Z', eventId: '3' })),
  ]);
  expect(recreated).toMatchObject({
    status: 'active',
    deletedAt: null,
    firstSeen: '2024-05-01T10:00:00Z',
    lastChanged: '2024-05-03T00:00:00Z',
  });
});

test('stack statuses inside one second follow the lifecycle: in progress, then complete, then delete', () => {
  const second = '2024-05-01T10:00:00Z';
  const row = foldStack([
    stackChange('s', { stackStatus: 'DELETE_COMPLETE', eventTime: second, eventId: 'a' }),
    stackChange('s', { stackStatus: 'CREATE_COMPLETE', eventTime: second, eventId: 'b' }),
    stackChange('s', { stackStatus: 'CREATE_IN_PROGRESS', eventTime: second, eventId: 'c' }),
  ]);
  expect(row).toMatchObject({ status: 'deleted', stackStatus: 'DELETE_COMPLETE', deletedAt: second });
  expect(foldStack([])).toBeUndefined();
});
