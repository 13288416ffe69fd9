import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MoneyDto } from '../common/money.dto';
import { SourceMetaDto } from '../common/source-meta.dto';
import { COST_CENTRE_CODE_PATTERN, IsCostCentreCode, IsMoneyCents } from '../erp/erp-validators';
import { IsCalendarDate } from '../validation/is-calendar-date.validator';

export const EMPLOYMENT_STATUSES = ['active', 'terminated'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** Employee numbers: 1–20 letters or digits (E10042). */
export const EMPLOYEE_NUMBER_PATTERN = /^[A-Za-z0-9]{1,20}$/;

export class EmployeeNameDto {
  @ApiProperty({ example: 'Casey', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  given!: string;

  @ApiProperty({ example: 'Morgan', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  family!: string;
}

/** A member of staff as the HR system of record holds them. */
export class EmployeeDto {
  @ApiProperty({ description: 'Employee id in the HR system', example: 'W-1004' })
  id!: string;

  @ApiProperty({ example: 'E10042' })
  employeeNumber!: string;

  @ApiProperty({ type: EmployeeNameDto })
  name!: EmployeeNameDto;

  @ApiPropertyOptional({ example: 'casey.morgan@concordhealth.example' })
  email?: string;

  @ApiProperty({ description: 'Position id', example: 'POS-RN2-6200' })
  positionId!: string;

  @ApiPropertyOptional({ example: 'Staff Nurse II' })
  positionTitle?: string;

  @ApiProperty({ description: 'Cost centre that carries the labour cost', example: '6200' })
  costCentre!: string;

  @ApiProperty({ type: MoneyDto, description: 'Pay per hour' })
  hourlyRate!: MoneyDto;

  @ApiProperty({ enum: EMPLOYMENT_STATUSES, example: 'active' })
  status!: EmploymentStatus;

  @ApiProperty({ example: '2026-11-02' })
  hireDate!: string;

  @ApiPropertyOptional({ example: '2027-03-31' })
  terminationDate?: string;

  @ApiPropertyOptional({ description: 'Employee id of the manager', example: 'W-1002' })
  managerId?: string;

  @ApiProperty({ type: SourceMetaDto, description: 'versionId is the concurrency token (ETag) of the record' })
  source!: SourceMetaDto;
}

/** Hire: create an employee in the HR system. */
export class CreateEmployeeDto {
  @ApiPropertyOptional({
    description: 'Assigned by the HR system when absent',
    example: 'E10042',
    maxLength: 20,
    pattern: EMPLOYEE_NUMBER_PATTERN.source,
  })
  @IsOptional()
  @Matches(EMPLOYEE_NUMBER_PATTERN, { message: 'employeeNumber must be 1-20 letters or digits' })
  employeeNumber?: string;

  @ApiProperty({ type: EmployeeNameDto })
  @ValidateNested()
  @Type(() => EmployeeNameDto)
  name!: EmployeeNameDto;

  @ApiPropertyOptional({ example: 'casey.morgan@concordhealth.example', maxLength: 254, format: 'email' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiProperty({ example: 'POS-RN2-6200', maxLength: 40 })
  @IsString()
  @MaxLength(40)
  positionId!: string;

  @ApiProperty({ example: '6200', maxLength: 10, pattern: COST_CENTRE_CODE_PATTERN.source })
  @IsCostCentreCode()
  costCentre!: string;

  @ApiProperty({ type: MoneyDto })
  @IsMoneyCents({ sign: 'positive' })
  hourlyRate!: MoneyDto;

  @ApiProperty({ example: '2026-11-02', format: 'date', maxLength: 10 })
  @IsCalendarDate()
  hireDate!: string;

  @ApiPropertyOptional({ example: 'W-1002', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  managerId?: string;
}

/** Change an employee; absent fields stay as they are. */
export class UpdateEmployeeDto {
  @ApiPropertyOptional({ type: EmployeeNameDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmployeeNameDto)
  name?: EmployeeNameDto;

  @ApiPropertyOptional({ maxLength: 254, format: 'email' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: 'POS-RN2-6200', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  positionId?: string;

  @ApiPropertyOptional({ example: '6300', maxLength: 10, pattern: COST_CENTRE_CODE_PATTERN.source })
  @IsOptional()
  @IsCostCentreCode()
  costCentre?: string;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @IsMoneyCents({ sign: 'positive' })
  hourlyRate?: MoneyDto;

  @ApiPropertyOptional({ example: 'W-1002', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  managerId?: string;
}

export class TerminateEmployeeDto {
  @ApiProperty({ description: 'Last day of employment', example: '2027-03-31', format: 'date', maxLength: 10 })
  @IsCalendarDate()
  terminationDate!: string;

  @ApiPropertyOptional({
    description: 'Reason code (no free text about the person)',
    enum: ['resignation', 'retirement', 'end-of-contract', 'dismissal', 'other'],
    example: 'resignation',
  })
  @IsOptional()
  @IsIn(['resignation', 'retirement', 'end-of-contract', 'dismissal', 'other'])
  reason?: string;
}

export class EmployeeQueryDto {
  @ApiPropertyOptional({ example: 'E10042' })
  @IsOptional()
  @Matches(EMPLOYEE_NUMBER_PATTERN, { message: 'employeeNumber must be 1-20 letters or digits' })
  employeeNumber?: string;

  @ApiPropertyOptional({ example: '6200' })
  @IsOptional()
  @IsCostCentreCode()
  costCentre?: string;

  @ApiPropertyOptional({ enum: EMPLOYMENT_STATUSES })
  @IsOptional()
  @IsIn(EMPLOYMENT_STATUSES)
  status?: EmploymentStatus;
}
