import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { COST_CENTRE_CODE_PATTERN, IsCostCentreCode, MoneyDto } from '@concord/contracts';
import { PERIOD_PATTERN } from '../department-pnl';

const PERIOD = { pattern: PERIOD_PATTERN.source, maxLength: 7, example: '2026-10' };

export class PeriodQueryDto {
  @ApiProperty({ description: 'Accounting month (YYYY-MM)', ...PERIOD })
  @Matches(PERIOD_PATTERN, { message: 'period must be YYYY-MM' })
  period!: string;
}

export class DepartmentCodeParams {
  @ApiProperty({ description: 'Department (cost centre) code', example: '6300', pattern: COST_CENTRE_CODE_PATTERN.source, maxLength: 10 })
  @IsCostCentreCode()
  code!: string;
}

/** A department's P&L for a month, from the ERP general ledger, and its share of the shared costs. */
export class DepartmentProfitabilityDto {
  @ApiProperty({ example: '6300' }) departmentCode!: string;
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty({ type: MoneyDto, description: 'Gross patient revenue (4000, 4100)' }) grossRevenue!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Contractual allowances (4900, contra revenue)' }) contractualAllowances!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Gross revenue less contractual allowances' }) netRevenue!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Supplies expense and purchase price variance (5000, 5050)' }) supplyCost!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Salaries and wages from payroll (6000)' }) labourCost!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Net revenue less supply and labour cost' }) directMargin!: MoneyDto;
  @ApiProperty({
    type: MoneyDto,
    description: 'Shared cost received by allocation (negative for a shared cost centre, whose cost is given away)',
  })
  allocatedSharedCost!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Direct margin less allocated shared cost' }) marginAfterAllocation!: MoneyDto;
  @ApiProperty({ description: 'Allocation driver: share of the period’s net revenue, in parts per million', example: 561873 })
  revenueSharePpm!: number;
  @ApiPropertyOptional({ description: 'The ERP journal that posted the period’s allocation', example: 'JE-000042' })
  allocationJournalId?: string;
  @ApiProperty({ format: 'uuid', description: 'The cost-allocation flow that computed the figures' }) flowId!: string;
  @ApiProperty() computedAt!: string;
  @ApiPropertyOptional({ description: 'When the period was closed (allocation posted)' }) closedAt?: string;
}

export class PeriodProfitabilityDto {
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty({ type: [DepartmentProfitabilityDto] }) items!: DepartmentProfitabilityDto[];
}
