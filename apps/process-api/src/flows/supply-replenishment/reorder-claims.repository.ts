import { type TransactionRunner } from '@concord/platform';
import { ReorderClaimEntity } from './reorder-claim.entity';
import { CreateSupplyReorderClaim1764810000000 } from './migrations/1764810000000-create-supply-reorder-claim.migration';

export const SUPPLY_REPLENISHMENT_ENTITIES = [ReorderClaimEntity];
export const SUPPLY_REPLENISHMENT_MIGRATIONS = [CreateSupplyReorderClaim1764810000000];

/** The replenishment claims of (item, location): one flow at a time raises a requisition for them. */
export class ReorderClaims {
  constructor(private readonly transactions: TransactionRunner) {}

  /**
   * Claims the item at the location for the flow; answers the flow that holds it (this one, when the
   * claim was free or already its own). Insert-or-ignore then read: the primary key decides a race.
   */
  async claim(itemId: string, locationId: string, flowId: string): Promise<string> {
    return this.transactions.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReorderClaimEntity)
        .values({ itemId, locationId, flowId, claimedAt: new Date().toISOString() })
        .orIgnore()
        .execute();
      const holder = await manager.findOneByOrFail(ReorderClaimEntity, { itemId, locationId });
      return holder.flowId;
    });
  }

  /** Gives the claim up (the order exists, or the requisition was rejected); only its holder can. */
  async release(itemId: string, locationId: string, flowId: string): Promise<void> {
    await this.transactions.run((manager) => manager.delete(ReorderClaimEntity, { itemId, locationId, flowId }));
  }
}
