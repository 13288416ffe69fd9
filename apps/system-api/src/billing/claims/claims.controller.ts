import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, IdempotencyKeyRequired, MaskPhi, PhiAccess, RequireScopes } from '@concord/platform';
import { X12_CONTENT_TYPE } from '@concord/connectors/clearinghouse';
import { BILLING_PHI } from '../shared/billing-phi';
import { ClaimService } from './claim.service';
import { ClaimIdParams, ClaimPageDto, ClaimViewDto, CreateClaimDto, ListClaimsQuery } from './dto/claim.dto';
import { RevalidateClaimDto } from './dto/revalidate-claim.dto';

@ApiTags('billing')
@Controller('billing/v1/claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimService) {}

  @Post()
  @RequireScopes('billing/Claim.c')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Claim', action: 'C', subtype: 'create' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({
    operationId: 'createClaim',
    summary:
      'Build a claim from an account and validate it against the payer rules (422 lists every failed edit); replacesClaimId makes a corrected claim',
  })
  @ApiCreatedResponse({ type: ClaimViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504)
  create(@Body() body: CreateClaimDto): Promise<ClaimViewDto> {
    return this.claims.create(body);
  }

  @Get()
  @RequireScopes('billing/Claim.s')
  @PhiAccess({ entityType: 'Claim', action: 'E', subtype: 'search' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'listClaims', summary: 'Claims by account, patients or status, with their status history' })
  @ApiOkResponse({ type: ClaimPageDto })
  @ApiProblemResponses(400, 401, 403, 429, 500)
  list(@Query() query: ListClaimsQuery): Promise<ClaimPageDto> {
    return this.claims.list(query);
  }

  @Get(':id')
  @RequireScopes('billing/Claim.r')
  @PhiAccess({ entityType: 'Claim', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'getClaim', summary: 'A claim with its status history, expected reimbursement and payments' })
  @ApiOkResponse({ type: ClaimViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500)
  get(@Param() params: ClaimIdParams): Promise<ClaimViewDto> {
    return this.claims.get(params.id);
  }

  @Get(':id/x12')
  // The 837 carries the patient's name, birth date and diagnoses in clear: it cannot be masked, so it needs the PHI scope.
  @RequireScopes('billing/Claim.r', 'phi/Patient.r')
  @PhiAccess({ entityType: 'Claim', action: 'R', subtype: 'x12', idParameter: 'id' })
  @Header('content-type', X12_CONTENT_TYPE)
  @ApiProduces(X12_CONTENT_TYPE)
  @ApiOperation({ operationId: 'getClaimX12', summary: 'The 837P or 837I interchange that carried the claim' })
  @ApiOkResponse({ schema: { type: 'string', maxLength: 104_857_600 }, description: 'The X12 interchange' })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429, 500)
  x12(@Param() params: ClaimIdParams): Promise<string> {
    return this.claims.x12(params.id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequireScopes('billing/Claim.u')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Claim', action: 'U', subtype: 'submit', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'submitClaim', summary: 'Send a validated claim to the clearinghouse as an 837P/837I' })
  @ApiOkResponse({ type: ClaimViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429, 500)
  submit(@Param() params: ClaimIdParams): Promise<ClaimViewDto> {
    return this.claims.submit(params.id);
  }

  @Post(':id/revalidate')
  @HttpCode(200)
  @RequireScopes('billing/Claim.u')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Claim', action: 'U', subtype: 'revalidate', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({
    operationId: 'revalidateClaim',
    summary: 'Rebuild a rejected (or draft) claim from its corrected account and validate it again',
  })
  @ApiOkResponse({ type: ClaimViewDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504)
  revalidate(@Param() params: ClaimIdParams, @Body() body: RevalidateClaimDto): Promise<ClaimViewDto> {
    return this.claims.revalidate(params.id, body.skipEdits);
  }
}
