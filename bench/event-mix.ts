// A realistic, seeded mix of the events the inventory ingests: CloudFormation deploys (stack and
// resource status changes, some updated or deleted later) and CloudTrail calls (create, tag, delete)
// made from the sample events in events/, with fresh names, ids, accounts, regions and times.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SeededRandom } from './seeded-random';

export const EVENTS_DIR = resolve(__dirname, '../events');

/** One event as a PutEvents entry carries it (the bus adds id, account and region). */
export interface BenchEvent {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  resources: string[];
  time: Date;
  kind: EventKind;
}

export type EventKind =
  'stack-status' | 'resource-status' | 'cloudtrail-create' | 'cloudtrail-tag' | 'cloudtrail-delete';

export const ACCOUNTS = ['210987654321', '345678901234', '456789012345'] as const;
export const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'] as const;

type Json = Record<string, unknown>;

interface CloudTrailFamily {
  /** Files under events/cloudtrail: the create, tag and delete call of one service. */
  create: string;
  tag: string;
  delete: string;
  /** Strings in the samples that name the resource; each gets a fresh value of the same shape. */
  anchors: string[];
}

const CLOUDTRAIL_FAMILIES: CloudTrailFamily[] = [
  { create: 'sqs/CreateQueue', tag: 'sqs/TagQueue', delete: 'sqs/DeleteQueue', anchors: ['image-jobs'] },
  { create: 'sns/CreateTopic', tag: 'sns/TagResource', delete: 'sns/DeleteTopic', anchors: ['order-events'] },
  {
    create: 's3/CreateBucket',
    tag: 's3/PutBucketTagging',
    delete: 's3/DeleteBucket',
    anchors: ['inventory-demo-assets-111122223333'],
  },
  {
    create: 'dynamodb/CreateTable',
    tag: 'dynamodb/TagResource',
    delete: 'dynamodb/DeleteTable',
    anchors: ['orders'],
  },
  {
    create: 'lambda/CreateFunction20150331',
    tag: 'lambda/TagResource20170331v2',
    delete: 'lambda/DeleteFunction20150331',
    anchors: ['resize-images'],
  },
  {
    create: 'ec2/RunInstances',
    tag: 'ec2/CreateTags',
    delete: 'ec2/TerminateInstances',
    anchors: ['i-0a1b2c3d4e5f60701', 'i-0a1b2c3d4e5f60702', 'vpc-0b1c2d3e4f5a60001'],
  },
];

/** Accounts and regions the samples use; they are replaced too, so rows spread over the pools. */
const SAMPLE_ACCOUNTS = ['111122223333', '444455556666'];
const SAMPLE_REGIONS = ['us-east-1', 'eu-west-1'];

interface StackResourceKind {
  type: string;
  physicalId: (ctx: {
    stack: string;
    logical: string;
    account: string;
    region: string;
    random: SeededRandom;
  }) => string;
}

const STACK_RESOURCE_KINDS: StackResourceKind[] = [
  {
    type: 'AWS::S3::Bucket',
    physicalId: (c) => `${c.stack}-${c.logical.toLowerCase()}-${c.random.suffix(12)}`,
  },
  {
    type: 'AWS::SQS::Queue',
    physicalId: (c) =>
      `https://sqs.${c.region}.amazonaws.com/${c.account}/${c.stack}-${c.logical}-${c.random.suffix(12)}`,
  },
  {
    type: 'AWS::SNS::Topic',
    physicalId: (c) => `arn:aws:sns:${c.region}:${c.account}:${c.stack}-${c.logical}-${c.random.suffix(12)}`,
  },
  { type: 'AWS::Lambda::Function', physicalId: (c) => `${c.stack}-${c.logical}-${c.random.suffix(12)}` },
  {
    type: 'AWS::IAM::Role',
    physicalId: (c) => `${c.stack}-${c.logical}-${c.random.suffix(12).toUpperCase()}`,
  },
  {
    type: 'AWS::Logs::LogGroup',
    physicalId: (c) => `/aws/lambda/${c.stack}-${c.logical}-${c.random.suffix(8)}`,
  },
  {
    type: 'AWS::DynamoDB::Table',
    physicalId: (c) => `${c.stack}-${c.logical}-${c.random.suffix(12).toUpperCase()}`,
  },
  { type: 'AWS::EC2::SecurityGroup', physicalId: (c) => `sg-${c.random.hex(17)}` },
];

/** A time well in the past, so no generated event is "from the future" for any check. */
const START = Date.UTC(2024, 5, 1, 8, 0, 0);

interface Story {
  events: BenchEvent[];
}

/**
 * `count` events in time order. Stories (one deploy, one CLI session) start a few seconds apart and
 * overlap, as on a busy account; the same seed always gives the same list.
 */
