import { Injectable } from '@nestjs/common';
import type { Currency } from '@concord/contracts';
import type { DepartmentProfitabilityEntity } from './department-profitability.entity';
import { DepartmentProfitabilityRepository } from './department-profitability.repository';
import type { DepartmentProfitabilityDto, PeriodProfitabilityDto } from './dto/profitability.dto';
import { ProfitabilityException, ProfitabilityExceptionCode } from './profitability.exception';

/** Read side of the cost-allocation flow's results. */
@Injectable()
export class ProfitabilityQueries {
  constructor(private readonly repository: DepartmentProfitabilityRepository) {}

  async department(code: string, period: string): Promise<DepartmentProfitabilityDto> {
    const row = await this.repository.find(code, period);
    if (!row)
      throw new ProfitabilityException(
        ProfitabilityExceptionCode.PROFITABILITY_NOT_COMPUTED,
        `No profitability for department ${code} in ${period}: the period has not been closed, or the department had no postings`,
      );
    return toDto(row);
  }

  async period(period: string): Promise<PeriodProfitabilityDto> {
    return { period, items: (await this.repository.listPeriod(period)).map(toDto) };
  }
}

function toDto(row: DepartmentProfitabilityEntity): DepartmentProfitabilityDto {
  const money = (amount: number) => ({ amount, currency: row.currency as Currency });
  return {
    departmentCode: row.departmentCode,
    period: row.period,
    grossRevenue: money(row.grossRevenueCents),
    contractualAllowances: money(row.contractualAllowancesCents),
    netRevenue: money(row.netRevenueCents),
    supplyCost: money(row.supplyCostCents),
    labourCost: money(row.labourCostCents),
    directMargin: money(row.directMarginCents),
    allocatedSharedCost: money(row.allocatedSharedCostCents),
    marginAfterAllocation: money(row.marginAfterAllocationCents),
    revenueSharePpm: row.revenueSharePpm,
    ...(row.allocationJournalId ? { allocationJournalId: row.allocationJournalId } : {}),
    flowId: row.flowId,
    computedAt: row.computedAt,
    ...(row.closedAt ? { closedAt: row.closedAt } : {}),
  };
}
