import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, IdempotencyKeyRequired, MaskPhi, PhiAccess, RequireScopes } from '@concord/platform';
import { BILLING_PHI } from '../shared/billing-phi';
import {
  ClaimPaymentIdParams,
  ClaimPaymentListDto,
  ClaimPaymentViewDto,
  ListRemittancesQuery,
  MatchClaimPaymentDto,
  RemittanceIdParams,
  RemittancePageDto,
  RemittanceViewDto,
} from './dto/remittance.dto';
import { RemittanceService } from './remittance.service';

@ApiTags('billing')
@Controller('billing/v1/remittances')
export class RemittancesController {
  constructor(private readonly remittances: RemittanceService) {}

  @Get()
  @RequireScopes('billing/Remittance.s')
  @PhiAccess({ entityType: 'Remittance', action: 'E', subtype: 'search' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({
    operationId: 'listRemittances',
    summary: 'Remittances (835s) received, newest first, with each claim payment and its posting',
  })
  @ApiOkResponse({ type: RemittancePageDto })
  @ApiProblemResponses(400, 401, 403, 429, 500)
  list(@Query() query: ListRemittancesQuery): Promise<RemittancePageDto> {
    return this.remittances.list(query.cursor, query.limit);
  }

  @Get('unmatched')
  @RequireScopes('billing/Remittance.s')
  @PhiAccess({ entityType: 'Remittance', action: 'E', subtype: 'unmatched' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'listUnmatchedClaimPayments', summary: 'Claim payments no claim was found for (by CLP01): the work list' })
  @ApiOkResponse({ type: ClaimPaymentListDto })
  @ApiProblemResponses(401, 403, 429, 500)
  async unmatched(): Promise<ClaimPaymentListDto> {
    return { items: await this.remittances.unmatched() };
  }

  @Get(':id')
  @RequireScopes('billing/Remittance.r')
  @PhiAccess({ entityType: 'Remittance', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'getRemittance', summary: 'A remittance with its claim payments, matches and postings' })
  @ApiOkResponse({ type: RemittanceViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500)
  get(@Param() params: RemittanceIdParams): Promise<RemittanceViewDto> {
    return this.remittances.get(params.id);
  }

  @Post(':id/post')
  @HttpCode(200)
  @RequireScopes('billing/Remittance.u')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Remittance', action: 'U', subtype: 'post', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({
    operationId: 'retryRemittancePostings',
    summary: 'Post again the claim payments of a remittance that are pending or failed',
  })
  @ApiOkResponse({ type: RemittanceViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500)
  retry(@Param() params: RemittanceIdParams): Promise<RemittanceViewDto> {
    return this.remittances.retry(params.id);
  }

  @Post('claim-payments/:id/match')
  @HttpCode(200)
  @RequireScopes('billing/Remittance.u')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Remittance', action: 'U', subtype: 'match', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'matchClaimPayment', summary: 'Match an unmatched claim payment to its claim; it is then posted' })
  @ApiOkResponse({ type: ClaimPaymentViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429, 500)
  match(@Param() params: ClaimPaymentIdParams, @Body() body: MatchClaimPaymentDto): Promise<ClaimPaymentViewDto> {
    return this.remittances.match(params.id, body.claimId);
  }
}
