import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { FileRunEntity, type FileRunOrigin, type FileRunStatus } from './file-run.entity';

/** What claiming a file's content found. */
export type ClaimOutcome =
  /** First sight of this content: a new run, to be processed. */
  | { kind: 'new'; run: FileRunEntity }
  /** A run that crashed (lease expired) or failed with an error: processed again, attempts + 1. */
  | { kind: 'resumed'; run: FileRunEntity }
  /** Completed before: the content is never applied again. */
  | { kind: 'duplicate'; run: FileRunEntity }
  /** Completed but its file not yet moved (a crash after the commit): move it, nothing else. */
  | { kind: 'undisposed'; run: FileRunEntity }
  /** Another live process holds the claim. */
  | { kind: 'busy'; run: FileRunEntity };

export interface ClaimRequest {
  feed: string;
  contentHash: string;
  fileName: string;
  size: number;
  origin: FileRunOrigin;
}

export interface RunCompletion {
  status: Exclude<FileRunStatus, 'claimed'>;
  accepted: number;
  rejected: number;
  unchanged: number;
  report: unknown;
}

/** The file_run table: claims by content hash, then runs with their reports. */
export class FileRunStore {
  constructor(
    private readonly dataSource: DataSource,
    /** This process: claims it holds are never taken over while it lives (within the lease). */
    readonly instanceId: string,
    /** How long a claim protects a run in progress before another process may take it over. */
    private readonly claimLeaseMs: number,
    /**
     * Runs work in a transaction. Apps pass their TransactionRunner, which serialises transactions on
     * SQLite's single connection (two interleaved there would nest); defaults to the data source's own.
     */
    private readonly transaction: <T>(work: (manager: EntityManager) => Promise<T>) => Promise<T> = (work) => dataSource.transaction(work),
  ) {}

  async claim(request: ClaimRequest): Promise<ClaimOutcome> {
    const now = new Date().toISOString();
    const fresh: FileRunEntity = Object.assign(new FileRunEntity(), {
      id: randomUUID(),
      ...request,
      status: 'claimed',
      attempts: 1,
      claimedBy: this.instanceId,
      claimedAt: now,
      completedAt: null,
      accepted: 0,
      rejected: 0,
      unchanged: 0,
      report: null,
      disposedAs: null,
    });
    try {
      await this.transaction((manager) => manager.getRepository(FileRunEntity).insert(fresh));
      return { kind: 'new', run: fresh };
    } catch (error) {
      // The unique (feed, content_hash) constraint: this content has a run already; decide below.
      const existing = await this.find(request.feed, request.contentHash);
      if (!existing) throw error;
      return this.reclaim(existing, request, now);
    }
  }

  private async reclaim(existing: FileRunEntity, request: ClaimRequest, now: string): Promise<ClaimOutcome> {
    if (existing.status === 'completed')
      return existing.disposedAs === null && existing.origin !== 'upload' && existing.fileName === request.fileName
        ? { kind: 'undisposed', run: existing }
        : { kind: 'duplicate', run: existing };
    if (
      existing.status === 'failed' &&
      existing.disposedAs === null &&
      existing.origin !== 'upload' &&
      existing.fileName === request.fileName
    )
      return { kind: 'undisposed', run: existing };
    // A run rejected by its feed's policy is final like a completed one; one that failed on an error may be retried.
    if (existing.status === 'failed' && !isRetryable(existing)) return { kind: 'duplicate', run: existing };
    const leaseOver = Date.parse(existing.claimedAt) + this.claimLeaseMs <= Date.now();
    if (existing.status === 'claimed' && !leaseOver) return { kind: 'busy', run: existing };
    // Conditional update: of two processes taking over the same claim, exactly one wins.
    const taken = await this.transaction((manager) =>
      manager
        .createQueryBuilder()
        .update(FileRunEntity)
        .set({
          status: 'claimed',
          attempts: existing.attempts + 1,
          claimedBy: this.instanceId,
          claimedAt: now,
          fileName: request.fileName,
          origin: request.origin,
          disposedAs: null,
        })
        .where('id = :id AND attempts = :attempts AND status = :status', {
          id: existing.id,
          attempts: existing.attempts,
          status: existing.status,
        })
        .execute(),
    );
    if (!taken.affected) return { kind: 'busy', run: existing };
    return { kind: 'resumed', run: (await this.find(request.feed, request.contentHash))! };
  }

  /**
   * Finishes a run in one transaction with `effects` (outbox events, rows of the feed's own), only
   * while this process still holds the claim; returns false (and commits nothing) otherwise.
   */
  async complete(
    run: FileRunEntity,
    completion: RunCompletion,
    effects?: (manager: EntityManager, run: FileRunEntity) => Promise<void>,
  ): Promise<boolean> {
    return this.transaction(async (manager) => {
      const completedAt = new Date().toISOString();
      const result = await manager
        .createQueryBuilder()
        .update(FileRunEntity)
        .set({
          status: completion.status,
          accepted: completion.accepted,
          rejected: completion.rejected,
          unchanged: completion.unchanged,
          report: JSON.stringify(completion.report),
          completedAt,
        })
        .where('id = :id AND status = :claimed AND attempts = :attempts AND claimed_by = :by', {
          id: run.id,
          claimed: 'claimed',
          attempts: run.attempts,
          by: this.instanceId,
        })
        .execute();
      if (!result.affected) return false;
      Object.assign(run, completion, { report: JSON.stringify(completion.report), completedAt });
      if (effects) await effects(manager, run);
      return true;
    });
  }

  async markDisposed(runId: string, disposedAs: string): Promise<void> {
    await this.transaction((manager) => manager.getRepository(FileRunEntity).update({ id: runId }, { disposedAs }));
  }

  find(feed: string, contentHash: string): Promise<FileRunEntity | null> {
    return this.dataSource.getRepository(FileRunEntity).findOneBy({ feed, contentHash });
  }

  get(id: string): Promise<FileRunEntity | null> {
    return this.dataSource.getRepository(FileRunEntity).findOneBy({ id });
  }

  /** Runs of a feed, newest first, `limit` per page after the cursor (a claimed_at|id pair). */
  async list(feed: string, limit: number, before?: { claimedAt: string; id: string }): Promise<FileRunEntity[]> {
    const query = this.dataSource
      .getRepository(FileRunEntity)
      .createQueryBuilder('run')
      .where('run.feed = :feed', { feed })
      .orderBy('run.claimed_at', 'DESC')
      .addOrderBy('run.id', 'DESC')
      .limit(limit);
    if (before)
      query.andWhere('(run.claimed_at < :at OR (run.claimed_at = :at AND run.id < :id))', { at: before.claimedAt, id: before.id });
    return query.getMany();
  }
}

/** Whether a failed run failed on an error (source, upstream) rather than on its content. */
export function isRetryable(run: FileRunEntity): boolean {
  if (run.status !== 'failed' || !run.report) return false;
  return (JSON.parse(run.report) as { retryable?: boolean }).retryable === true;
}
