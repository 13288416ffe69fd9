import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type TransactionWork<T> = (manager: EntityManager) => Promise<T>;

/**
 * The one way to run a database transaction in an app.
 *
 * SQLite (better-sqlite3) has a single connection per file: two TypeORM transactions in flight at
 * once interleave their statements on it and fail ("Transaction is not started yet"), a plain
 * write issued while another's transaction awaits silently joins that transaction, and a plain read
 * sees its uncommitted rows. So on SQLite every transaction, and every read or write that must see
 * only committed data, is queued here one after another. PostgreSQL transactions run concurrently.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serialised: boolean;
  private readonly commitHooks = new WeakMap<EntityManager, (() => void)[]>();

  constructor(private readonly dataSource: DataSource) {
    this.serialised = dataSource.options.type === 'better-sqlite3';
  }

  /** Runs `work` in a transaction; commits when it resolves, rolls back when it throws. */
  run<T>(work: TransactionWork<T>): Promise<T> {
    if (!this.serialised) return this.execute(work);
    const next = this.tail.then(() => this.execute(work));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * Calls `hook` once the transaction of `manager` has committed (at once when `manager` is not in
   * one of this runner's transactions); a rolled-back transaction never calls it.
   */
  afterCommit(manager: EntityManager, hook: () => void): void {
    const hooks = this.commitHooks.get(manager);
    if (hooks) hooks.push(hook);
    else hook();
  }

  /** Whether transactions are serialised (embedded SQLite) rather than concurrent (PostgreSQL). */
  get isSerialised(): boolean {
    return this.serialised;
  }

  get databaseType(): 'sqlite' | 'postgres' {
    return this.serialised ? 'sqlite' : 'postgres';
  }

  private async execute<T>(work: TransactionWork<T>): Promise<T> {
    const hooks: (() => void)[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      this.commitHooks.set(manager, hooks);
      try {
        return await work(manager);
      } finally {
        this.commitHooks.delete(manager);
      }
    });
    for (const hook of hooks) hook();
    return result;
  }
}
