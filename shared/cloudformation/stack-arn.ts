// Reads a stack ARN (CloudFormation's StackId): the stack's name, account and region live in it.

export interface StackArn {
  arn: string;
  partition: string;
  region: string;
  account: string;
  stackName: string;
}

// arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<uuid>
const STACK_ARN =
  /^arn:(aws[a-z-]*):cloudformation:([a-z0-9-]+):(\d{12}):stack\/([A-Za-z][A-Za-z0-9-]*)\/[^/]+$/;

export function parseStackArn(arn: string): StackArn | undefined {
  const match = STACK_ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, region, account, stackName] = match;
  return { arn, partition, region, account, stackName };
}
