import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, IdempotencyKeyRequired, MaskPhi, PhiAccess, RequireScopes } from '@concord/platform';
import { BILLING_PHI } from '../shared/billing-phi';
import { CreateEligibilityInquiryDto, EligibilityIdParams, EligibilityInquiryDto } from './dto/eligibility.dto';
import { EligibilityService } from './eligibility.service';

@ApiTags('billing')
@Controller('billing/v1/eligibility')
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  @Post()
  @RequireScopes('billing/Eligibility.c')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Eligibility', action: 'C', subtype: 'inquire' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'checkEligibility', summary: 'Ask the payer about an account’s coverage: a 270 out, the 271 parsed' })
  @ApiCreatedResponse({ type: EligibilityInquiryDto })
  @ApiProblemResponses(400, 401, 403, 404, 422, 429, 500, 502, 503, 504)
  inquire(@Body() body: CreateEligibilityInquiryDto): Promise<EligibilityInquiryDto> {
    return this.eligibility.inquire(body);
  }

  @Get(':id')
  @RequireScopes('billing/Eligibility.r')
  @PhiAccess({ entityType: 'Eligibility', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'getEligibilityInquiry', summary: 'An eligibility inquiry and its answer' })
  @ApiOkResponse({ type: EligibilityInquiryDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500)
  get(@Param() params: EligibilityIdParams): Promise<EligibilityInquiryDto> {
    return this.eligibility.get(params.id);
  }
}