export function generateEventMix(seed: number, count: number): BenchEvent[] {
  const random = new SeededRandom(seed);
  const templates = loadCloudTrailTemplates();
  const ordered: { event: BenchEvent; story: number; position: number }[] = [];
  let clock = START;
  for (let story = 0; ordered.length < count * 1.2 + 50; story++) {
    clock += random.int(1, 4) * 1000;
    const { events } = random.chance(0.08)
      ? cloudFormationDeploy(random, clock)
      : cloudTrailSession(random, templates, clock);
    events.forEach((event, position) => ordered.push({ event, story, position }));
  }
  ordered.sort(
    (a, b) => a.event.time.getTime() - b.event.time.getTime() || a.story - b.story || a.position - b.position,
  );
  return ordered.slice(0, count).map(({ event }) => event);
}

/** One CloudTrail create whose resource id is known up front: what the freshness probe sends. */
export function probeEvent(seed: number, probe: number): { event: BenchEvent; resourceId: string } {
  const random = new SeededRandom(seed * 7919 + probe);
  const templates = loadCloudTrailTemplates();
  const family = templates[0];
  const made = fromTemplate(
    family.create,
    family.anchors,
    random,
    new Date(START + probe * 1000),
    'cloudtrail-create',
  );
  return { event: made.event, resourceId: made.expectedIds[0] };
}

// ---- CloudFormation -----------------------------------------------------------------------

