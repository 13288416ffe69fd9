import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { MoneyDto } from '../common/money.dto';
import { IsCostCentreCode, IsMoneyCents } from '../erp/erp-validators';
import { IsCalendarDate } from '../validation/is-calendar-date.validator';
import { EMPLOYEE_NUMBER_PATTERN, EMPLOYMENT_STATUSES, type EmploymentStatus } from './employee.dto';

/** An employee as ERP payroll knows them: enough to cost hours to a cost centre. */
export class PayrollEmployeeDto {
  @ApiProperty({ example: 'E10042' })
  @Matches(EMPLOYEE_NUMBER_PATTERN, { message: 'employeeNumber must be 1-20 letters or digits' })
  employeeNumber!: string;

  @ApiProperty({ example: '6200' })
  @IsCostCentreCode()
  costCentre!: string;

  @ApiProperty({ type: MoneyDto })
  @IsMoneyCents({ sign: 'positive' })
  hourlyRate!: MoneyDto;

  @ApiProperty({ enum: EMPLOYMENT_STATUSES, example: 'active' })
  @IsIn(EMPLOYMENT_STATUSES)
  status!: EmploymentStatus;

  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  hireDate!: string;

  @ApiPropertyOptional({ description: 'Payroll ends after this day', example: '2027-03-31' })
  @IsOptional()
  @IsCalendarDate()
  terminationDate?: string;
}

export class TimesheetDto {
  @ApiProperty({ example: 'E10042', maxLength: 20, pattern: EMPLOYEE_NUMBER_PATTERN.source })
  @Matches(EMPLOYEE_NUMBER_PATTERN, { message: 'employeeNumber must be 1-20 letters or digits' })
  employeeNumber!: string;

  @ApiProperty({ description: 'Hours worked in the period, to the hundredth', example: 36 })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(744)
  hours!: number;
}

/** Hours worked in a pay period, costed by the ERP at each employee's rate. */
export class CreatePayrollRunDto {
  @ApiProperty({ example: '2026-11-01', format: 'date', maxLength: 10 })
  @IsCalendarDate()
  periodStart!: string;

  @ApiProperty({ example: '2026-11-14', format: 'date', maxLength: 10 })
  @IsCalendarDate()
  periodEnd!: string;

  @ApiProperty({ type: [TimesheetDto], minItems: 1, maxItems: 10_000 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => TimesheetDto)
  timesheets!: TimesheetDto[];
}

/** Hours and labour cost of one cost centre in one pay period. */
export class PayrollCostDto {
  @ApiProperty({ example: '6200' })
  costCentre!: string;

  @ApiProperty({ example: '2026-11-01' })
  periodStart!: string;

  @ApiProperty({ example: '2026-11-14' })
  periodEnd!: string;

  @ApiProperty({ example: 36 })
  hours!: number;

  @ApiProperty({ type: MoneyDto })
  labourCost!: MoneyDto;

  @ApiProperty({ example: 1 })
  employeeCount!: number;
}

/** A costed payroll run and the journal that accrued it (DR salaries and wages by cost centre, CR accrued payroll). */
export class PayrollRunDto {
  @ApiProperty({ example: 'PAYR-000001' })
  id!: string;

  @ApiProperty({ example: '2026-11-01' })
  periodStart!: string;

  @ApiProperty({ example: '2026-11-14' })
  periodEnd!: string;

  @ApiProperty({ type: [PayrollCostDto] })
  costs!: PayrollCostDto[];

  @ApiProperty({ type: MoneyDto })
  total!: MoneyDto;

  @ApiProperty({ example: 'JE-000010' })
  journalEntryId!: string;
}
