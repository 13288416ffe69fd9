/**
 * Department P&L and shared-cost allocation, as pure functions over ERP journal lines.
 *
 * Accounts (../shared/SCENARIOS.md): 4000/4100 gross patient revenue, 4900 contractual allowances
 * (contra revenue), 5000 supplies expense and 5050 purchase price variance (supply cost), 6000
 * salaries and wages (labour, posted by payroll runs). Every revenue and expense line carries a cost centre.
 *
 * Driver: the costs of the shared cost centres (Supply Chain 8100, Finance 8200 by default) are
 * re-classed to the departments that earn revenue, in proportion to their net revenue of the period.
 * Each shared cost is credited to the shared cost centre and debited to the departments on the same
 * account, so every account's total is unchanged and the journal balances by construction; cents are
 * split by largest remainder so the parts add up exactly.
 */

export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const REVENUE_ACCOUNTS = ['4000', '4100'];
export const CONTRA_REVENUE_ACCOUNTS = ['4900'];
export const SUPPLY_ACCOUNTS = ['5000', '5050'];
export const LABOUR_ACCOUNTS = ['6000'];
/** The expense accounts whose shared-cost-centre balances are allocated. */
export const ALLOCATED_ACCOUNTS = [...SUPPLY_ACCOUNTS, ...LABOUR_ACCOUNTS];

export interface LedgerLine {
  account: string;
  costCentre?: string;
  side: 'debit' | 'credit';
  amountCents: number;
}

export interface LedgerJournal {
  postingDate: string;
  sourceType?: string;
  lines: LedgerLine[];
}

export interface DepartmentFigures {
  costCentre: string;
  grossRevenueCents: number;
  contractualAllowancesCents: number;
  supplyCostCents: number;
  labourCostCents: number;
  /** Shared expense of this cost centre by account (only for shared cost centres). */
  expenseByAccount: Record<string, number>;
}

export interface AllocationLine {
  account: string;
  costCentre: string;
  side: 'debit' | 'credit';
  amountCents: number;
}

export interface DepartmentResult {
  costCentre: string;
  grossRevenueCents: number;
  contractualAllowancesCents: number;
  netRevenueCents: number;
  supplyCostCents: number;
  labourCostCents: number;
  directMarginCents: number;
  /** Positive: shared cost received; negative: shared cost given away (a shared cost centre). */
  allocatedSharedCostCents: number;
  marginAfterAllocationCents: number;
  /** Share of the period's positive net revenue, in parts per million (the allocation driver). */
  revenueSharePpm: number;
}

export interface PeriodResult {
  period: string;
  departments: DepartmentResult[];
  allocationLines: AllocationLine[];
  /** Shared cost that could not be allocated because no department earned revenue. */
  unallocatedCents: number;
}

