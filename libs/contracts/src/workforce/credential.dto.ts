import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../validation/is-calendar-date.validator';

export const CREDENTIAL_TYPES = [
  'rn-licence',
  'lpn-licence',
  'physician-licence',
  'dea-registration',
  'bls-certification',
  'acls-certification',
] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** A licence or certification an employee holds. */
export class CredentialDto {
  @ApiProperty({ example: 'LIC-2001' })
  id!: string;

  @ApiProperty({ description: 'Employee id in the HR system', example: 'W-1004' })
  employeeId!: string;

  @ApiProperty({ enum: CREDENTIAL_TYPES, example: 'rn-licence' })
  type!: CredentialType;

  @ApiProperty({ example: 'RN-0456123' })
  licenceNumber!: string;

  @ApiProperty({ description: 'Issuing authority', example: 'New Hampshire Board of Nursing' })
  issuer!: string;

  @ApiPropertyOptional({ example: '2024-12-15' })
  issuedOn?: string;

  @ApiProperty({ example: '2026-12-14' })
  expiresOn!: string;
}

export class CredentialQueryDto {
  @ApiPropertyOptional({ example: 'W-1004', maxLength: 40 })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  employeeId?: string;

  @ApiPropertyOptional({ description: 'Only credentials expiring within this many days from asOf (already expired included)', example: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  expiringWithinDays?: number;

  @ApiPropertyOptional({
    description: 'Reference date for expiringWithinDays; today when absent',
    example: '2026-11-24',
    format: 'date',
    maxLength: 10,
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: CREDENTIAL_TYPES })
  @IsOptional()
  @IsIn(CREDENTIAL_TYPES)
  type?: CredentialType;
}
