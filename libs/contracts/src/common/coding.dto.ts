import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** A code from a code system, as `{ system, code, display? }` (like a FHIR Coding). */
export class CodingDto {
  @ApiProperty({ description: 'Code system URI', example: 'http://hl7.org/fhir/sid/icd-10-cm' })
  @IsString()
  @MaxLength(255)
  system!: string;

  @ApiProperty({ description: 'Code within the system', example: 'M17.12' })
  @IsString()
  @MaxLength(64)
  code!: string;

  @ApiPropertyOptional({ description: 'Human-readable meaning', example: 'Unilateral primary osteoarthritis, left knee' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  display?: string;
}

/** A period with an inclusive start and an optional end, as ISO 8601 date-times. */
export class PeriodDto {
  @ApiPropertyOptional({ description: 'Start (ISO 8601)', example: '2026-11-02T08:30:00.000Z' })
  start?: string;

  @ApiPropertyOptional({ description: 'End (ISO 8601); absent while ongoing', example: '2026-11-04T11:00:00.000Z' })
  end?: string;
}
