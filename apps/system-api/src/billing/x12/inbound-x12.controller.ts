import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { X12_CONTENT_TYPE } from '@concord/connectors/clearinghouse';
import { ApiProblemResponses, MaskPhi, PhiAccess, RequireScopes } from '@concord/platform';
import { BILLING_PHI } from '../shared/billing-phi';
import { ClearinghouseWorker } from './clearinghouse-worker';
import { CollectResultDto } from './dto/collect-result.dto';
import { InboundPageDto, InboundReceiptDto, InterchangeIdParams, ListInboundQuery } from './dto/inbound.dto';
import { InboundX12Service } from './inbound-x12.service';

@ApiTags('billing')
@Controller('billing/v1/inbound/x12')
export class InboundX12Controller {
  constructor(
    private readonly inbound: InboundX12Service,
    private readonly worker: ClearinghouseWorker,
  ) {}

  @Post()
  @HttpCode(200)
  @RequireScopes('billing/X12Interchange.c')
  @PhiAccess({ entityType: 'X12Interchange', action: 'C', subtype: 'receive' })
  @MaskPhi(BILLING_PHI)
  @ApiConsumes(X12_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', maxLength: 20 * 1024 * 1024, description: 'One or more X12 interchanges (999, 277CA, 835, 271)' } })
  @ApiOperation({
    operationId: 'receiveInboundX12',
    summary:
      'Take an inbound interchange (999, 277CA, 835, 271) and apply it by transaction set; a bad one is kept, answered with its 999 and never partly applied',
  })
  @ApiOkResponse({ type: InboundReceiptDto })
  @ApiProblemResponses(400, 401, 403, 413, 415, 422, 429, 500)
  receive(@Body() body: unknown): Promise<InboundReceiptDto> {
    return this.inbound.receiveOverRest(body);
  }

  @Get()
  @RequireScopes('billing/X12Interchange.s')
  @ApiOperation({
    operationId: 'listInboundX12',
    summary: 'Inbound interchanges, newest first, by status (applied, ignored, rejected, not-x12)',
  })
  @ApiOkResponse({ type: InboundPageDto })
  @ApiProblemResponses(400, 401, 403, 429, 500)
  list(@Query() query: ListInboundQuery): Promise<InboundPageDto> {
    return this.inbound.list(query);
  }

  @Post('collect')
  @HttpCode(200)
  @RequireScopes('billing/X12Interchange.c')
  @ApiOperation({
    operationId: 'collectClearinghouseFiles',
    summary: 'Take what the clearinghouse left in the inbound folder now (the poller does it every few seconds)',
  })
  @ApiOkResponse({ type: CollectResultDto })
  @ApiProblemResponses(401, 403, 429, 500, 503)
  collect(): Promise<CollectResultDto> {
    return this.worker.runOnce();
  }

  @Get(':id')
  @RequireScopes('billing/X12Interchange.r')
  @PhiAccess({ entityType: 'X12Interchange', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'getInboundX12', summary: 'An inbound interchange: status, every issue, the 999 and what was applied' })
  @ApiOkResponse({ type: InboundReceiptDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500)
  get(@Param() params: InterchangeIdParams): Promise<InboundReceiptDto> {
    return this.inbound.get(params.id);
  }

  @Get(':id/acknowledgement')
  @RequireScopes('billing/X12Interchange.r')
  @Header('content-type', X12_CONTENT_TYPE)
  @ApiProduces(X12_CONTENT_TYPE)
  @ApiOperation({ operationId: 'getInboundX12Acknowledgement', summary: 'The 999 (and TA1) answering an inbound interchange' })
  @ApiOkResponse({ schema: { type: 'string', maxLength: 104_857_600 }, description: 'The acknowledgement interchange' })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500)
  acknowledgement(@Param() params: InterchangeIdParams): Promise<string> {
    return this.inbound.acknowledgement(params.id);
  }
}
