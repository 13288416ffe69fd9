import { Column, Entity, Index, PrimaryColumn, type ValueTransformer } from 'typeorm';

/** bigint columns come back as strings on PostgreSQL; cents stay well inside a double's exact integers. */
const CENTS: ValueTransformer = {
  to: (value: number) => value,
  from: (value: string | number | null) => (value === null ? 0 : Number(value)),
};

/** One department's P&L for one month, as the cost-allocation flow last computed it. */
@Entity({ name: 'department_profitability' })
@Index('ix_department_profitability_period', ['period'])
export class DepartmentProfitabilityEntity {
  @PrimaryColumn({ name: 'department_code', type: 'varchar', length: 10 })
  departmentCode!: string;

  /** YYYY-MM */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ type: 'varchar', length: 3 })
  currency!: string;

  @Column({ name: 'gross_revenue_cents', type: 'bigint', transformer: CENTS })
  grossRevenueCents!: number;

  @Column({ name: 'contractual_allowances_cents', type: 'bigint', transformer: CENTS })
  contractualAllowancesCents!: number;

  @Column({ name: 'net_revenue_cents', type: 'bigint', transformer: CENTS })
  netRevenueCents!: number;

  @Column({ name: 'supply_cost_cents', type: 'bigint', transformer: CENTS })
  supplyCostCents!: number;

  @Column({ name: 'labour_cost_cents', type: 'bigint', transformer: CENTS })
  labourCostCents!: number;

  @Column({ name: 'direct_margin_cents', type: 'bigint', transformer: CENTS })
  directMarginCents!: number;

  @Column({ name: 'allocated_shared_cost_cents', type: 'bigint', transformer: CENTS })
  allocatedSharedCostCents!: number;

  @Column({ name: 'margin_after_allocation_cents', type: 'bigint', transformer: CENTS })
  marginAfterAllocationCents!: number;

  /** The allocation driver: share of the period's net revenue in parts per million. */
  @Column({ name: 'revenue_share_ppm', type: 'integer' })
  revenueSharePpm!: number;

  @Column({ name: 'allocation_journal_id', type: 'varchar', length: 64, nullable: true })
  allocationJournalId!: string | null;

  @Column({ name: 'flow_id', type: 'varchar', length: 36 })
  flowId!: string;

  @Column({ name: 'computed_at', type: 'varchar', length: 30 })
  computedAt!: string;

  /** Set when the flow's close step ran: the allocation is posted and the figures are final. */
  @Column({ name: 'closed_at', type: 'varchar', length: 30, nullable: true })
  closedAt!: string | null;
}
