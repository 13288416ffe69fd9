import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far the master-data sync has read one of the ERP's lists (items, suppliers). */
@Entity({ name: 'erp_sync_state' })
export class ErpSyncStateEntity {
  /** `items` or `suppliers`. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name!: string;

  /** The latest change instant seen (ISO 8601); the next poll asks for changes after it. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  watermark!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt!: string;
}
