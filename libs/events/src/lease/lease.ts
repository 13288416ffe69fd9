import type { EntityManager } from 'typeorm';
import type { TransactionRunner } from '@concord/platform';
import { LeaseEntity } from './lease.entity';

/**
 * Time-limited leases in the app's own database, so that only one instance at a time runs a given
 * loop (the outbox relay, a subscriber's fetcher). A crashed holder's lease expires after `ttlMs`;
 * an instance restarted under the same holder id takes its own lease back at once. On SQLite the
 * database file belongs to one process, so there is nothing to arbitrate.
 */
export class LeaseKeeper {
  private readonly heldUntil = new Map<string, number>();

  constructor(
    private readonly transactions: TransactionRunner,
    readonly holder: string,
    private readonly ttlMs: number,
  ) {}

  /** Takes or renews the lease; true when this instance holds it. */
  async acquire(name: string): Promise<boolean> {
    if (this.transactions.isSerialised) return true;
    const now = Date.now();
    // Renewing on every pass would cost a write each time; half the lifetime left is plenty.
    if ((this.heldUntil.get(name) ?? 0) - now > this.ttlMs / 2) return true;
    const expiresAt = new Date(now + this.ttlMs).toISOString();
    const held = await this.transactions.run(async (manager) => {
      const taken = await manager
        .createQueryBuilder()
        .update(LeaseEntity)
        .set({ holder: this.holder, expiresAt })
        .where('name = :name', { name })
        .andWhere('(holder = :holder OR expires_at < :now)', { holder: this.holder, now: new Date(now).toISOString() })
        .execute();
      if (taken.affected) return true;
      await manager.createQueryBuilder().insert().into(LeaseEntity).values({ name, holder: this.holder, expiresAt }).orIgnore().execute();
      return this.isHolder(manager, name);
    });
    if (held) this.heldUntil.set(name, now + this.ttlMs);
    else this.heldUntil.delete(name);
    return held;
  }

  async release(name: string): Promise<void> {
    this.heldUntil.delete(name);
    if (this.transactions.isSerialised) return;
    await this.transactions.run((manager) =>
      manager
        .createQueryBuilder()
        .update(LeaseEntity)
        .set({ expiresAt: new Date(0).toISOString() })
        .where('name = :name AND holder = :holder', { name, holder: this.holder })
        .execute(),
    );
  }

  private async isHolder(manager: EntityManager, name: string): Promise<boolean> {
    const lease = await manager.findOne(LeaseEntity, { where: { name } });
    return lease?.holder === this.holder;
  }
}
