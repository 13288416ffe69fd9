import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * A clinical supply id (EHR item code, GTIN) that a stock issue named and no ERP item answers to:
 * the supply chain team's list of items used clinically that the ERP does not know.
 */
@Entity({ name: 'erp_unknown_clinical_item' })
@Unique('uq_erp_unknown_clinical_item', ['system', 'value'])
export class UnknownClinicalItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  system!: string;

  @Column({ type: 'varchar', length: 64 })
  value!: string;

  @Column({ type: 'integer' })
  occurrences!: number;

  @Column({ name: 'first_seen_at', type: 'varchar', length: 30 })
  firstSeenAt!: string;

  @Column({ name: 'last_seen_at', type: 'varchar', length: 30 })
  lastSeenAt!: string;

  @Column({ name: 'last_department', type: 'varchar', length: 10, nullable: true })
  lastDepartment!: string | null;
}
