// `npm run generate:types`: the compact type table (shared/arn/generated/type-table.json) from AWS's own
// data, @aws-cdk/aws-service-spec: for every CloudFormation type with an ARN template, the template and
// how its physical id fills it. The Lambda bundles carry this table, never the 2.6 MB database.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { TypeTableRow } from '../shared/arn/type-table';

export const TYPE_TABLE_FILE = path.resolve(__dirname, '../shared/arn/generated/type-table.json');

/** What the generator needs of one spec resource (the database's `resource` entities). */
export interface SpecResource {
  cloudFormationType: string;
  name: string;
  primaryIdentifier?: string[];
  cfnRefIdentifier?: string[];
  arnTemplate?: string;
}

const CONTEXT_HOLES: Record<string, string> = {
  Partition: '{partition}',
  Region: '{region}',
  Account: '{account}',
};

/**
 * The spec's `${Partition}`-style template in the table's `{partition}` spelling. A few templates
 * spell the partition `aws` (Neptune's): it is the event's partition like everywhere else.
 */
export function tableTemplate(specTemplate: string): string {
  return specTemplate
    .replace(/^arn:aws:/, 'arn:${Partition}:')
    .replace(/\$\{(\w+)\}/g, (_whole, hole: string) => CONTEXT_HOLES[hole] ?? `{${hole}}`);
}

/** The template's own holes: everything the event's context does not fill. */
export function ownHoles(specTemplate: string): string[] {
  return [...specTemplate.matchAll(/\$\{(\w+)\}/g)]
    .map((match) => match[1])
    .filter((hole) => !(hole in CONTEXT_HOLES));
}

type Kind = 'arn' | 'name' | 'id' | 'other';

function kindOf(word: string): Kind {
  if (/arn$/i.test(word)) return 'arn';
  if (/name$/i.test(word)) return 'name';
  if (/(id|identifier)$/i.test(word)) return 'id';
  return 'other';
}

/**
 * How a physical id (the Ref value, `|`-joined when compound) fills the template:
 * - `'arn'`: the physical id is the ARN itself;
 * - a list: the `|`-separated parts fill these holes, in order (`''` for a part the ARN does not use);
 * - `null`: it cannot (the template needs something the physical id does not say).
 *
 * A hole is filled by the identifier property of its name (`FunctionName`), of the type's name and its
 * name (`SecurityGroupId` from `Id` of `SecurityGroup`), or, for a lone hole and a lone identifier, by
 * that identifier when both are the same kind of thing (a name for a name, an id for an id) or the
 * hole is the spec's generic `ResourceId`/`ResourceName`. A name never fills an id hole: Lightsail's
 * `Instance/${Id}` is a UUID, not the instance name its Ref returns.
 */
export function holesOfIdentifier(resource: SpecResource): TypeTableRow[3] {
  const identifier = resource.cfnRefIdentifier ?? resource.primaryIdentifier ?? [];
  const template = resource.arnTemplate ?? '';
  if (identifier.length === 1 && kindOf(identifier[0]) === 'arn') return 'arn';
  const holes = ownHoles(template);
  const holeOf = (part: string) =>
    holes.find(
      (hole) =>
        hole === part || hole.toLowerCase() === part.toLowerCase() || hole === `${resource.name}${part}`,
    );
  const byName = identifier.map((part) => holeOf(part) ?? '');
  if (holes.every((hole) => byName.includes(hole))) return byName;
  if (holes.length === 1 && identifier.length === 1) {
    const [hole] = holes;
    const [part] = identifier;
    if (kindOf(hole) === kindOf(part) || /^Resource(Id|Name)$/.test(hole)) return [hole];
  }
  return null;
}

export function typeTableRows(resources: Iterable<SpecResource>): TypeTableRow[] {
  const rows: TypeTableRow[] = [];
  for (const resource of resources) {
    if (!resource.arnTemplate) continue;
    rows.push([
      resource.cloudFormationType,
      tableTemplate(resource.arnTemplate),
      resource.cfnRefIdentifier ?? resource.primaryIdentifier ?? [],
      holesOfIdentifier(resource),
    ]);
  }
  return rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function specResources(): SpecResource[] {
  return loadAwsServiceSpecSync().all('resource');
}

/** The file's text: one row per line, so a data update reads as a diff of types. */
export function renderTypeTable(rows: readonly TypeTableRow[]): string {
  const version = (
    JSON.parse(fs.readFileSync(require.resolve('@aws-cdk/aws-service-spec/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const lines = rows.map((row) => `    ${JSON.stringify(row)}`);
  return `{\n  "source": "@aws-cdk/aws-service-spec ${version}",\n  "columns": ["type", "arnTemplate", "identifier", "holes"],\n  "rows": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

function main(): void {
  const text = renderTypeTable(typeTableRows(specResources()));
  fs.mkdirSync(path.dirname(TYPE_TABLE_FILE), { recursive: true });
  fs.writeFileSync(TYPE_TABLE_FILE, text);
  process.stderr.write(`wrote ${path.relative(process.cwd(), TYPE_TABLE_FILE)}\n`);
}

if (require.main === module) main();
