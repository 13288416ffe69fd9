import { Readable } from 'node:stream';
import {
  FileConnectorException,
  FileConnectorExceptionCode,
  type FileFeedHandler,
  type FileRunContext,
  readRecords,
  type RowError,
  type RunCompletion,
} from '@concord/connectors/files';
import type { FileFeed } from './file-feed';

/** Rejected rows kept in a report; the counts stay exact beyond it. */
const REPORT_ROW_LIMIT = 1000;

export interface RunReport {
  layout: string;
  policy: FileFeed['policy'];
  /** Why nothing was applied (unreadable file, rejected rows under all-or-nothing, an error). */
  error?: string;
  retryable?: boolean;
  rows: number;
  rejectedRows: RowError[];
  rejectedRowsTruncated: boolean;
}

/**
 * Runs a feed over a file: a first pass validates every row against the layout (the policy
 * decides whether rejected rows stop the file); a second pass applies the valid rows one at a
 * time. Both stream the rows, so memory does not grow with the file.
 */
export function feedHandler(feed: FileFeed): Pick<FileFeedHandler, 'process'> {
  return {
    async process(content: Buffer, context: FileRunContext): Promise<RunCompletion> {
      const report: RunReport = {
        layout: `${feed.layout.name}@${feed.layout.version}`,
        policy: feed.policy,
        rows: 0,
        rejectedRows: [],
        rejectedRowsTruncated: false,
      };
      const reject = (errors: RowError[]) => {
        for (const error of errors)
          if (report.rejectedRows.length < REPORT_ROW_LIMIT) report.rejectedRows.push(error);
          else report.rejectedRowsTruncated = true;
      };
      let invalid = 0;
      try {
        for await (const row of readRecords(Readable.from([content]), feed.layout)) {
          report.rows += 1;
          if ('errors' in row) {
            invalid += 1;
            reject(row.errors);
          }
        }
      } catch (error) {
        if (error instanceof FileConnectorException && error.code === FileConnectorExceptionCode.UNREADABLE_FILE)
          return { status: 'failed', accepted: 0, rejected: 0, unchanged: 0, report: { ...report, error: error.message } };
        throw error;
      }
      if (invalid && feed.policy === 'all-or-nothing')
        return {
          status: 'failed',
          accepted: 0,
          rejected: invalid,
          unchanged: 0,
          report: { ...report, error: `${invalid} of ${report.rows} rows are invalid; the feed applies a file whole or not at all` },
        };

      let accepted = 0;
      let unchanged = 0;
      let rejected = invalid;
      for await (const row of readRecords(Readable.from([content]), feed.layout)) {
        if ('errors' in row) continue;
        const outcome = await feed.apply(row.values, {
          runId: context.runId,
          line: row.line,
          idempotencyKey: `files-${context.contentHash.slice(0, 32)}-${row.line}`,
        });
        if (outcome.outcome === 'accepted') accepted += 1;
        else if (outcome.outcome === 'unchanged') unchanged += 1;
        else if (outcome.outcome === 'rejected') {
          rejected += 1;
          reject([{ line: row.line, ...(outcome.field ? { field: outcome.field } : {}), reason: outcome.reason }]);
        }
      }
      return { status: accepted + unchanged > 0 || rejected === 0 ? 'completed' : 'failed', accepted, rejected, unchanged, report };
    },
  };
}
