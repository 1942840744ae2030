// The committed type table is what `npm run generate:types` makes of the installed service spec, and
// every row says what the spec says: the same ARN template, the same identifier, holes it really has.
import * as fs from 'node:fs';
import {
  TYPE_TABLE_FILE,
  ownHoles,
  renderTypeTable,
  specResources,
  tableTemplate,
  typeTableRows,
} from '../../scripts/generate-type-table';
import type { SpecResource } from '../../scripts/generate-type-table';
import { arnFormatsOfType, formatOfRow } from '../../shared/arn/arn-formats';
import { identityForPhysicalId, supportedArnTypes } from '../../shared/arn/resource-identity';
import { allTypeTableRows } from '../../shared/arn/type-table';

const spec = new Map<string, SpecResource>(
  specResources().map((resource) => [resource.cloudFormationType, resource]),
);

test('the committed table is current (run `npm run generate:types`)', () => {
  expect(fs.readFileSync(TYPE_TABLE_FILE, 'utf8')).toBe(renderTypeTable(typeTableRows(spec.values())));
});

test('every spec type with an ARN template has a row, and no other', () => {
  const withTemplate = [...spec.values()]
    .filter((resource) => resource.arnTemplate)
    .map((r) => r.cloudFormationType);
  expect(
    allTypeTableRows()
      .map(([type]) => type)
      .sort(),
  ).toEqual(withTemplate.sort());
  expect(allTypeTableRows().length).toBeGreaterThan(900);
});

describe.each(allTypeTableRows().map((row) => [row[0], row] as const))('%s', (type, row) => {
  const resource = spec.get(type);
  const [, template, identifier, holes] = row;

  test("its template and identifier are the spec's", () => {
    expect(resource?.arnTemplate).toBeDefined();
    expect(template).toBe(tableTemplate(resource?.arnTemplate ?? ''));
    expect(identifier).toEqual(resource?.cfnRefIdentifier ?? resource?.primaryIdentifier ?? []);
    expect(template).toMatch(/^arn:\{partition\}:[a-z0-9-]+:/);
  });

  test("its holes are the template's own, one per identifier part", () => {
    if (holes === 'arn' || holes === null) return;
    expect(holes).toHaveLength(identifier.length);
    const own = ownHoles(resource?.arnTemplate ?? '');
    for (const hole of holes) if (hole !== '') expect(own).toContain(hole);
    for (const hole of own) expect(holes).toContain(hole);
  });

  test('a physical id made of its identifier parts builds an ARN the template recognises', () => {
    if (holes === 'arn' || holes === null) return;
    const format = formatOfRow(row);
    const physicalId = identifier.map((part) => `${part.toLowerCase()}-1`).join('|');
    const groups = format.physicalId?.exec(physicalId)?.groups ?? {};
    for (const hole of holes)
      if (hole !== '') expect(groups[hole]).toBe(`${identifier[holes.indexOf(hole)].toLowerCase()}-1`);
  });
});

test('at least 900 types turn a physical id into an ARN', () => {
  const context = { account: '111122223333', region: 'eu-west-1' };
  const building = supportedArnTypes().filter((type) => {
    const formats = arnFormatsOfType(type);
    if (formats.some((format) => format.arnOnly)) return true;
    const row = allTypeTableRows().find(([rowType]) => rowType === type);
    const sample =
      row && Array.isArray(row[3]) ? row[2].map((part) => `${part.toLowerCase()}-1`).join('|') : 'i-0abc';
    return identityForPhysicalId(type, sample, context).arn !== null;
  });
  expect(building.length).toBeGreaterThanOrEqual(900);
});
