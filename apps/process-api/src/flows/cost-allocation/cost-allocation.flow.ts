import { Injectable } from '@nestjs/common';
import { unwrap } from '@concord/clients';
import type { Currency } from '@concord/contracts';
import { done, type FlowDefinition, type FlowStart, type StepContext, StepFailure } from '../../engine/flow-definition';
import { ProcessApiConfig } from '../../process-api.config';
import {
  allocate,
  type AllocationLine,
  type DepartmentResult,
  type LedgerJournal,
  PERIOD_PATTERN,
  periodBounds,
  previousPeriod,
  summarise,
} from './department-pnl';
import { DepartmentProfitabilityRepository } from './department-profitability.repository';

const LAYER = 'system-api';
const CURRENCY: Currency = 'USD';
const RETRY = { maxAttempts: 6, initialBackoffMs: 500, maxBackoffMs: 30_000 };
const JOURNAL_PAGE = 200;

export interface CostAllocationState {
  period: string;
  sharedCostCentres: string[];
  departments?: DepartmentResult[];
  allocationLines?: AllocationLine[];
  unallocatedCents?: number;
  allocationJournalId?: string | null;
}

/** The ERP document id of a period's allocation: one per period, whichever instance posts it. */
export const allocationDocumentId = (period: string) => `ALLOC-${period}`;

/**
 * Parses a manual or scheduled start: `{ period: 'YYYY-MM' }`, or `{ scheduledAt }` from the flow
 * scheduler (which closes the month before). A period that has not begun cannot be closed.
 */
export function costAllocationStart(
  input: Record<string, unknown>,
  sharedCostCentres: string[],
  now = new Date(),
): FlowStart<CostAllocationState> {
  let period: string;
  if (typeof input.period === 'string') period = input.period;
  else if (typeof input.scheduledAt === 'string' && !Number.isNaN(Date.parse(input.scheduledAt)))
    period = previousPeriod(new Date(input.scheduledAt));
  else throw new Error('period is required (YYYY-MM)');
  if (!PERIOD_PATTERN.test(period)) throw new Error(`period must be YYYY-MM, got ${period.slice(0, 20)}`);
  if (periodBounds(period).from > now.toISOString().slice(0, 10)) throw new Error(`period ${period} has not begun`);
  return { startKey: '', businessKeys: { period }, state: { period, sharedCostCentres } };
}

const sameLines = (
  posted: { account: string; costCentre?: string; side: string; amount: { amount: number } }[],
  lines: AllocationLine[],
) => {
  const key = (account: string, costCentre: string | undefined, side: string, cents: number) =>
    `${account}|${costCentre ?? ''}|${side}|${cents}`;
  const a = posted.map((line) => key(line.account, line.costCentre, line.side, line.amount.amount)).sort();
  const b = lines.map((line) => key(line.account, line.costCentre, line.side, line.amountCents)).sort();
  return a.length === b.length && a.every((value, index) => value === b[index]);
};

/**
 * Cost allocation and month-end close: department P&L for a period from the ERP general ledger
 * (revenue posted from billing, supply cost, payroll labour), stored per department and period,
 * then the shared-cost allocation journal posted to the ERP (once per period: its idempotency key
 * and document id are the period's, so a second instance for the same period finds it), then close.
 */
@Injectable()
export class CostAllocationFlows {
  constructor(
    private readonly profitability: DepartmentProfitabilityRepository,
    private readonly config: ProcessApiConfig,
  ) {}

  definitions(): FlowDefinition<object>[] {
    return [this.costAllocation()];
  }

  private sharedCostCentres(): string[] {
    return this.config.COST_ALLOCATION_SHARED_COST_CENTRES.split(',')
      .map((code) => code.trim())
      .filter(Boolean);
  }

