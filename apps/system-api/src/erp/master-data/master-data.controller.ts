import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CostCentreDto, CostCentreValidationDto, ItemDto, SupplierDto } from '@concord/contracts';
import { ApiProblemResponses, RequireScopes } from '@concord/platform';
import { ClinicalItemIdentifierDto, CostCentreCodeParams, ErpIdParams, MasterDataListQuery } from '../dto/erp-requests.dto';
import { ItemIdentifiersDto, ItemPageDto, SupplierPageDto, UnknownClinicalItemListDto } from '../dto/erp-responses.dto';
import { ClinicalItems } from './clinical-items.service';
import { MasterDataService } from './master-data.service';
import { MasterDataSync, MasterDataSyncResultDto } from './master-data-sync.service';

@ApiTags('erp')
@Controller('erp/v1/suppliers')
export class SuppliersController {
  constructor(private readonly masterData: MasterDataService) {}

  @Get()
  @RequireScopes('erp/Supplier.s')
  @ApiOperation({
    operationId: 'listErpSuppliers',
    summary: 'Suppliers of the ERP supplier master (optionally only those changed since an instant)',
  })
  @ApiOkResponse({ type: SupplierPageDto })
  @ApiProblemResponses(400, 401, 403, 429, 502, 503, 504)
  list(@Query() query: MasterDataListQuery): Promise<SupplierPageDto> {
    return this.masterData.listSuppliers(query);
  }

  @Get(':id')
  @RequireScopes('erp/Supplier.r')
  @ApiOperation({ operationId: 'getErpSupplier', summary: 'One supplier' })
  @ApiOkResponse({ type: SupplierDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: ErpIdParams): Promise<SupplierDto> {
    return this.masterData.getSupplier(params.id);
  }
}

@ApiTags('erp')
@Controller('erp/v1/items')
export class ItemsController {
  constructor(
    private readonly masterData: MasterDataService,
    private readonly clinicalItems: ClinicalItems,
  ) {}

  @Get()
  @RequireScopes('erp/Item.s')
  @ApiOperation({ operationId: 'listErpItems', summary: 'Items of the ERP item master (GTIN, UNSPSC, billable HCPCS, reorder data)' })
  @ApiOkResponse({ type: ItemPageDto })
  @ApiProblemResponses(400, 401, 403, 429, 502, 503, 504)
  list(@Query() query: MasterDataListQuery): Promise<ItemPageDto> {
    return this.masterData.listItems(query);
  }

  @Get('unknown-clinical')
  @RequireScopes('erp/Item.s')
  @ApiOperation({
    operationId: 'listUnknownClinicalItems',
    summary: 'Supplies used clinically (EHR item codes, GTINs named by stock issues) that no ERP item answers to',
  })
  @ApiOkResponse({ type: UnknownClinicalItemListDto })
  @ApiProblemResponses(401, 403, 429)
  async unknownClinical(): Promise<UnknownClinicalItemListDto> {
    return { items: await this.clinicalItems.listUnknown() };
  }

  @Get('by-clinical-id')
  @RequireScopes('erp/Item.r')
  @ApiOperation({
    operationId: 'findErpItemByClinicalId',
    summary: 'The ERP item an EHR supply item code or a GTIN names (through the cross-reference), with its tracking and billing',
  })
  @ApiOkResponse({ type: ItemDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  byClinicalId(@Query() query: ClinicalItemIdentifierDto): Promise<ItemDto> {
    return this.clinicalItems.item(query);
  }

  @Get(':id')
  @RequireScopes('erp/Item.r')
  @ApiOperation({ operationId: 'getErpItem', summary: 'One item' })
  @ApiOkResponse({ type: ItemDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: ErpIdParams): Promise<ItemDto> {
    return this.masterData.getItem(params.id);
  }

  @Post(':id/clinical-identifiers')
  @RequireScopes('erp/Item.u')
  @ApiOperation({
    operationId: 'linkClinicalItemIdentifier',
    summary: 'Link a clinical supply id (EHR item code or GTIN) to this ERP item',
  })
  @ApiCreatedResponse({ type: ItemIdentifiersDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429, 502, 503, 504)
  link(@Param() params: ErpIdParams, @Body() body: ClinicalItemIdentifierDto): Promise<ItemIdentifiersDto> {
    return this.clinicalItems.link(params.id, body);
  }
}

@ApiTags('erp')
@Controller('erp/v1/cost-centres')
export class CostCentresController {
  constructor(private readonly masterData: MasterDataService) {}

  @Get()
  @RequireScopes('erp/CostCentre.s')
  @ApiOperation({ operationId: 'listCostCentres', summary: 'Departments as cost centres' })
  @ApiOkResponse({ type: [CostCentreDto] })
  @ApiProblemResponses(401, 403, 429, 502, 503, 504)
  list(): Promise<CostCentreDto[]> {
    return this.masterData.listCostCentres();
  }

  @Get(':code/validation')
  @RequireScopes('erp/CostCentre.r')
  @ApiOperation({
    operationId: 'validateCostCentre',
    summary: 'Whether postings to a cost centre are accepted, and why not (malformed, unknown, inactive)',
  })
  @ApiOkResponse({ type: CostCentreValidationDto })
  @ApiProblemResponses(400, 401, 403, 429, 502, 503, 504)
  validate(@Param() params: CostCentreCodeParams): Promise<CostCentreValidationDto> {
    return this.masterData.validateCostCentre(params.code);
  }
}

@ApiTags('erp')
@Controller('erp/v1/master-data')
export class MasterDataSyncController {
  constructor(private readonly sync: MasterDataSync) {}

  @Post('sync')
  @HttpCode(200)
  @RequireScopes('erp/MasterDataSync.c')
  @ApiOperation({
    operationId: 'syncErpMasterData',
    summary: 'Poll item and supplier changes now (as the scheduled sync does): each change is announced as an event',
  })
  @ApiOkResponse({ type: MasterDataSyncResultDto })
  @ApiProblemResponses(401, 403, 429, 502, 503, 504)
  syncNow(): Promise<MasterDataSyncResultDto> {
    return this.sync.syncNow();
  }
}
