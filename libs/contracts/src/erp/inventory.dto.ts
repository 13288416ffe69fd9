import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MoneyDto } from '../common/money.dto';
import { IsCalendarDate } from '../validation/is-calendar-date.validator';
import { IsCostCentreCode, IsErpId, IsStockQuantity } from './erp-validators';

/** Quantity of one lot held or moved. */
export class LotQuantityDto {
  @ApiProperty({ example: 'LOT-2026-114', maxLength: 40, pattern: '^[A-Za-z0-9._/-]{1,40}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9._/-]{1,40}$/, { message: 'lotNumber must be 1-40 letters, digits, ".", "_", "/" or "-"' })
  lotNumber!: string;

  @ApiProperty({ example: 12 })
  @IsStockQuantity()
  quantity!: number;

  @ApiPropertyOptional({ description: 'Expiry date of the lot (YYYY-MM-DD)', example: '2028-06-30', format: 'date', maxLength: 10 })
  @IsOptional()
  @IsCalendarDate()
  expiryDate?: string;
}

/** Stock of an item at one location, valued at its moving-average cost. */
export class InventoryBalanceDto {
  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ description: 'Storage location id', example: 'CG-MAIN-OR' })
  locationId!: string;

  @ApiProperty({ description: 'Quantity on hand in the item unit of measure (negative only if the item allows it)', example: 4 })
  onHand!: number;

  @ApiProperty({ example: 'EA' })
  unitOfMeasure!: string;

  @ApiProperty({ type: MoneyDto, description: 'Moving-average cost per unit, rounded to the cent' })
  movingAverageUnitCost!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Stock value (what the inventory account holds for this balance)' })
  value!: MoneyDto;

  @ApiProperty({ type: [String], description: 'Serial numbers on hand (serial-tracked items)', example: ['SN-KN-55010'] })
  serials!: string[];

  @ApiProperty({ type: [LotQuantityDto], description: 'Lots on hand (lot-tracked items)' })
  lots!: LotQuantityDto[];

  @ApiProperty({ description: 'Quantity on open purchase orders to this location, not yet received', example: 0 })
  onOrder!: number;

  @ApiProperty({ description: 'On hand is at or below the item reorder point', example: false })
  atOrBelowReorderPoint!: boolean;
}

/** The replenishment the ERP proposes when an issue leaves stock at or below the reorder point. */
export class ReorderSignalDto {
  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ example: 'CG-MAIN-OR' })
  locationId!: string;

  @ApiProperty({ example: 3 })
  onHand!: number;

  @ApiProperty({ example: 0 })
  onOrder!: number;

  @ApiProperty({ example: 3 })
  reorderPoint!: number;

  @ApiProperty({ example: 5 })
  reorderQuantity!: number;

  @ApiPropertyOptional({ example: 'SUP-SUMMIT' })
  preferredSupplierId?: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Last purchase price per unit, to estimate the requisition' })
  lastPurchasePrice?: MoneyDto;
}

/** Consume stock for an encounter and department at the current moving-average cost. */
export class CreateInventoryIssueDto {
  @ApiProperty({ example: 'KNEE-TOT-CR' })
  @IsErpId()
  itemId!: string;

  @ApiProperty({ example: 'CG-MAIN-OR' })
  @IsErpId()
  locationId!: string;

  @ApiProperty({ example: 1 })
  @IsStockQuantity()
  quantity!: number;

  @ApiProperty({ description: 'Department (cost centre) charged with the cost', example: '6300' })
  @IsCostCentreCode()
  costCentre!: string;

  @ApiPropertyOptional({ description: 'Encounter the stock was used for', example: 'enc-aq-tka' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  encounterId?: string;

  @ApiPropertyOptional({ description: 'Procedure the stock was used in', example: 'proc-tka-aq' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  procedureId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Serial numbers used (required for serial-tracked items)', example: ['SN-KN-55012'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(/^[A-Za-z0-9._/-]{1,40}$/, { each: true, message: 'each serial must be 1-40 letters, digits, ".", "_", "/" or "-"' })
  serials?: string[];

  @ApiPropertyOptional({
    type: [LotQuantityDto],
    description: 'Lots used; for lot-tracked items the earliest-expiring lots are taken when absent',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LotQuantityDto)
  lots?: LotQuantityDto[];
}

/** A posted stock issue and the cost it put on the department. */
export class InventoryIssueDto {
  @ApiProperty({ description: 'Issue document id in the ERP', example: 'GI-000001' })
  id!: string;

  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ example: 'CG-MAIN-OR' })
  locationId!: string;

  @ApiProperty({ example: 1 })
  quantity!: number;

  @ApiProperty({ example: 'EA' })
  unitOfMeasure!: string;

  @ApiProperty({ example: '6300' })
  costCentre!: string;

  @ApiPropertyOptional({ example: 'enc-aq-tka' })
  encounterId?: string;

  @ApiPropertyOptional({ example: 'proc-tka-aq' })
  procedureId?: string;

  @ApiProperty({ type: [String], example: ['SN-KN-55012'] })
  serials!: string[];

  @ApiProperty({ type: [LotQuantityDto] })
  lots!: LotQuantityDto[];

  @ApiProperty({ type: MoneyDto, description: 'Moving-average cost per unit at the time of issue' })
  unitCost!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Cost charged to the department (DR supplies expense, CR inventory)' })
  totalCost!: MoneyDto;

  @ApiPropertyOptional({ description: 'Journal entry that carried the cost (absent when the stock had no value)', example: 'JE-000001' })
  journalEntryId?: string;

  @ApiProperty({ description: 'On hand at the location after the issue', example: 3 })
  onHandAfter!: number;

  @ApiPropertyOptional({ type: ReorderSignalDto, description: 'Present when the issue left stock at or below the reorder point' })
  reorder?: ReorderSignalDto;

  @ApiProperty({ description: 'When the issue was posted (ISO 8601)', example: '2026-11-02T13:40:00.000Z' })
  issuedAt!: string;
}
