import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatePaymentDto, CreateSupplierInvoiceDto, InvoiceVarianceApprovalDto, PaymentDto, SupplierInvoiceDto } from '@concord/contracts';
import { ApiProblemResponses, IdempotencyKeyRequired, RequireScopes } from '@concord/platform';
import { ErpIdParams } from '../dto/erp-requests.dto';
import { Posting, type PostingContext } from '../posting.decorator';
import { PayablesService } from './payables.service';

const WRITE_PROBLEMS = [400, 401, 403, 404, 409, 422, 429, 502, 503, 504];

@ApiTags('erp')
@Controller('erp/v1/invoices')
export class InvoicesController {
  constructor(private readonly payables: PayablesService) {}

  @Post()
  @IdempotencyKeyRequired()
  @RequireScopes('erp/SupplierInvoice.c')
  @ApiOperation({
    operationId: 'postSupplierInvoice',
    summary:
      'Post a supplier invoice: the 3-way match against PO and receipts runs within the tolerance; the answer carries the result and its reasons',
  })
  @ApiCreatedResponse({ type: SupplierInvoiceDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  post(@Body() body: CreateSupplierInvoiceDto, @Posting() posting: PostingContext): Promise<SupplierInvoiceDto> {
    return this.payables.postInvoice(body, posting);
  }

  @Get(':id')
  @RequireScopes('erp/SupplierInvoice.r')
  @ApiOperation({ operationId: 'getSupplierInvoice', summary: 'One supplier invoice with its match result and open amount' })
  @ApiOkResponse({ type: SupplierInvoiceDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: ErpIdParams): Promise<SupplierInvoiceDto> {
    return this.payables.getInvoice(params.id);
  }

  @Post(':id/variance-approval')
  @HttpCode(200)
  @IdempotencyKeyRequired()
  @RequireScopes('erp/SupplierInvoice.u')
  @ApiOperation({
    operationId: 'approveInvoiceVariance',
    summary: 'A buyer accepts the price variance of a held invoice: posted (variance to 5050) and payable',
  })
  @ApiOkResponse({ type: SupplierInvoiceDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  approveVariance(
    @Param() params: ErpIdParams,
    @Body() body: InvoiceVarianceApprovalDto,
    @Posting() posting: PostingContext,
  ): Promise<SupplierInvoiceDto> {
    return this.payables.approveVariance(params.id, body, posting);
  }
}

@ApiTags('erp')
@Controller('erp/v1/payments')
export class PaymentsController {
  constructor(private readonly payables: PayablesService) {}

  @Post()
  @IdempotencyKeyRequired()
  @RequireScopes('erp/Payment.c')
  @ApiOperation({
    operationId: 'postPayment',
    summary: 'Pay a posted supplier invoice (DR accounts payable, CR cash); its open amount when no amount is given',
  })
  @ApiCreatedResponse({ type: PaymentDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  post(@Body() body: CreatePaymentDto, @Posting() posting: PostingContext): Promise<PaymentDto> {
    return this.payables.postPayment(body, posting);
  }

  @Get(':id')
  @RequireScopes('erp/Payment.r')
  @ApiOperation({ operationId: 'getPayment', summary: 'One payment' })
  @ApiOkResponse({ type: PaymentDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: ErpIdParams): Promise<PaymentDto> {
    return this.payables.getPayment(params.id);
  }
}