  private async journals(ctx: StepContext<CostAllocationState>): Promise<LedgerJournal[]> {
    const { from, to } = periodBounds(ctx.state.period);
    const journals: LedgerJournal[] = [];
    let cursor: string | undefined;
    do {
      const page = await unwrap(
        LAYER,
        ctx.systemApi.GET('/erp/v1/journals', { params: { query: { limit: JOURNAL_PAGE, ...(cursor ? { cursor } : {}) } } }),
      );
      for (const entry of page.items) {
        if (entry.postingDate < from || entry.postingDate > to) continue;
        journals.push({
          postingDate: entry.postingDate,
          sourceType: entry.sourceDocument?.type,
          lines: entry.lines.map((line) => ({
            account: line.account,
            costCentre: line.costCentre,
            side: line.side,
            amountCents: line.amount.amount,
          })),
        });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return journals;
  }

  private costAllocation(): FlowDefinition<CostAllocationState> {
    return {
      type: 'cost-allocation',
      version: 1,
      title: 'Month-end close: department P&L and shared-cost allocation journals',
      manualStart: (input) => costAllocationStart(input, this.sharedCostCentres()),
      slaMs: 2 * 86_400_000,
      impact: (state) => ({
        dueDate: periodBounds(state.period).to,
        details: { period: state.period, sharedCostCentres: state.sharedCostCentres.join(',') },
      }),
      steps: [
        {
          name: 'compute-pnl',
          retry: RETRY,
          run: async (ctx) => {
            const result = allocate(ctx.state.period, summarise(await this.journals(ctx), ctx.state.period), ctx.state.sharedCostCentres);
            return done({
              state: {
                departments: result.departments,
                allocationLines: result.allocationLines,
                unallocatedCents: result.unallocatedCents,
              },
              output: {
                departments: result.departments.length,
                allocationLines: result.allocationLines.length,
                unallocatedCents: result.unallocatedCents,
              },
            });
          },
        },
        {
          name: 'store-profitability',
          retry: RETRY,
          run: async (ctx) => {
            const computedAt = ctx.now().toISOString();
            await this.profitability.replacePeriod(
              ctx.state.period,
              (ctx.state.departments ?? []).map((department) => ({
                departmentCode: department.costCentre,
                period: ctx.state.period,
                currency: CURRENCY,
                grossRevenueCents: department.grossRevenueCents,
                contractualAllowancesCents: department.contractualAllowancesCents,
                netRevenueCents: department.netRevenueCents,
                supplyCostCents: department.supplyCostCents,
                labourCostCents: department.labourCostCents,
                directMarginCents: department.directMarginCents,
                allocatedSharedCostCents: department.allocatedSharedCostCents,
                marginAfterAllocationCents: department.marginAfterAllocationCents,
                revenueSharePpm: department.revenueSharePpm,
                allocationJournalId: null,
                flowId: ctx.flowId,
                computedAt,
                closedAt: null,
              })),
            );
            return done({ output: { stored: ctx.state.departments?.length ?? 0 } });
          },
        },
        {
          name: 'post-allocation',
          retry: RETRY,
          run: async (ctx) => {
            const lines = ctx.state.allocationLines ?? [];
            if (!lines.length)
              return done({ state: { allocationJournalId: null }, output: { posted: false, reason: 'nothing to allocate' } });
            const documentId = allocationDocumentId(ctx.state.period);
            const existing = await unwrap(
              LAYER,
              ctx.systemApi.GET('/erp/v1/journals', { params: { query: { sourceType: 'allocation', sourceId: documentId } } }),
            );
            const [posted] = existing.items;
            if (posted) {
              // Another run for this period posted first: the same figures are the same journal; others need a person.
              if (!sameLines(posted.lines, lines))
                throw new StepFailure(
                  'PERIOD_ALREADY_ALLOCATED',
                  `${ctx.state.period} was allocated by journal ${posted.id} on other figures; reverse it in the ERP before allocating again`,
                  false,
                );
              ctx.link('allocationJournal', posted.id);
              return done({ state: { allocationJournalId: posted.id }, output: { journalId: posted.id, posted: false } });
            }
            const journal = await unwrap(
              LAYER,
              ctx.systemApi.POST('/erp/v1/journals', {
                // The period's key, not the instance's: two instances for one period post one journal.
                headers: { 'idempotency-key': `cost-allocation:${ctx.state.period}` },
                body: {
                  postingDate: periodBounds(ctx.state.period).to,
                  memo: `Shared-cost allocation ${ctx.state.period} by net revenue share`,
                  sourceDocument: { type: 'allocation', id: documentId },
                  lines: lines.map((line) => ({
                    account: line.account,
                    costCentre: line.costCentre,
                    side: line.side,
                    amount: { amount: line.amountCents, currency: CURRENCY },
                  })),
                },
              }),
            );
            ctx.link('allocationJournal', journal.id);
            return done({
              state: { allocationJournalId: journal.id },
              output: { journalId: journal.id, posted: true, total: journal.total },
            });
          },
        },
        {
          name: 'close',
          retry: RETRY,
          run: async (ctx) => {
            await this.profitability.close(ctx.state.period, ctx.state.allocationJournalId ?? null, ctx.now().toISOString());
            return done({ output: { period: ctx.state.period, allocationJournalId: ctx.state.allocationJournalId ?? null } });
          },
        },
      ],
    };
  }
}
