import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Counters that must never repeat: interchange control numbers (ISA13/GS06) of what Concord sends. */
@Entity({ name: 'billing_sequence' })
export class BillingSequenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'integer' })
  value!: number;
}
