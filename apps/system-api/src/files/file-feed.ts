import type { FieldValue, FileLayout } from '@concord/connectors/files';

/**
 * What a feed does when its file has rows the layout rejects: apply the valid rows and report the
 * rest, or apply nothing (a file that must stay whole, such as a price list effective as a set).
 */
export type RejectedRowPolicy = 'valid-rows' | 'all-or-nothing';

/** One row's effect on the target system. */
export type RowOutcome = { outcome: 'accepted' | 'unchanged' } | { outcome: 'rejected'; field?: string; reason: string };

export interface RowContext {
  runId: string;
  line: number;
  /** Idempotency key of the row's write: the same row of the same run writes once, however often the run is retried. */
  idempotencyKey: string;
}

/** A batch-file interface: its layout, its policy, and how one valid row is applied. */
export interface FileFeed {
  name: string;
  description: string;
  layout: FileLayout;
  policy: RejectedRowPolicy;
  /**
   * Applies one row. Returns `rejected` when the target refuses the row itself (unknown code, bad
   * value); throws when the target cannot be reached, which fails the run so it can be retried.
   */
  apply(values: Record<string, FieldValue | undefined>, context: RowContext): Promise<RowOutcome>;
}

/** Provider token of the feeds the module serves. */
export const FILE_FEEDS = Symbol('FILE_FEEDS');
