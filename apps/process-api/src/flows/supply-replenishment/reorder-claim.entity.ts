import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who is replenishing an item at a location right now. Two procedures that take the same item to
 * its reorder point race to the requisition; the first flow to claim the (item, location) raises it
 * and holds the claim until its purchase order exists (the ERP then counts it as on order), so the
 * other finds the claim, or the order, and raises nothing.
 */
@Entity({ name: 'supply_reorder_claim' })
export class ReorderClaimEntity {
  @PrimaryColumn({ name: 'item_id', type: 'varchar', length: 40 })
  itemId!: string;

  @PrimaryColumn({ name: 'location_id', type: 'varchar', length: 40 })
  locationId!: string;

  /** The supply-replenishment flow instance that holds the claim. */
  @Column({ name: 'flow_id', type: 'varchar', length: 36 })
  flowId!: string;

  @Column({ name: 'claimed_at', type: 'varchar', length: 30 })
  claimedAt!: string;
}