function cloudFormationDeploy(random: SeededRandom, startMs: number): Story {
  const account = random.pick(ACCOUNTS);
  const region = random.pick(REGIONS);
  const stack = `${random.pick(['orders', 'billing', 'search', 'media', 'auth', 'reports'])}-${random.suffix(6)}`;
  const stackId = `arn:aws:cloudformation:${region}:${account}:stack/${stack}/${random.uuid()}`;
  const token = `exec-${random.uuid()}`;
  const events: BenchEvent[] = [];
  let at = startMs;
  const tick = (seconds = 1) => new Date((at += seconds * 1000));
  const stackEvent = (status: string) => events.push(stackStatusEvent(stackId, status, token, tick()));
  const resources = Array.from({ length: random.int(3, 12) }, (_, index) => {
    const kind = random.pick(STACK_RESOURCE_KINDS);
    const logical = `${kind.type.split('::')[2]}${index}`;
    return { kind, logical, physical: kind.physicalId({ stack, logical, account, region, random }) };
  });
  const resourceEvent = (logical: string, type: string, physical: string, status: string) =>
    events.push(
      resourceStatusEvent(stackId, { logical, type, physical, status, token }, tick(random.int(0, 2))),
    );

  stackEvent('CREATE_IN_PROGRESS');
  for (const r of resources) resourceEvent(r.logical, r.kind.type, '', 'CREATE_IN_PROGRESS');
  for (const r of resources) resourceEvent(r.logical, r.kind.type, r.physical, 'CREATE_IN_PROGRESS');
  for (const r of resources) resourceEvent(r.logical, r.kind.type, r.physical, 'CREATE_COMPLETE');
  stackEvent('CREATE_COMPLETE');
  if (random.chance(0.3)) {
    at += random.int(10, 60) * 1000;
    stackEvent('UPDATE_IN_PROGRESS');
    for (const r of resources.filter(() => random.chance(0.4))) {
      resourceEvent(r.logical, r.kind.type, r.physical, 'UPDATE_IN_PROGRESS');
      resourceEvent(r.logical, r.kind.type, r.physical, 'UPDATE_COMPLETE');
    }
    stackEvent('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    stackEvent('UPDATE_COMPLETE');
  }
  if (random.chance(0.15)) {
    at += random.int(10, 120) * 1000;
    stackEvent('DELETE_IN_PROGRESS');
    for (const r of resources) resourceEvent(r.logical, r.kind.type, r.physical, 'DELETE_IN_PROGRESS');
    for (const r of resources) resourceEvent(r.logical, r.kind.type, r.physical, 'DELETE_COMPLETE');
    stackEvent('DELETE_COMPLETE');
  }
  return { events };
}

function stackStatusEvent(stackId: string, status: string, token: string, time: Date): BenchEvent {
  return {
    source: 'aws.cloudformation',
    detailType: 'CloudFormation Stack Status Change',
    resources: [stackId],
    time,
    kind: 'stack-status',
    detail: {
      'stack-id': stackId,
      'status-details': { status, 'status-reason': status === 'CREATE_IN_PROGRESS' ? 'User Initiated' : '' },
      'client-request-token': token,
    },
  };
}

function resourceStatusEvent(
  stackId: string,
  r: { logical: string; type: string; physical: string; status: string; token: string },
  time: Date,
): BenchEvent {
  return {
    source: 'aws.cloudformation',
    detailType: 'CloudFormation Resource Status Change',
    resources: [stackId],
    time,
    kind: 'resource-status',
    detail: {
      'stack-id': stackId,
      'logical-resource-id': r.logical,
      'physical-resource-id': r.physical,
      'status-details': { status: r.status, 'status-reason': '' },
      'resource-type': r.type,
      'client-request-token': r.token,
    },
  };
}

// ---- CloudTrail ---------------------------------------------------------------------------

interface CloudTrailTemplate {
  event: Json;
  expectedIds: string[];
}

type TemplateFamily = {
  create: CloudTrailTemplate;
  tag: CloudTrailTemplate;
  delete: CloudTrailTemplate;
  anchors: string[];
};

let templateCache: TemplateFamily[] | undefined;

function loadCloudTrailTemplates(): TemplateFamily[] {
  templateCache ??= CLOUDTRAIL_FAMILIES.map((family) => ({
    create: readTemplate(family.create),
    tag: readTemplate(family.tag),
    delete: readTemplate(family.delete),
    anchors: family.anchors,
  }));
  return templateCache;
}

function readTemplate(name: string): CloudTrailTemplate {
  const read = (file: string) =>
    JSON.parse(readFileSync(join(EVENTS_DIR, 'cloudtrail', file), 'utf8')) as Json;
  const expected = read(`${name}.expected.json`) as { changes: { id: string }[] };
  return { event: read(`${name}.json`), expectedIds: expected.changes.map((change) => change.id) };
}

function cloudTrailSession(random: SeededRandom, templates: TemplateFamily[], startMs: number): Story {
  const family = random.pick(templates);
  const replacements = freshReplacements(family.anchors, random);
  const events: BenchEvent[] = [];
  let at = startMs;
  const add = (template: CloudTrailTemplate, kind: EventKind) =>
    events.push(instantiate(template, replacements, random, new Date(at), kind).event);
  add(family.create, 'cloudtrail-create');
  if (random.chance(0.5)) {
    at += random.int(1, 30) * 1000;
    add(family.tag, 'cloudtrail-tag');
  }
  if (random.chance(0.25)) {
    at += random.int(5, 120) * 1000;
    add(family.delete, 'cloudtrail-delete');
  }
  return { events };
}

function fromTemplate(
  template: CloudTrailTemplate,
  anchors: string[],
  random: SeededRandom,
  time: Date,
  kind: EventKind,
): { event: BenchEvent; expectedIds: string[] } {
  return instantiate(template, freshReplacements(anchors, random), random, time, kind);
}

/** Fresh values for a story: resource names and EC2 ids, one account and one region for all samples. */
function freshReplacements(anchors: string[], random: SeededRandom): Map<string, string> {
  const replacements = new Map<string, string>();
  for (const anchor of anchors) {
    const prefixed = /^([a-z]+)-([0-9a-f]+)$/.exec(anchor);
    replacements.set(
      anchor,
      prefixed && /\d/.test(prefixed[2])
        ? `${prefixed[1]}-${random.hex(prefixed[2].length)}`
        : `${anchor.replace(/-\d{12}$/, '')}-${random.suffix(8)}`,
    );
  }
  const account = random.pick(ACCOUNTS);
  const region = random.pick(REGIONS);
  for (const sample of SAMPLE_ACCOUNTS) replacements.set(sample, account);
  for (const sample of SAMPLE_REGIONS) replacements.set(sample, region);
  return replacements;
}

function instantiate(
  template: CloudTrailTemplate,
  replacements: Map<string, string>,
  random: SeededRandom,
  time: Date,
  kind: EventKind,
): { event: BenchEvent; expectedIds: string[] } {
  const keys = [...replacements.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(`(?<![A-Za-z0-9])(${keys.map(escapeRegExp).join('|')})(?![A-Za-z0-9])`, 'g');
  const swap = (text: string) => text.replace(pattern, (match) => replacements.get(match) ?? match);
  const event = JSON.parse(swap(JSON.stringify(template.event))) as Json;
  const detail = event.detail as Json;
  const isoTime = time.toISOString().replace(/\.\d{3}Z$/, 'Z');
  detail.eventTime = isoTime;
  detail.eventID = random.uuid();
  detail.requestID = random.uuid();
  return {
    event: {
      source: String(event.source),
      detailType: String(event['detail-type']),
      detail,
      resources: (event.resources as string[] | undefined) ?? [],
      time,
      kind,
    },
    expectedIds: template.expectedIds.map(swap),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How many events of each kind a list holds (reported beside the ingest figures). */
export function countByKind(events: readonly BenchEvent[]): Record<EventKind, number> {
  const counts: Record<EventKind, number> = {
    'stack-status': 0,
    'resource-status': 0,
    'cloudtrail-create': 0,
    'cloudtrail-tag': 0,
    'cloudtrail-delete': 0,
  };
  for (const event of events) counts[event.kind]++;
  return counts;
}
