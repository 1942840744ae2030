// CloudFormation's limits that `cdk synth` does not check, and references that point nowhere: both
// fail only at deploy time, in an account, so the tests check every synthesized template for them.
// Source: the CloudFormation quotas page (template body 51,200 bytes in the request or 1 MB from S3;
// 500 resources, 200 parameters, 200 outputs, 200 mappings; logical ids of 255 characters;
// template description of 1,024 bytes).
import type { CfnTemplate } from './synthesized-inventory';

export const CLOUDFORMATION_LIMITS = {
  /** CDK deploys large templates through the bootstrap bucket, where this is the limit. */
  templateBodyBytesFromS3: 1_048_576,
  templateBodyBytesInRequest: 51_200,
  resources: 500,
  parameters: 200,
  outputs: 200,
  mappings: 200,
  logicalIdLength: 255,
  descriptionBytes: 1024,
} as const;

export const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** Every limit the template breaks, as readable lines (empty when it fits). */
export function limitProblems(template: CfnTemplate, bodyBytes: number): string[] {
  const limits = CLOUDFORMATION_LIMITS;
  const problems: string[] = [];
  const count = (section: unknown) => (isRecord(section) ? Object.keys(section).length : 0);
  if (bodyBytes > limits.templateBodyBytesFromS3) problems.push(`template is ${bodyBytes} bytes`);
  const sections: [string, unknown, number][] = [
    ['Resources', template.Resources, limits.resources],
    ['Parameters', template.Parameters, limits.parameters],
    ['Outputs', template.Outputs, limits.outputs],
    ['Mappings', template.Mappings, limits.mappings],
  ];
  for (const [name, section, limit] of sections) {
    if (count(section) > limit) problems.push(`${count(section)} ${name}, over ${limit}`);
    if (isRecord(section)) {
      for (const id of Object.keys(section)) {
        if (id.length > limits.logicalIdLength || !/^[A-Za-z0-9]+$/.test(id))
          problems.push(`bad logical id ${id}`);
      }
    }
  }
  const description = template.Description;
  if (typeof description === 'string' && Buffer.byteLength(description) > limits.descriptionBytes) {
    problems.push('description too long');
  }
  return problems;
}

/** Every Ref, Fn::GetAtt, Fn::Sub variable, DependsOn and Condition that names nothing defined. */
export function danglingReferences(template: CfnTemplate): string[] {
  const resources = new Set(Object.keys(template.Resources));
  const parameters = new Set(Object.keys(isRecord(template.Parameters) ? template.Parameters : {}));
  const conditions = new Set(Object.keys(isRecord(template.Conditions) ? template.Conditions : {}));
  const problems: string[] = [];
  const checkRef = (name: string, where: string, locals: ReadonlySet<string> = new Set()) => {
    if (!resources.has(name) && !parameters.has(name) && !PSEUDO_PARAMETERS.has(name) && !locals.has(name)) {
      problems.push(`${where}: Ref ${name}`);
    }
  };
  const checkGetAtt = (name: string, where: string) => {
    if (!resources.has(name)) problems.push(`${where}: Fn::GetAtt ${name}`);
  };

  const walk = (node: unknown, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => walk(child, `${where}[${index}]`));
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && typeof value === 'string') checkRef(value, where);
      if (key === 'Fn::GetAtt') {
        const target = Array.isArray(value)
          ? value[0]
          : typeof value === 'string'
            ? value.split('.')[0]
            : undefined;
        if (typeof target === 'string') checkGetAtt(target, where);
      }
      if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(value) ? value : [value, {}];
        const locals = new Set(isRecord(variables) ? Object.keys(variables) : []);
        if (typeof text === 'string') {
          for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
            const [name, attribute] = match[1].split('.');
            if (attribute === undefined || locals.has(name)) checkRef(name, where, locals);
            else checkGetAtt(name, where);
          }
        }
      }
      if (
        key === 'Fn::If' &&
        Array.isArray(value) &&
        typeof value[0] === 'string' &&
        !conditions.has(value[0])
      ) {
        problems.push(`${where}: Fn::If ${value[0]}`);
      }
      walk(value, `${where}.${key}`);
    }
  };

  for (const [id, resource] of Object.entries(template.Resources)) {
    const dependsOn = resource.DependsOn;
    for (const target of Array.isArray(dependsOn) ? dependsOn : dependsOn === undefined ? [] : [dependsOn]) {
      if (typeof target !== 'string' || !resources.has(target))
        problems.push(`${id}: DependsOn ${String(target)}`);
    }
    if (typeof resource.Condition === 'string' && !conditions.has(resource.Condition)) {
      problems.push(`${id}: Condition ${resource.Condition}`);
    }
  }
  for (const [section, content] of Object.entries(template)) walk(content, section);
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
