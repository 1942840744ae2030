// The replies the page reads, as the API's item types (shared with the server, types only) and light
// guards that check the fields the page relies on, so a proxy's or an older API's odd JSON is reported
// as such instead of breaking the page halfway.
import type { LocalMetricsReport, MetricGraph, MetricSeries } from '../../shared/local/local-metrics';
import type { HistoryEntry, ResourceRecord, StackRecord } from '../../shared/model/resource-record';
import type { Shape } from './api-client';

export type { HistoryEntry, LocalMetricsReport, MetricGraph, MetricSeries, ResourceRecord, StackRecord };

/** `GET /summary`: counts of the whole index for one status. */
export interface InventorySummary {
  status: string;
  total: number;
  byType: Record<string, number>;
  byService: Record<string, number>;
  byAccount: Record<string, number>;
  byRegion: Record<string, number>;
  /** Names of the counted accounts the index knows; absent from an API older than the field. */
  accountNames?: Record<string, string>;
}

export interface ApiPage<T> {
  items: T[];
  nextCursor: string | null;
}

type Guard<T> = (value: unknown) => value is T;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringMap = (value: unknown): value is Record<string, string> =>
  isObject(value) && Object.values(value).every((entry) => typeof entry === 'string');

function hasStrings(value: Record<string, unknown>, names: readonly string[]): boolean {
  return names.every((name) => typeof value[name] === 'string');
}

const isCountMap = (value: unknown): value is Record<string, number> =>
  isObject(value) && Object.values(value).every((entry) => typeof entry === 'number');

const isResource: Guard<ResourceRecord> = (value): value is ResourceRecord =>
  isObject(value) &&
  hasStrings(value, ['id', 'type', 'service', 'account', 'region', 'name', 'status', 'lastChanged']) &&
  isStringMap(value.tags) &&
  (value.stack === null || (isObject(value.stack) && hasStrings(value.stack, ['id', 'name', 'logicalId'])));

const isStack: Guard<StackRecord> = (value): value is StackRecord =>
  isObject(value) && hasStrings(value, ['id', 'name', 'account', 'region', 'status', 'stackStatus']);

const isHistoryEntry: Guard<HistoryEntry> = (value): value is HistoryEntry =>
  isObject(value) && hasStrings(value, ['eventId', 'eventTime', 'source', 'action', 'lifecycle']);

function pageOf<T>(item: Guard<T>): Guard<ApiPage<T>> {
  return (value): value is ApiPage<T> =>
    isObject(value) &&
    Array.isArray(value.items) &&
    value.items.every(item) &&
    (value.nextCursor === null || typeof value.nextCursor === 'string');
}

export const RESOURCE: Shape<ResourceRecord> = { name: 'a resource', accepts: isResource };
export const RESOURCE_PAGE: Shape<ApiPage<ResourceRecord>> = {
  name: 'a page of resources',
  accepts: pageOf(isResource),
};
export const STACK_PAGE: Shape<ApiPage<StackRecord>> = { name: 'a page of stacks', accepts: pageOf(isStack) };
export const HISTORY_PAGE: Shape<ApiPage<HistoryEntry>> = {
  name: 'a page of history',
  accepts: pageOf(isHistoryEntry),
};

const isSummary: Guard<InventorySummary> = (value): value is InventorySummary =>
  isObject(value) &&
  typeof value.status === 'string' &&
  typeof value.total === 'number' &&
  ['byType', 'byService', 'byAccount', 'byRegion'].every((name) => isCountMap(value[name])) &&
  (value.accountNames === undefined || isStringMap(value.accountNames));

const isSeries: Guard<MetricSeries> = (value): value is MetricSeries =>
  isObject(value) &&
  typeof value.label === 'string' &&
  Array.isArray(value.points) &&
  value.points.every(
    (point) => isObject(point) && typeof point.time === 'string' && typeof point.value === 'number',
  );

const isGraph: Guard<MetricGraph> = (value): value is MetricGraph =>
  isObject(value) &&
  hasStrings(value, ['name', 'title', 'unit', 'statistic', 'description']) &&
  Array.isArray(value.series) &&
  value.series.every(isSeries);

const isMetricsReport: Guard<LocalMetricsReport> = (value): value is LocalMetricsReport =>
  isObject(value) &&
  hasStrings(value, ['from', 'to']) &&
  typeof value.periodSeconds === 'number' &&
  Array.isArray(value.graphs) &&
  value.graphs.every(isGraph);

export const SUMMARY: Shape<InventorySummary> = { name: 'a summary of counts', accepts: isSummary };
export const METRICS_REPORT: Shape<LocalMetricsReport> = {
  name: 'a report of metrics',
  accepts: isMetricsReport,
};
