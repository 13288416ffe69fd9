import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ChargeDto, EncounterDto, ENCOUNTER_STATUSES, IsResourceId, RESOURCE_ID_PATTERN } from '@concord/contracts';

export class EncounterIdParams {
  @ApiProperty({
    description: 'Encounter id at the EHR (FHIR logical id)',
    example: 'enc-aq-tka',
    pattern: RESOURCE_ID_PATTERN.source,
    maxLength: 64,
  })
  @IsResourceId()
  id!: string;
}

abstract class PagedQuery {
  @ApiPropertyOptional({ description: 'Page size', minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Opaque cursor from a previous page’s `nextCursor`; replaces the other parameters' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;
}

export class SearchEncountersQuery extends PagedQuery {
  @ApiPropertyOptional({ description: 'Patient id at the EHR', example: 'avery-quinn', pattern: RESOURCE_ID_PATTERN.source, maxLength: 64 })
  @IsOptional()
  @IsResourceId()
  patient?: string;

  @ApiPropertyOptional({ enum: ENCOUNTER_STATUSES, example: 'finished' })
  @IsOptional()
  @IsIn(ENCOUNTER_STATUSES)
  status?: string;

  @ApiPropertyOptional({
    description: 'FHIR date search on the period, with an optional prefix (eq, ge, le, gt, lt)',
    example: 'ge2026-11-01',
    maxLength: 12,
  })
  @IsOptional()
  @Matches(/^(eq|ne|ge|le|gt|lt)?\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD with an optional prefix eq, ge, le, gt or lt' })
  date?: string;
}

export class SearchChargesQuery extends PagedQuery {
  @ApiPropertyOptional({ description: 'Patient id at the EHR', example: 'avery-quinn', pattern: RESOURCE_ID_PATTERN.source, maxLength: 64 })
  @IsOptional()
  @IsResourceId()
  patient?: string;

  @ApiPropertyOptional({
    description: 'Encounter id at the EHR',
    example: 'enc-aq-tka',
    pattern: RESOURCE_ID_PATTERN.source,
    maxLength: 64,
  })
  @IsOptional()
  @IsResourceId()
  encounter?: string;
}

export class EncounterPageDto {
  @ApiProperty({ type: [EncounterDto] })
  items!: EncounterDto[];

  @ApiPropertyOptional({ description: 'Total matches, when the EHR counted them' })
  total?: number;

  @ApiPropertyOptional({ description: 'Cursor of the next page' })
  nextCursor?: string;
}

export class ChargePageDto {
  @ApiProperty({ type: [ChargeDto] })
  items!: ChargeDto[];

  @ApiPropertyOptional({ description: 'Total matches, when the EHR counted them' })
  total?: number;

  @ApiPropertyOptional({ description: 'Cursor of the next page' })
  nextCursor?: string;
}
