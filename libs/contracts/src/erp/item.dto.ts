import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto } from '../common/money.dto';
import { SourceMetaDto } from '../common/source-meta.dto';

/** A stocked item in the ERP's item (material) master: supplies, implants, drugs. */
export class ItemDto {
  @ApiProperty({ description: 'Item number in the ERP', example: 'KNEE-TOT-CR' })
  id!: string;

  @ApiProperty({ example: 'Total knee system, cruciate-retaining' })
  description!: string;

  @ApiProperty({ description: 'Base unit of measure (EA each, BX box)', example: 'EA' })
  unitOfMeasure!: string;

  @ApiPropertyOptional({ description: 'GS1 GTIN (14 digits; the UDI device identifier for implants)', example: '00812345678901' })
  gtin?: string;

  @ApiPropertyOptional({ description: 'UNSPSC commodity code (8 digits)', example: '42132203' })
  unspsc?: string;

  @ApiPropertyOptional({ description: 'HCPCS code under which the item is billable (implants, devices)', example: 'C1776' })
  billableHcpcs?: string;

  @ApiPropertyOptional({ description: 'Chargemaster code billing uses for the item', example: 'IMP-KNEE' })
  chargeCode?: string;

  @ApiProperty({ description: 'Each unit carries a serial number that must be named on receipt and issue', example: true })
  serialTracked!: boolean;

  @ApiProperty({ description: 'Stock is held in lots that must be named on receipt', example: false })
  lotTracked!: boolean;

  @ApiPropertyOptional({ description: 'On-hand quantity at or below which replenishment is due', example: 3 })
  reorderPoint?: number;

  @ApiPropertyOptional({ description: 'Quantity to order when the reorder point is reached', example: 5 })
  reorderQuantity?: number;

  @ApiProperty({ description: 'Issues may take stock below zero (items received after use, e.g. consignment)', example: false })
  allowNegativeStock!: boolean;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Last purchase price per unit' })
  lastPurchasePrice?: MoneyDto;

  @ApiPropertyOptional({ description: 'Preferred supplier id', example: 'SUP-SUMMIT' })
  preferredSupplierId?: string;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
