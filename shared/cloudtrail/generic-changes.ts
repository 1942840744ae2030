// The generic fallback for write calls no registry entry maps: the ARNs in the response that belong to
// the called service and the calling account are indexed, with a type guessed from each ARN.
//
// Which ARNs count: a response also names related resources (a role passed to a function, an AWS
// runtime), so only ARNs of the service that was called, in the recipient account, are taken; of those,
// the ones whose resource kind matches the call's noun (`DeleteTrustAnchor` -> `trust-anchor/...`) win.
// A delete only ever tombstones such a matching ARN, never a merely mentioned one.
import { parseArn, typeOfArn } from '../arn/arn-type';
import type { ResourceChange } from '../model/resource-change';
import type { CallContext } from './call-context';
import { resourceChange } from './changes-from-mapping';
import type { CloudTrailEffect } from './cloudtrail-mapping';
import { isRecord } from './detail-path';

const CREATE_VERBS = [
  'Create',
  'Register',
  'Run',
  'Allocate',
  'Import',
  'Publish',
  'Copy',
  'Request',
  'Launch',
];
const DELETE_VERBS = ['Delete', 'Deregister', 'Terminate', 'Release', 'Destroy'];
const OTHER_VERBS = [
  'Update',
  'Modify',
  'Put',
  'Set',
  'Add',
  'Remove',
  'Attach',
  'Detach',
  'Associate',
  'Disassociate',
  'Enable',
  'Disable',
  'Start',
  'Stop',
  'Change',
  'Reset',
  'Restore',
  'Tag',
  'Untag',
];

/** Event sources whose ARNs use another service name. */
const ARN_SERVICE_OF_SOURCE: Record<string, string> = {
  monitoring: 'cloudwatch',
  email: 'ses',
};

/** Walking a response is bounded: a runaway record must not make a huge batch. */
const MAX_ARNS = 25;

export function genericChanges(
  eventSource: string,
  responseElements: unknown,
  context: CallContext,
): ResourceChange[] {
  const sourceName = eventSource.replace(/\.amazonaws\.com$/, '');
  const service = ARN_SERVICE_OF_SOURCE[sourceName] ?? sourceName;
  const candidates = collectArns(responseElements).filter((arn) => {
    const parts = parseArn(arn);
    return parts !== undefined && parts.service === service && parts.account === context.account;
  });
  const { verb, effect } = effectOfName(context.eventName);
  const noun = normalise(context.eventName.slice(verb.length).replace(/\d{8}(v\d+)?$/, ''));
  const primary = candidates.filter((arn) => kindMatches(arn, noun));
  const chosen = primary.length > 0 ? primary : effect === 'delete' ? [] : candidates;
  const changes: ResourceChange[] = [];
  for (const arn of chosen) {
    const guessed = typeOfArn(arn);
    if (!guessed) continue;
    const change = resourceChange({ type: guessed.type, derived: !guessed.known }, arn, effect, context);
    if (!changes.some((existing) => existing.id === change.id)) changes.push(change);
  }
  return changes;
}

function effectOfName(eventName: string): { verb: string; effect: CloudTrailEffect } {
  const create = CREATE_VERBS.find((verb) => eventName.startsWith(verb));
  if (create) return { verb: create, effect: 'create' };
  const remove = DELETE_VERBS.find((verb) => eventName.startsWith(verb));
  if (remove) return { verb: remove, effect: 'delete' };
  return { verb: OTHER_VERBS.find((verb) => eventName.startsWith(verb)) ?? '', effect: 'update' };
}

function normalise(word: string): string {
  return word.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function kindMatches(arn: string, noun: string): boolean {
  const kind = parseArn(arn)?.resourceType;
  if (!kind || noun === '') return false;
  const normalised = normalise(kind);
  return noun === normalised || noun.endsWith(normalised) || normalised.endsWith(noun);
}

function collectArns(value: unknown, found: string[] = [], depth = 0): string[] {
  if (found.length >= MAX_ARNS || depth > 12) return found;
  if (typeof value === 'string') {
    if (value.startsWith('arn:') && !found.includes(value)) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectArns(item, found, depth + 1);
  } else if (isRecord(value)) {
    for (const item of Object.values(value)) collectArns(item, found, depth + 1);
  }
  return found;
}
