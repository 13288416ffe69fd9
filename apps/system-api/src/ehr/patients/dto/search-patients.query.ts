import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate } from '@concord/contracts';

export class SearchPatientsQuery {
  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Any part of the family or given name (case-insensitive prefix match)',
    example: 'Quinn',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'Date of birth, YYYY-MM-DD', example: '1957-03-14', format: 'date', maxLength: 10 })
  @IsOptional()
  @IsCalendarDate()
  birthdate?: string;

  @ApiPropertyOptional({
    maxLength: 300,
    description: 'Identifier as `system|value`, or a bare value',
    example: 'urn:concord:health:mrn|CG-100234',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(/^([^|\s]+\|)?[^|\s]+$/, { message: 'identifier must be "system|value" or a value' })
  identifier?: string;

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
