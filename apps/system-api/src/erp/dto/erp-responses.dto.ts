import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InventoryBalanceDto, ItemDto, JournalEntryDto, PurchaseOrderDto, SupplierDto } from '@concord/contracts';
import { CLINICAL_ITEM_SYSTEMS, type ClinicalItemSystem } from './erp-requests.dto';

const NEXT = { description: 'Pass as `cursor` for the next page; absent on the last page' };

export class SupplierPageDto {
  @ApiProperty({ type: [SupplierDto] })
  items!: SupplierDto[];

  @ApiPropertyOptional(NEXT)
  nextCursor?: string;
}

export class ItemPageDto {
  @ApiProperty({ type: [ItemDto] })
  items!: ItemDto[];

  @ApiPropertyOptional(NEXT)
  nextCursor?: string;
}

export class InventoryBalancePageDto {
  @ApiProperty({ type: [InventoryBalanceDto] })
  items!: InventoryBalanceDto[];

  @ApiPropertyOptional(NEXT)
  nextCursor?: string;
}

export class PurchaseOrderPageDto {
  @ApiProperty({ type: [PurchaseOrderDto] })
  items!: PurchaseOrderDto[];

  @ApiPropertyOptional(NEXT)
  nextCursor?: string;
}

export class JournalEntryPageDto {
  @ApiProperty({ type: [JournalEntryDto] })
  items!: JournalEntryDto[];

  @ApiPropertyOptional(NEXT)
  nextCursor?: string;
}

/** A clinical supply id used in an issue that no ERP item answers to (yet). */
export class UnknownClinicalItemDto {
  @ApiProperty({ enum: CLINICAL_ITEM_SYSTEMS })
  system!: ClinicalItemSystem;

  @ApiProperty({ example: 'KNEE-TOT-PS' })
  value!: string;

  @ApiProperty({ description: 'Times an issue named it', example: 2 })
  occurrences!: number;

  @ApiProperty({ example: '2026-11-02T13:40:00.000Z' })
  firstSeenAt!: string;

  @ApiProperty({ example: '2026-11-03T09:12:00.000Z' })
  lastSeenAt!: string;

  @ApiPropertyOptional({ description: 'Department of the last issue that named it', example: '6300' })
  lastDepartment?: string;
}

export class UnknownClinicalItemListDto {
  @ApiProperty({ type: [UnknownClinicalItemDto] })
  items!: UnknownClinicalItemDto[];
}

/** The clinical ids the cross-reference links to an ERP item. */
export class ItemIdentifiersDto {
  @ApiProperty({ example: 'KNEE-TOT-CR' })
  itemId!: string;

  @ApiProperty({ type: [String], description: '`system|value` of every identifier linked to the item', example: ['erp:item|KNEE-TOT-CR'] })
  identifiers!: string[];
}
