// The generated type table (generated/type-table.json, from @aws-cdk/aws-service-spec by
// `npm run generate:types`) read as ARN formats: CloudFormation type -> ARN template -> how the
// physical id fills it. Hand-written formats (arn-formats.ts) override a type where the data is wrong.
import table from './generated/type-table.json';

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

export const TYPE_TABLE_SOURCE: string = table.source;

// JSON imports widen tuples to arrays; test/arn/type-table.test.ts checks every row's shape.
export const TYPE_TABLE_ROWS: readonly TypeTableRow[] = table.rows as TypeTableRow[];