/** First and last day of `YYYY-MM`. */
export function periodBounds(period: string): { from: string; to: string } {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new RangeError(`period must be YYYY-MM, got ${period}`);
  const [year, month] = [Number(match[1]), Number(match[2])];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

/** The month before the one `at` falls in (a close runs after the month it closes). */
export function previousPeriod(at: Date): string {
  const first = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1));
  return `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Sums the period's journal lines by cost centre, leaving out earlier allocations so a re-run sees the same base. */
export function summarise(journals: LedgerJournal[], period: string): Map<string, DepartmentFigures> {
  const { from, to } = periodBounds(period);
  const figures = new Map<string, DepartmentFigures>();
  for (const journal of journals) {
    if (journal.postingDate < from || journal.postingDate > to || journal.sourceType === 'allocation') continue;
    for (const line of journal.lines) {
      if (!line.costCentre) continue;
      const debit = line.side === 'debit' ? line.amountCents : -line.amountCents;
      const entry = figures.get(line.costCentre) ?? {
        costCentre: line.costCentre,
        grossRevenueCents: 0,
        contractualAllowancesCents: 0,
        supplyCostCents: 0,
        labourCostCents: 0,
        expenseByAccount: {},
      };
      if (REVENUE_ACCOUNTS.includes(line.account)) entry.grossRevenueCents -= debit;
      else if (CONTRA_REVENUE_ACCOUNTS.includes(line.account)) entry.contractualAllowancesCents += debit;
      else if (SUPPLY_ACCOUNTS.includes(line.account)) entry.supplyCostCents += debit;
      else if (LABOUR_ACCOUNTS.includes(line.account)) entry.labourCostCents += debit;
      else continue;
      if (ALLOCATED_ACCOUNTS.includes(line.account))
        entry.expenseByAccount[line.account] = (entry.expenseByAccount[line.account] ?? 0) + debit;
      figures.set(line.costCentre, entry);
    }
  }
  return figures;
}

/** Splits `total` cents in proportion to `weights` (largest remainder, ties to the earlier entry): the parts add up to `total`. */
export function splitByWeight(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (sum <= 0n) return weights.map(() => 0);
  // BigInt: cents times revenue overflows a double's exact integers for large hospitals.
  const exact = weights.map((weight) => BigInt(total) * BigInt(weight));
  const parts = exact.map((value) => value / sum);
  let left = BigInt(total) - parts.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((value, index) => ({ index, remainder: value % sum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (left <= 0n) break;
    parts[index] += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

/** The period's department P&L and the lines of its shared-cost allocation journal. */
export function allocate(period: string, figures: Map<string, DepartmentFigures>, sharedCostCentres: string[]): PeriodResult {
  const departments = [...figures.values()].sort((a, b) => a.costCentre.localeCompare(b.costCentre));
  const net = (entry: DepartmentFigures) => entry.grossRevenueCents - entry.contractualAllowancesCents;
  const earners = departments.filter((entry) => !sharedCostCentres.includes(entry.costCentre) && net(entry) > 0);
  const weights = earners.map(net);
  const totalNet = weights.reduce((a, b) => a + b, 0);
  const allocated = new Map<string, number>();
  const lines: AllocationLine[] = [];
  let unallocatedCents = 0;
  for (const shared of departments.filter((entry) => sharedCostCentres.includes(entry.costCentre))) {
    for (const account of ALLOCATED_ACCOUNTS) {
      const amount = shared.expenseByAccount[account] ?? 0;
      // A credit balance on a shared expense account (a reversal bigger than the cost) is left alone.
      if (amount <= 0) continue;
      if (!earners.length) {
        unallocatedCents += amount;
        continue;
      }
      lines.push({ account, costCentre: shared.costCentre, side: 'credit', amountCents: amount });
      allocated.set(shared.costCentre, (allocated.get(shared.costCentre) ?? 0) - amount);
      splitByWeight(amount, weights).forEach((part, index) => {
        if (part === 0) return;
        const costCentre = earners[index].costCentre;
        lines.push({ account, costCentre, side: 'debit', amountCents: part });
        allocated.set(costCentre, (allocated.get(costCentre) ?? 0) + part);
      });
    }
  }
  const shares = new Map(earners.map((entry, index) => [entry.costCentre, weights[index]]));
  return {
    period,
    allocationLines: lines,
    unallocatedCents,
    departments: departments.map((entry) => {
      const netRevenueCents = net(entry);
      const directMarginCents = netRevenueCents - entry.supplyCostCents - entry.labourCostCents;
      const allocatedSharedCostCents = allocated.get(entry.costCentre) ?? 0;
      return {
        costCentre: entry.costCentre,
        grossRevenueCents: entry.grossRevenueCents,
        contractualAllowancesCents: entry.contractualAllowancesCents,
        netRevenueCents,
        supplyCostCents: entry.supplyCostCents,
        labourCostCents: entry.labourCostCents,
        directMarginCents,
        allocatedSharedCostCents,
        marginAfterAllocationCents: directMarginCents - allocatedSharedCostCents,
        revenueSharePpm: totalNet > 0 ? Math.round(((shares.get(entry.costCentre) ?? 0) * 1_000_000) / totalNet) : 0,
      };
    }),
  };
}
