// The generated type table (generated/type-table.ts, from @aws-cdk/aws-service-spec by
// `npm run generate:types`) read as ARN formats: CloudFormation type -> ARN template -> how the
// physical id fills it. Hand-written formats (arn-formats.ts) override a type where the data is wrong.
// Rows are parsed when first asked for (generated-data/keyed-rows.ts): a cold start pays for its types.
import { KeyedRows } from '../generated-data/keyed-rows';
import { TYPE_TABLE_SOURCE, TYPE_TABLE_TEXT } from './generated/type-table';

/**
 * `[type, ARN template, identifier properties, holes]`: the template in `{partition}` spelling; the
 * identifier is the spec's Ref identifier (primary identifier unless the spec says otherwise); holes
 * are `'arn'` (the physical id is the ARN), the template holes the `|`-separated physical id parts
 * fill in order (`''` for a part the ARN does not use), or null (no physical id builds the ARN).
 */
export type TypeTableRow = [
  type: string,
  arnTemplate: string,
  identifier: string[],
  holes: string[] | 'arn' | null,
];

export { TYPE_TABLE_SOURCE };

// test/arn/type-table.test.ts checks every row's shape against the spec.
const TABLE = new KeyedRows<TypeTableRow>(TYPE_TABLE_TEXT);

/** The row of a type, or undefined when the spec gives the type no ARN template. */
export function typeTableRow(type: string): TypeTableRow | undefined {
  return TABLE.get(type);
}

/** The types of the table, sorted. */
export function typeTableTypes(): string[] {
  return TABLE.keys();
}

/** Every row, sorted by type. */
export function allTypeTableRows(): TypeTableRow[] {
  return TABLE.all();
}
