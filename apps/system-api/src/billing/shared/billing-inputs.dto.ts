import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CLAIM_DIAGNOSIS_ROLES, type ClaimDiagnosisRole, CodeSystem, IsCalendarDate, IsNpi, Phi } from '@concord/contracts';

/**
 * Request shapes of the billing API for the canonical parts a caller sends (names, addresses,
 * providers, diagnoses, procedures): the canonical fields, each bounded in the contract as the
 * validators bound it.
 */

export class NameInputDto {
  @ApiProperty({ description: 'Last name', example: 'Quinn', maxLength: 60 })
  @IsString()
  @MaxLength(60)
  family!: string;

  @ApiProperty({
    description: 'First name, then middle names',
    type: 'array',
    items: { type: 'string', maxLength: 35 },
    maxItems: 3,
    example: ['Avery'],
  })
  @IsArray()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @MaxLength(35, { each: true })
  given!: string[];
}

export class AddressInputDto {
  @ApiProperty({
    description: 'One or two street lines',
    type: 'array',
    items: { type: 'string', maxLength: 55 },
    minItems: 1,
    maxItems: 2,
    example: ['12 Harbour Lane'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @MaxLength(55, { each: true })
  line!: string[];

  @ApiProperty({ example: 'Concord', maxLength: 30 })
  @IsString()
  @MaxLength(30)
  city!: string;

  @ApiProperty({ description: 'US state or territory code', example: 'NH', pattern: '^[A-Z]{2}$', maxLength: 2 })
  @Matches(/^[A-Z]{2}$/)
  state!: string;

  @ApiProperty({ description: 'ZIP code, 5 or 9 digits without hyphen', example: '03301', pattern: '^[0-9]{5}([0-9]{4})?$', maxLength: 9 })
  @Matches(/^\d{5}(\d{4})?$/)
  postalCode!: string;
}

export class ProviderInputDto {
  @ApiProperty({ description: 'Organisation name, or the practitioner family name', example: 'Park', maxLength: 60 })
  @IsString()
  @MaxLength(60)
  name!: string;

  @ApiPropertyOptional({ description: 'First name when the provider is a person', example: 'Ellis', maxLength: 35 })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  firstName?: string;

  @ApiProperty({ description: 'NPI (check digit verified)', example: '1245319599', pattern: '^[0-9]{10}$', maxLength: 10 })
  @IsNpi()
  npi!: string;

  @ApiPropertyOptional({
    description: 'Health care provider taxonomy code',
    example: '207X00000X',
    pattern: '^[0-9A-Z]{9}X$',
    maxLength: 10,
  })
  @IsOptional()
  @Matches(/^[0-9A-Z]{9}X$/)
  taxonomy?: string;
}

export class CodeInputDto {
  @ApiProperty({ description: 'Code system URI', example: CodeSystem.ICD10_CM, maxLength: 255 })
  @IsString()
  @MaxLength(255)
  system!: string;

  @ApiProperty({ description: 'Code within the system', example: 'M17.12', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  code!: string;

  @ApiPropertyOptional({ example: 'Unilateral primary osteoarthritis, left knee', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  display?: string;
}

export class DiagnosisInputDto {
  @ApiProperty({ type: CodeInputDto, description: 'ICD-10-CM code, with its dot' })
  @ValidateNested()
  @Type(() => CodeInputDto)
  @Phi()
  code!: CodeInputDto;

  @ApiProperty({ enum: CLAIM_DIAGNOSIS_ROLES, example: 'principal' })
  @IsIn(CLAIM_DIAGNOSIS_ROLES)
  role!: ClaimDiagnosisRole;

  @ApiPropertyOptional({ description: 'Present on admission (Y, N, U, W, 1)', enum: ['Y', 'N', 'U', 'W', '1'], example: 'Y' })
  @IsOptional()
  @IsIn(['Y', 'N', 'U', 'W', '1'])
  presentOnAdmission?: string;
}

export class ProcedureInputDto {
  @ApiProperty({ type: CodeInputDto, description: 'ICD-10-PCS code' })
  @ValidateNested()
  @Type(() => CodeInputDto)
  @Phi()
  code!: CodeInputDto;

  @ApiProperty({ enum: ['principal', 'other'], example: 'principal' })
  @IsIn(['principal', 'other'])
  role!: 'principal' | 'other';

  @ApiProperty({ example: '2026-11-02', format: 'date', maxLength: 10 })
  @IsCalendarDate()
  date!: string;
}
