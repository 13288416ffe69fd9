import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const SOURCE_SYSTEMS = ['ehr', 'billing', 'erp', 'workforce'] as const;
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];

/** Where a canonical record came from, and which version of it. */
export class SourceMetaDto {
  @ApiProperty({ enum: SOURCE_SYSTEMS, description: 'Core system of record', example: 'ehr' })
  system!: SourceSystem;

  @ApiProperty({ description: 'Identifier of the record in the core system', example: 'avery-quinn' })
  recordId!: string;

  @ApiPropertyOptional({ description: 'Version of the record in the core system', example: '1' })
  versionId?: string;

  @ApiPropertyOptional({ description: 'When the core system last changed the record (ISO 8601)', example: '2026-11-02T08:30:00.000Z' })
  lastUpdated?: string;
}
