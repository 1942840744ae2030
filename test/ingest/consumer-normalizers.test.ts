// Each ingest consumer normalizes exactly the detail-types its rules send it: a rule whose events
// its target cannot read would reject them all, and a normalizer no rule feeds is dead weight in
// the consumer's bundle.
import { CLOUDFORMATION_CONSUMER_NORMALIZERS } from '../../shared/ingest/cloudformation-consumer-normalizers';
import { CLOUDTRAIL_CONSUMER_NORMALIZERS } from '../../shared/ingest/cloudtrail-consumer-normalizers';
import type { Normalizers } from '../../shared/ingest/event-admission';
import { RULES } from '../../shared/rules/rule-patterns';

const CONSUMERS: Record<string, Normalizers> = {
  'cloudformation-ingest': CLOUDFORMATION_CONSUMER_NORMALIZERS,
  'cloudtrail-ingest': CLOUDTRAIL_CONSUMER_NORMALIZERS,
};

function detailTypesOf(pattern: Record<string, unknown>): string[] {
  const types = pattern['detail-type'];
  return Array.isArray(types) ? types.filter((type): type is string => typeof type === 'string') : [];
}

test.each(Object.entries(CONSUMERS))(
  '%s reads what its rules send, and nothing else',
  (consumer, normalizers) => {
    const sent = new Set(
      RULES.filter((rule) => rule.target === consumer).flatMap((rule) => detailTypesOf(rule.pattern)),
    );
    expect(sent.size).toBeGreaterThan(0);
    expect(Object.keys(normalizers).sort()).toEqual([...sent].sort());
  },
);

test('every rule names its detail-types, so its consumer is known to read them', () => {
  for (const rule of RULES) expect(detailTypesOf(rule.pattern).length).toBeGreaterThan(0);
});
