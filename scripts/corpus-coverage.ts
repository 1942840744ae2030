// `npm run mappings -- --corpus [DIR]`: every successful write call of a CloudTrail corpus (default
// ../shared/events-corpus/, beside the project) through the normalizer, and each one that does not end
// in a row of a known type, grouped by call with the reason.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventBridgeSourceOf } from '../shared/cloudtrail/cloudtrail-mappings';
import { normalizeCloudTrailEvent } from '../shared/cloudtrail/normalize-cloudtrail-event';
import type { Normalization } from '../shared/model/normalization';

export const DEFAULT_CORPUS = path.resolve(__dirname, '../../shared/events-corpus');

type CloudTrailRecord = Record<string, unknown> & { eventID: string; eventSource: string; eventName: string };

function logFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return logFiles(full);
    return entry.name.endsWith('.json') && !entry.name.startsWith('package') ? [full] : [];
  });
}

export function corpusRecords(dir: string): CloudTrailRecord[] {
  return logFiles(dir).flatMap((file) => {
    const content: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const records =
      typeof content === 'object' && content !== null ? Reflect.get(content, 'Records') : undefined;
    return Array.isArray(records) ? (records as CloudTrailRecord[]) : [];
  });
}

/** What became of the successful write calls: how each was understood, and the ones that were not. */
export interface CorpusCoverage {
  records: number;
  writes: number;
  /** Outcome counts over every record (the corpus test's figures). */
  outcomes: Record<string, number>;
  /** Of the successful write calls: by a registry entry, from the data, with a guessed type, not at all. */
  registry: number;
  data: number;
  guessed: number;
  missed: { call: string; count: number; reason: string }[];
}

export function corpusCoverage(records: readonly CloudTrailRecord[]): CorpusCoverage {
  const outcomes: Record<string, number> = { mapped: 0, generic: 0, unmapped: 0, skipped: 0, rejected: 0 };
  const coverage: CorpusCoverage = {
    records: records.length,
    writes: 0,
    outcomes,
    registry: 0,
    data: 0,
    guessed: 0,
    missed: [],
  };
  const missed = new Map<string, { call: string; count: number; reason: string }>();
  for (const record of records) {
    const normalization: Normalization = normalizeCloudTrailEvent({
      version: '0',
      id: record.eventID,
      'detail-type': 'AWS API Call via CloudTrail',
      source: eventBridgeSourceOf(record.eventSource),
      account: typeof record.recipientAccountId === 'string' ? record.recipientAccountId : '000000000000',
      time: String(record.eventTime),
      region: String(record.awsRegion),
      resources: [],
      detail: record,
    });
    outcomes[normalization.outcome] += 1;
    const write = record.errorCode == null && record.readOnly !== true && normalization.outcome !== 'skipped';
    if (!write) continue;
    coverage.writes += 1;
    if (normalization.outcome === 'mapped') coverage.registry += 1;
    else if (
      normalization.outcome === 'generic' &&
      normalization.changes.every((change) => !change.typeDerived)
    )
      coverage.data += 1;
    else if (normalization.outcome === 'generic') coverage.guessed += 1;
    const reason =
      normalization.outcome === 'generic' && normalization.changes.some((change) => change.typeDerived)
        ? `type guessed from the ARN: ${normalization.changes.map((change) => change.type).join(', ')}`
        : normalization.outcome === 'unmapped' || normalization.outcome === 'rejected'
          ? (normalization.reason ?? normalization.outcome)
          : undefined;
    if (reason === undefined) continue;
    const call = `${record.eventSource} ${record.eventName}`;
    const entry = missed.get(call) ?? { call, count: 0, reason };
    entry.count += 1;
    missed.set(call, entry);
  }
  coverage.missed = [...missed.values()].sort((a, b) => b.count - a.count || (a.call < b.call ? -1 : 1));
  return coverage;
}

export function renderCorpusCoverage(dir: string, coverage: CorpusCoverage): string {
  const { outcomes } = coverage;
  const lines = [
    `Corpus ${dir}: ${coverage.records} records -> mapped ${outcomes.mapped}, generic ${outcomes.generic}, ` +
      `unmapped ${outcomes.unmapped}, skipped ${outcomes.skipped}, rejected ${outcomes.rejected}`,
    `Successful write calls: ${coverage.writes}; by a registry entry ${coverage.registry}, from the IAM and ` +
      `CloudFormation data ${coverage.data}, type guessed ${coverage.guessed}, not placed ` +
      `${coverage.writes - coverage.registry - coverage.data - coverage.guessed}`,
    '',
    'Calls that do not end in a row of a known type:',
    ...coverage.missed.map((entry) => `  ${String(entry.count).padStart(4)}  ${entry.call}: ${entry.reason}`),
  ];
  return `${lines.join('\n')}\n`;
}
