// The port through which the index announces its own changes (one entry per real row change), and
// the entry's shape: the store hands entries to a notifier; the feed and the published events carry them.

/** What a row change did: first row, a change of an active row, a delete, a delete undone. */
export const CHANGE_KINDS = ['created', 'updated', 'deleted', 'restored'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** One real change of a resource row, as `GET /changes` lists it and the change bus publishes it. */
export interface ChangeFeedEntry {
  /** Wall-clock time the row was written (the feed's order). */
  indexedAt: string;
  /** Time of the event that caused the change. */
  eventTime: string;
  id: string;
  arn: string | null;
  type: string;
  change: ChangeKind;
  /** Names of the record fields whose values changed, sorted. */
  fields: string[];
  /** The changed fields' values before the change (absent fields: the row did not exist). */
  before: Record<string, unknown>;
  /** The changed fields' values after it. */
  after: Record<string, unknown>;
  /** The row's version after the change: `id` + `version` names one change exactly once. */
  version: number;
}

/**
 * Announces row changes. Called after the rows are written, so a failure here never loses a change
 * from the index; implementations throw when they could not deliver, and the caller decides.
 *
 * @example
 * await notifier.notify([{ indexedAt, eventTime, id, arn, type, change: 'created', fields, before: {}, after, version: 1 }]);
 */
export interface ChangeNotifier {
  notify(changes: readonly ChangeFeedEntry[]): Promise<void>;
}
