import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A 270 Concord sent and the 271 (or 999) that answered it. */
@Entity({ name: 'billing_eligibility_inquiry' })
export class EligibilityInquiryEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id!: string;

  @Column({ name: 'trace_number', type: 'varchar', length: 50, unique: true })
  traceNumber!: string;

  @Column({ name: 'payer_id', type: 'varchar', length: 80 })
  payerId!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 64, nullable: true })
  accountId!: string | null;

  /** pending | answered | rejected */
  @Column({ type: 'varchar', length: 10 })
  status!: string;

  /** EligibilityRequestDto (PHI). */
  @Column({ name: 'request_json', type: 'text' })
  requestJson!: string;

  /** EligibilityResponseDto (PHI), or the 999's issues when refused. */
  @Column({ name: 'response_json', type: 'text', nullable: true })
  responseJson!: string | null;

  @Column({ name: 'outbound_interchange_id', type: 'varchar', length: 40, nullable: true })
  outboundInterchangeId!: string | null;

  @Column({ name: 'inbound_interchange_id', type: 'varchar', length: 40, nullable: true })
  inboundInterchangeId!: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;

  @Column({ name: 'answered_at', type: 'varchar', length: 30, nullable: true })
  answeredAt!: string | null;
}
