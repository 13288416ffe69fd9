import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * A bank deposit (lockbox or EFT detail) matched to the 835 remittance it pays: the cash side of a
 * remittance. A remittance is matched to one deposit only; the run and line say where it came from.
 */
@Entity({ name: 'file_deposit_match' })
@Unique('uq_file_deposit_match_remittance', ['remittanceId'])
export class DepositMatchEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 36 })
  runId!: string;

  @Column({ type: 'integer' })
  line!: number;

  @Column({ name: 'remittance_id', type: 'varchar', length: 40 })
  remittanceId!: string;

  @Column({ name: 'trace_number', type: 'varchar', length: 50 })
  traceNumber!: string;

  /** Cents. */
  @Column({ name: 'amount', type: 'integer' })
  amount!: number;

  @Column({ name: 'deposit_date', type: 'varchar', length: 10 })
  depositDate!: string;

  @Column({ name: 'matched_at', type: 'varchar', length: 30 })
  matchedAt!: string;
}
