// Property: merging a resource's changes in any order, with any repeats, gives the row that applying
// them one by one in the total order gives (test/fixtures/reference-fold.ts). This is what lets the
// store merge each change into the stored state instead of re-reading history.
import fc from 'fast-check';
import type { RecordedChange } from '../../shared/model/change-order';
import type { Lifecycle, Principal } from '../../shared/model/resource-change';
import { mergeChanges, recordOfState } from '../../shared/model/resource-state';
import { referenceFold } from '../fixtures/reference-fold';

const NUM_RUNS = Number(process.env.PROPERTY_RUNS ?? 2000);
const ID = 'arn:aws:s3:::merge-me';

const principal = (who: string): Principal => ({
  arn: `arn:aws:iam::111122223333:user/${who}`,
  type: 'IAMUser',
  accountId: '111122223333',
  invokedBy: null,
  sourceIPAddress: null,
  userAgent: null,
});

const change: fc.Arbitrary<RecordedChange> = fc
  .record({
    lifecycle: fc.constantFrom<Lifecycle>('absent', 'create', 'observe', 'update', 'tag', 'detach', 'delete'),
    second: fc.integer({ min: 0, max: 4 }),
    event: fc.integer({ min: 0, max: 30 }),
    seq: fc.integer({ min: 0, max: 1 }),
    name: fc.option(fc.constantFrom('alpha', 'beta'), { nil: undefined }),
    typeDerived: fc.boolean(),
    type: fc.constantFrom('AWS::S3::Bucket', 'AWS::S3::AccessPoint'),
    tags: fc.option(
      fc.record({
        set: fc.option(fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('1', '2')), {
          nil: undefined,
        }),
        add: fc.option(fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('1', '2')), {
          nil: undefined,
        }),
        remove: fc.option(fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 2 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    stack: fc.constantFrom<'none' | 'set' | 'detach'>('none', 'set', 'detach'),
    who: fc.option(fc.constantFrom('ann', 'bob'), { nil: undefined }),
    arn: fc.boolean(),
  })
  .map((g): RecordedChange => {
    const deleting = g.lifecycle === 'delete' || g.lifecycle === 'absent';
    const source =
      g.lifecycle === 'observe' || g.lifecycle === 'absent'
        ? 'snapshot'
        : g.who
          ? 'cloudtrail'
          : 'cloudformation';
    const base: RecordedChange = {
      id: ID,
      arn: g.arn ? ID : null,
      type: g.type,
      typeDerived: g.typeDerived,
      account: '111122223333',
      region: 'eu-west-1',
      action: deleting ? 'delete' : 'upsert',
      lifecycle: g.lifecycle,
      eventTime: `2024-06-01T12:00:0${g.second}Z`,
      // Ids out of time order, and a few shared, so ties are broken by rank, id and position.
      eventId: `e${(g.event * 7) % 31}`,
      source,
      seq: g.seq,
    };
    if (g.lifecycle === 'absent') return base;
    return {
      ...base,
      ...(g.name ? { name: g.name } : {}),
      ...(g.tags ? { tags: g.tags } : {}),
      ...(g.stack === 'set'
        ? {
            stack: {
              id: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/s/1',
              name: 's',
              logicalId: 'L',
            },
          }
        : {}),
      ...(g.stack === 'detach' ? { stack: null } : {}),
      ...(g.who && source === 'cloudtrail' ? { principal: principal(g.who) } : {}),
    };
  });

/** One change per order key: two different changes with the same key cannot both exist. */
function distinctByOrder(changes: RecordedChange[]): RecordedChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = `${c.eventTime}|${c.lifecycle}|${c.eventId}|${c.seq}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

test(`merging in any order with repeats equals the step-by-step fold (${NUM_RUNS} cases)`, () => {
  fc.assert(
    fc.property(
      fc.array(change, { minLength: 1, maxLength: 12 }).map(distinctByOrder),
      fc.array(fc.nat(), { maxLength: 30 }),
      (history, picks) => {
        const delivery = [...history, ...picks.map((pick) => history[pick % history.length])];
        // A deterministic shuffle driven by the picks.
        const shuffled = delivery
          .map((item, index) => ({
            item,
            key: (picks[index % Math.max(picks.length, 1)] ?? index) * 31 + index,
          }))
          .sort((a, b) => a.key - b.key)
          .map(({ item }) => item);
        const merged = mergeChanges(undefined, shuffled);
        expect(merged && recordOfState(merged)).toEqual(referenceFold(history));
      },
    ),
    { numRuns: NUM_RUNS },
  );
});

test('merging a change twice, or merging two states the other way round, changes nothing', () => {
  fc.assert(
    fc.property(fc.array(change, { minLength: 1, maxLength: 10 }).map(distinctByOrder), (history) => {
      const once = mergeChanges(undefined, history);
      const twice = mergeChanges(once, history);
      expect(twice && recordOfState(twice)).toEqual(once && recordOfState(once));
      const reversed = mergeChanges(undefined, [...history].reverse());
      expect(reversed && recordOfState(reversed)).toEqual(once && recordOfState(once));
    }),
    { numRuns: 500 },
  );
});
