import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, RequireScopes } from '@concord/platform';
import {
  BillingPayerDto,
  ChargeCodeParams,
  ChargemasterEntryDto,
  ChargemasterListDto,
  ChargemasterQuery,
  FacilityListDto,
  PayerIdParams,
  PayerListDto,
} from './dto/reference.dto';
import { BillingReferenceService } from './reference.service';

@ApiTags('billing')
@Controller('billing/v1')
export class BillingReferenceController {
  constructor(private readonly reference: BillingReferenceService) {}

  @Get('chargemaster')
  @RequireScopes('billing/Chargemaster.rs')
  @ApiOperation({
    operationId: 'listChargemaster',
    summary: 'The chargemaster: charge code → description, revenue code, CPT/HCPCS, department, price on a date',
  })
  @ApiOkResponse({ type: ChargemasterListDto })
  @ApiProblemResponses(400, 401, 403, 429, 500, 502, 503, 504)
  async chargemaster(@Query() query: ChargemasterQuery): Promise<ChargemasterListDto> {
    return { items: await this.reference.listChargemaster(query.asOf) };
  }

  @Get('chargemaster/:code')
  @RequireScopes('billing/Chargemaster.r')
  @ApiOperation({ operationId: 'getChargemasterEntry', summary: 'One chargemaster item with its price history' })
  @ApiOkResponse({ type: ChargemasterEntryDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500, 502, 503, 504)
  chargemasterEntry(@Param() params: ChargeCodeParams, @Query() query: ChargemasterQuery): Promise<ChargemasterEntryDto> {
    return this.reference.chargemasterEntry(params.code, query.asOf);
  }

  @Get('payers')
  @RequireScopes('billing/Payer.rs')
  @ApiOperation({
    operationId: 'listBillingPayers',
    summary: 'Payers and their contracts: fee schedules, DRG rates, patient share, timely filing',
  })
  @ApiOkResponse({ type: PayerListDto })
  @ApiProblemResponses(401, 403, 429, 500, 502, 503, 504)
  async payers(): Promise<PayerListDto> {
    return { items: await this.reference.listPayers() };
  }

  @Get('payers/:payerId')
  @RequireScopes('billing/Payer.r')
  @ApiOperation({ operationId: 'getBillingPayer', summary: 'One payer and its contract' })
  @ApiOkResponse({ type: BillingPayerDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500, 502, 503, 504)
  payer(@Param() params: PayerIdParams): Promise<BillingPayerDto> {
    return this.reference.payer(params.payerId);
  }

  @Get('facilities')
  @RequireScopes('billing/Facility.rs')
  @ApiOperation({ operationId: 'listBillingFacilities', summary: 'Facilities that bill: NPI, tax id, address, 837I or 837P' })
  @ApiOkResponse({ type: FacilityListDto })
  @ApiProblemResponses(401, 403, 429, 500, 502, 503, 504)
  async facilities(): Promise<FacilityListDto> {
    return { items: await this.reference.listFacilities() };
  }
}
