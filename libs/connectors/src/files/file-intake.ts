import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { crashPoint } from '@concord/events';
import { CompletenessTracker, type CompletenessRule } from './completeness';
import type { FileDisposition, FileSource } from './file-source';
import type { FileRunEntity, FileRunOrigin } from './file-run.entity';
import type { FileRunStore, RunCompletion } from './file-run.store';

/** What a feed is told about the file it processes. */
export interface FileRunContext {
  runId: string;
  feed: string;
  fileName: string;
  contentHash: string;
  /** 1 on first pick-up; more after a crash or a retried error. Effects outside the database must be idempotent per run. */
  attempt: number;
}

/** A feed: turns a file's bytes into an outcome, then commits its own rows and events with the run. */
export interface FileFeedHandler {
  /** Parses, validates and applies the file. Writes to other systems carry idempotency keys derived from the run. */
  process(content: Buffer, context: FileRunContext): Promise<RunCompletion>;
  /** Runs in the transaction that completes the run (outbox events, the feed's own rows). */
  commit?(manager: EntityManager, run: FileRunEntity, completion: RunCompletion): Promise<void>;
}

export interface FileIntakeOptions {
  feed: string;
  store: FileRunStore;
  handler: FileFeedHandler;
  /** The folder or SFTP directory to poll; absent for upload-only feeds. */
  source?: FileSource;
  origin?: Exclude<FileRunOrigin, 'upload'>;
  completeness?: CompletenessRule;
}

/** What one poll did with each file it saw complete. */
export interface PollResult {
  processed: string[];
  failed: string[];
  duplicates: string[];
  busy: string[];
  errors: { file: string; message: string }[];
}

/** The result of handing a file over: its run and whether this call ran it. */
export interface IngestResult {
  run: FileRunEntity;
  duplicate: boolean;
}

/**
 * Exactly-once intake of files for one feed. A file is hashed and claimed (a `file_run` row per
 * content hash) before anything is applied; the run completes in one transaction with the feed's
 * events; only then is the file moved to processed/ or failed/ with its report. A crash before the
 * commit leaves the claim `claimed` and the file in place, so the next poll runs it again; a crash
 * after the commit leaves it `completed` and unmoved, so the next poll only moves it.
 */
export class FileIntake {
  private readonly tracker: CompletenessTracker;

  constructor(private readonly options: FileIntakeOptions) {
    this.tracker = new CompletenessTracker(options.completeness ?? 'stable');
  }

  get feed(): string {
    return this.options.feed;
  }

  /** Hands over a file received another way (an upload): same claim, same dedupe, no folder. */
  async ingest(fileName: string, content: Buffer): Promise<IngestResult> {
    const outcome = await this.options.store.claim(this.claimOf(fileName, content, 'upload'));
    switch (outcome.kind) {
      case 'duplicate':
      case 'busy':
      case 'undisposed':
        return { run: outcome.run, duplicate: true };
      case 'new':
      case 'resumed':
        return { run: await this.run(outcome.run, content), duplicate: false };
    }
  }

  /** Looks at the source once and handles every file that is complete. */
  async poll(): Promise<PollResult> {
    const source = this.options.source;
    const result: PollResult = { processed: [], failed: [], duplicates: [], busy: [], errors: [] };
    if (!source) return result;
    const entries = await source.list();
    const markers = this.tracker.rule === 'marker' ? await source.markers() : new Set<string>();
    for (const entry of this.tracker.complete(entries, markers)) {
      try {
        await this.take(source, entry.name, result);
        this.tracker.forget(entry.name);
      } catch (error) {
        // The file stays where it is and is tried again on the next poll.
        result.errors.push({ file: entry.name, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return result;
  }

  private async take(source: FileSource, name: string, result: PollResult): Promise<void> {
    const content = await source.read(name);
    const outcome = await this.options.store.claim(this.claimOf(name, content, this.options.origin ?? 'folder'));
    switch (outcome.kind) {
      case 'busy':
        result.busy.push(name);
        return;
      case 'duplicate':
        await source.dispose(name, 'processed', report(outcome.run, { duplicateOf: outcome.run.id }));
        result.duplicates.push(name);
        return;
      case 'undisposed':
        await this.dispose(source, name, outcome.run, result);
        return;
      case 'new':
      case 'resumed': {
        crashPoint('files.after-claim');
        const run = await this.run(outcome.run, content);
        if (run.status === 'claimed') {
          result.busy.push(name);
          return;
        }
        crashPoint('files.after-commit');
        await this.dispose(source, name, run, result);
      }
    }
  }

  private async dispose(source: FileSource, name: string, run: FileRunEntity, result: PollResult): Promise<void> {
    const disposition: FileDisposition = run.status === 'completed' ? 'processed' : 'failed';
    const movedTo = await source.dispose(name, disposition, report(run));
    await this.options.store.markDisposed(run.id, `${disposition}/${movedTo}`);
    (disposition === 'processed' ? result.processed : result.failed).push(name);
  }

  private async run(run: FileRunEntity, content: Buffer): Promise<FileRunEntity> {
    const context: FileRunContext = {
      runId: run.id,
      feed: run.feed,
      fileName: run.fileName,
      contentHash: run.contentHash,
      attempt: run.attempts,
    };
    let completion: RunCompletion;
    try {
      completion = await this.options.handler.process(content, context);
    } catch (error) {
      completion = {
        status: 'failed',
        accepted: 0,
        rejected: 0,
        unchanged: 0,
        report: { retryable: true, error: error instanceof Error ? error.message.slice(0, 500) : 'failed' },
      };
    }
    if (run.origin !== 'upload') crashPoint('files.before-commit');
    const committed = await this.options.store.complete(run, completion, (manager, done) =>
      this.options.handler.commit ? this.options.handler.commit(manager, done, completion) : Promise.resolve(),
    );
    // Lost the claim (another process took it over after the lease): that process finishes the run.
    if (!committed) return (await this.options.store.get(run.id)) ?? run;
    return run;
  }

  private claimOf(fileName: string, content: Buffer, origin: FileRunOrigin) {
    return {
      feed: this.options.feed,
      contentHash: createHash('sha256').update(content).digest('hex'),
      fileName,
      size: content.length,
      origin,
    };
  }
}

/** The sidecar report written next to a handled file. */
function report(run: FileRunEntity, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify(
    {
      feed: run.feed,
      runId: run.id,
      file: run.fileName,
      contentHash: run.contentHash,
      status: run.status,
      attempts: run.attempts,
      accepted: run.accepted,
      rejected: run.rejected,
      unchanged: run.unchanged,
      ...extra,
      report: run.report ? (JSON.parse(run.report) as unknown) : null,
    },
    null,
    2,
  )}\n`;
}
