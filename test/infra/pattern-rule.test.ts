// Rule names: `<stack>-<definition>`, shortened with a hash when EventBridge's 64 characters would not
// fit, and always starting with the prefix the invoke and dead-letter grants match on.
import { ruleNameFor } from '../../infra/pattern-rule';

describe('ruleNameFor', () => {
  test('short names are the prefix and the definition name', () => {
    expect(ruleNameFor('ResourceInventory', 'inventory-cloudtrail-s3')).toBe(
      'ResourceInventory-inventory-cloudtrail-s3',
    );
  });

  test('long names are cut to 64 characters, keep the prefix, and stay distinct and stable', () => {
    const prefix = 'ResourceInventoryForwarder';
    const a = ruleNameFor(prefix, 'inventory-cloudtrail-elasticloadbalancing-2');
    const b = ruleNameFor(prefix, 'inventory-cloudtrail-elasticloadbalancing-3');
    for (const name of [a, b]) {
      expect(name.length).toBe(64);
      expect(name.startsWith(`${prefix}-`)).toBe(true);
      expect(name).toMatch(/^[.\-_A-Za-z0-9]+$/);
    }
    expect(a).not.toBe(b);
    expect(ruleNameFor(prefix, 'inventory-cloudtrail-elasticloadbalancing-2')).toBe(a);
  });
});
