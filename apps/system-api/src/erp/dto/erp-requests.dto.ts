import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CHARGE_CATEGORIES,
  type ChargeCategory,
  CodeSystem,
  COST_CENTRE_CODE_PATTERN,
  ERP_ID_PATTERN,
  IsCostCentreCode,
  IsErpId,
  IsStockQuantity,
  LotQuantityDto,
  PURCHASE_ORDER_STATUSES,
  type PurchaseOrderStatus,
  SOURCE_DOCUMENT_TYPES,
  type SourceDocumentType,
} from '@concord/contracts';
import { PageQuery } from './list-page';

/** Namespace of the EHR's supply item codes (KNEE-TOT-CR as the EHR's procedure record names it). */
export const EHR_SUPPLY_ITEM_SYSTEM = 'urn:concord:ehr:supply-item';
/** Namespace of ERP item ids in the cross-reference. */
export const ERP_ITEM_SYSTEM = 'erp:item';
/** The identifier systems a clinical supply may be named by. */
export const CLINICAL_ITEM_SYSTEMS = [EHR_SUPPLY_ITEM_SYSTEM, CodeSystem.GTIN] as const;
export type ClinicalItemSystem = (typeof CLINICAL_ITEM_SYSTEMS)[number];

const ERP_ID = { pattern: ERP_ID_PATTERN.source, maxLength: 40 };
const COST_CENTRE = { pattern: COST_CENTRE_CODE_PATTERN.source, maxLength: 10 };
const SERIAL = /^[A-Za-z0-9._/-]{1,40}$/;
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ErpIdParams {
  @ApiProperty({ description: 'Id of the record in the ERP', example: 'PO-000001', ...ERP_ID })
  @IsErpId()
  id!: string;
}

export class CostCentreCodeParams {
  @ApiProperty({
    description: 'Cost centre code as given (a malformed one is answered, not refused)',
    example: '6300',
    maxLength: 40,
    pattern: '^[^/]{1,40}$',
  })
  @IsString()
  @MaxLength(40)
  @Matches(/^[^/]{1,40}$/)
  code!: string;
}

export class MasterDataListQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'Only records the ERP changed after this instant (ISO 8601)',
    example: '2026-11-01T00:00:00.000Z',
    format: 'date-time',
    maxLength: 40,
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  changedSince?: string;
}

export class InventoryListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'KNEE-TOT-CR', ...ERP_ID })
  @IsOptional()
  @IsErpId()
  itemId?: string;

  @ApiPropertyOptional({ description: 'Storage location', example: 'CG-MAIN-OR', ...ERP_ID })
  @IsOptional()
  @IsErpId()
  locationId?: string;
}

export class PurchaseOrderListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PURCHASE_ORDER_STATUSES })
  @IsOptional()
  @IsIn(PURCHASE_ORDER_STATUSES)
  status?: PurchaseOrderStatus;

  @ApiPropertyOptional({ example: 'SUP-SUMMIT', ...ERP_ID })
  @IsOptional()
  @IsErpId()
  supplierId?: string;
}

export class JournalListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SOURCE_DOCUMENT_TYPES, description: 'Type of the business document the journals record' })
  @IsOptional()
  @IsIn(SOURCE_DOCUMENT_TYPES)
  sourceType?: SourceDocumentType;

  @ApiPropertyOptional({ description: 'Id of that document in its own system', example: 'CLM-1001', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[\x21-\x7e]{1,64}$/, { message: 'sourceId must be 1-64 visible ASCII characters' })
  sourceId?: string;
}

export class GlMappingListQuery {
  @ApiPropertyOptional({ example: '6300', ...COST_CENTRE })
  @IsOptional()
  @IsCostCentreCode()
  departmentCode?: string;

  @ApiPropertyOptional({ enum: CHARGE_CATEGORIES })
  @IsOptional()
  @IsIn(CHARGE_CATEGORIES)
  chargeCategory?: ChargeCategory;
}

export class TrialBalanceQuery {
  @ApiPropertyOptional({ description: 'Split each account by cost centre', type: Boolean, example: true })
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'byCostCentre must be true or false' })
  byCostCentre?: boolean;

  @ApiPropertyOptional({ description: 'Only the lines of this department (implies byCostCentre)', example: '6300', ...COST_CENTRE })
  @IsOptional()
  @IsCostCentreCode()
  costCentre?: string;
}

/** A clinical supply id: the EHR's item code or the GTIN on the package. */
export class ClinicalItemIdentifierDto {
  @ApiProperty({ enum: CLINICAL_ITEM_SYSTEMS, description: 'EHR supply item codes, or GS1 GTINs', example: EHR_SUPPLY_ITEM_SYSTEM })
  @IsIn(CLINICAL_ITEM_SYSTEMS)
  system!: ClinicalItemSystem;

  @ApiProperty({ example: 'KNEE-TOT-CR', maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, { message: 'value must be 1-64 letters, digits, ".", "_", "/" or "-"' })
  value!: string;
}

/** Consume stock for an encounter and a department, named by ERP item id or by the clinical supply id. */
export class IssueStockRequestDto {
  @ApiPropertyOptional({ description: 'ERP item id; give this or clinicalItem', example: 'KNEE-TOT-CR', ...ERP_ID })
  @ValidateIf((request: IssueStockRequestDto) => request.clinicalItem === undefined || request.itemId !== undefined)
  @IsErpId()
  itemId?: string;

  @ApiPropertyOptional({
    type: ClinicalItemIdentifierDto,
    description: 'The supply as the EHR recorded it; resolved through the cross-reference',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ClinicalItemIdentifierDto)
  clinicalItem?: ClinicalItemIdentifierDto;

  @ApiProperty({ description: 'Storage location the stock leaves', example: 'CG-MAIN-OR', ...ERP_ID })
  @IsErpId()
  locationId!: string;

  @ApiProperty({ example: 1, minimum: 0.001, maximum: 999_999_999 })
  @IsStockQuantity()
  quantity!: number;

  @ApiProperty({ description: 'Department (cost centre) charged with the cost', example: '6300', ...COST_CENTRE })
  @IsCostCentreCode()
  costCentre!: string;

  @ApiProperty({ description: 'Encounter the stock was used for', example: 'enc-aq-tka', maxLength: 40 })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { message: 'encounterId must be 1-40 letters, digits, ".", "_" or "-"' })
  encounterId!: string;

  @ApiPropertyOptional({ description: 'Procedure the stock was used in', example: 'proc-tka-aq', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'procedureId must be 1-64 letters, digits, ".", "_" or "-"' })
  procedureId?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Serial numbers used (one per unit of a serial-tracked item)',
    maxItems: 1000,
    items: { type: 'string', maxLength: 40 },
    example: ['SN-KN-55010'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(SERIAL, { each: true, message: 'each serial must be 1-40 letters, digits, ".", "_", "/" or "-"' })
  serials?: string[];

  @ApiPropertyOptional({ type: [LotQuantityDto], description: 'Lots used (lot-tracked items)', maxItems: 100 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LotQuantityDto)
  lots?: LotQuantityDto[];
}

export class ApproverRequestDto {
  @ApiProperty({ description: 'Who decides (user or employee number)', example: 'E10002', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(/^[\x21-\x7e]{1,64}$/, { message: 'approver must be 1-64 visible ASCII characters' })
  approver!: string;

  @ApiPropertyOptional({ example: 'Replenish after TKA', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}
