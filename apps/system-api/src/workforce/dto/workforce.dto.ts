import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import {
  COST_CENTRE_CODE_PATTERN,
  CredentialDto,
  EMPLOYEE_NUMBER_PATTERN,
  EmployeeDto,
  EMPLOYMENT_STATUSES,
  type EmploymentStatus,
  IsCostCentreCode,
  IsCalendarDate,
} from '@concord/contracts';
import { PageQuery } from '../../erp/dto/list-page';

const EMPLOYEE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export class EmployeeIdParams {
  @ApiProperty({ description: 'Employee id in the HR system', example: 'W-1042', maxLength: 64, pattern: EMPLOYEE_ID.source })
  @IsString()
  @Matches(EMPLOYEE_ID, { message: 'id must be 1-64 letters, digits, ".", "_" or "-"' })
  id!: string;
}

export class EmployeeNumberParams {
  @ApiProperty({ example: 'E10042', maxLength: 20, pattern: EMPLOYEE_NUMBER_PATTERN.source })
  @Matches(EMPLOYEE_NUMBER_PATTERN, { message: 'employeeNumber must be 1-20 letters or digits' })
  employeeNumber!: string;
}

export class EmployeeListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'E10042', maxLength: 20, pattern: EMPLOYEE_NUMBER_PATTERN.source })
  @IsOptional()
  @Matches(EMPLOYEE_NUMBER_PATTERN, { message: 'employeeNumber must be 1-20 letters or digits' })
  employeeNumber?: string;

  @ApiPropertyOptional({ example: '6200', maxLength: 10, pattern: COST_CENTRE_CODE_PATTERN.source })
  @IsOptional()
  @IsCostCentreCode()
  costCentre?: string;

  @ApiPropertyOptional({ enum: EMPLOYMENT_STATUSES })
  @IsOptional()
  @IsIn(EMPLOYMENT_STATUSES)
  status?: EmploymentStatus;
}

export class EmployeePageDto {
  @ApiProperty({ type: [EmployeeDto] })
  items!: EmployeeDto[];

  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last page' })
  nextCursor?: string;
}

export class CredentialListDto {
  @ApiProperty({ type: [CredentialDto] })
  items!: CredentialDto[];
}

export class CredentialCheckRequestDto {
  @ApiPropertyOptional({
    description: 'Day to check as of (YYYY-MM-DD); today when absent',
    example: '2026-11-02',
    maxLength: 10,
    format: 'date',
  })
  @IsOptional()
  @IsCalendarDate()
  @MaxLength(10)
  asOf?: string;
}

export class CredentialCheckResultDto {
  @ApiProperty({ example: '2026-11-02' })
  checkedOn!: string;

  @ApiProperty({ type: 'integer', format: 'int32', minimum: 1, maximum: 365, description: 'Days ahead the check looked', example: 30 })
  withinDays!: number;

  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 1_000_000,
    description: 'Credentials expiring within that window (expired ones included)',
    example: 1,
  })
  expiring!: number;
}
