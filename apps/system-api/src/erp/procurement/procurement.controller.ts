import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateGoodsReceiptDto,
  CreatePurchaseOrderDto,
  CreatePurchaseRequisitionDto,
  GoodsReceiptDto,
  PurchaseOrderDto,
  PurchaseRequisitionDto,
} from '@concord/contracts';
import { ApiProblemResponses, IdempotencyKeyRequired, RequireScopes } from '@concord/platform';
import { ApproverRequestDto, ErpIdParams, PurchaseOrderListQuery } from '../dto/erp-requests.dto';
import { PurchaseOrderPageDto } from '../dto/erp-responses.dto';
import { Posting, type PostingContext } from '../posting.decorator';
import { ProcurementService } from './procurement.service';

const WRITE_PROBLEMS = [400, 401, 403, 404, 409, 422, 429, 502, 503, 504];

@ApiTags('erp')
@Controller('erp/v1/purchase-requisitions')
export class RequisitionsController {
  constructor(private readonly procurement: ProcurementService) {}

  @Post()
  @IdempotencyKeyRequired()
  @RequireScopes('erp/PurchaseRequisition.c')
  @ApiOperation({ operationId: 'createPurchaseRequisition', summary: 'Request a purchase; above 10,000.00 it waits for approval' })
  @ApiCreatedResponse({ type: PurchaseRequisitionDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  create(@Body() body: CreatePurchaseRequisitionDto, @Posting() posting: PostingContext): Promise<PurchaseRequisitionDto> {
    return this.procurement.createRequisition(body, posting);
  }

  @Get(':id')
  @RequireScopes('erp/PurchaseRequisition.r')
  @ApiOperation({ operationId: 'getPurchaseRequisition', summary: 'One requisition with its approval status' })
  @ApiOkResponse({ type: PurchaseRequisitionDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: ErpIdParams): Promise<PurchaseRequisitionDto> {
    return this.procurement.getRequisition(params.id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @IdempotencyKeyRequired()
  @RequireScopes('erp/PurchaseRequisition.u')
  @ApiOperation({ operationId: 'approvePurchaseRequisition', summary: 'Approve a requisition waiting for approval (not by its requester)' })
  @ApiOkResponse({ type: PurchaseRequisitionDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  approve(
    @Param() params: ErpIdParams,
    @Body() body: ApproverRequestDto,
    @Posting() posting: PostingContext,
  ): Promise<PurchaseRequisitionDto> {
    return this.procurement.decideRequisition(params.id, 'approve', body, posting);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @IdempotencyKeyRequired()
  @RequireScopes('erp/PurchaseRequisition.u')
  @ApiOperation({ operationId: 'rejectPurchaseRequisition', summary: 'Reject a requisition waiting for approval' })
  @ApiOkResponse({ type: PurchaseRequisitionDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  reject(
    @Param() params: ErpIdParams,
    @Body() body: ApproverRequestDto,
    @Posting() posting: PostingContext,
  ): Promise<PurchaseRequisitionDto> {
    return this.procurement.decideRequisition(params.id, 'reject', body, posting);
  }
}

@ApiTags('erp')
@Controller('erp/v1/purchase-orders')
export class PurchaseOrdersController {
  constructor(private readonly procurement: ProcurementService) {}

  @Post()
  @IdempotencyKeyRequired()
  @RequireScopes('erp/PurchaseOrder.c')
  @ApiOperation({
    operationId: 'createPurchaseOrder',
    summary: 'Raise a purchase order from an approved requisition, or directly with lines',
  })
  @ApiCreatedResponse({ type: PurchaseOrderDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  create(@Body() body: CreatePurchaseOrderDto, @Posting() posting: PostingContext): Promise<PurchaseOrderDto> {
    return this.procurement.createPurchaseOrder(body, posting);
  }

  @Get()
  @RequireScopes('erp/PurchaseOrder.s')
  @ApiOperation({ operationId: 'listPurchaseOrders', summary: 'Purchase orders with their status, by status and supplier' })
  @ApiOkResponse({ type: PurchaseOrderPageDto })
  @ApiProblemResponses(400, 401, 403, 429, 502, 503, 504)
  list(@Query() query: PurchaseOrderListQuery): Promise<PurchaseOrderPageDto> {
    return this.procurement.listPurchaseOrders(query);
  }

  @Get(':id')
  @RequireScopes('erp/PurchaseOrder.r')
  @ApiOperation({ operationId: 'getPurchaseOrder', summary: 'One purchase order with its status and received and invoiced quantities' })
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: ErpIdParams): Promise<PurchaseOrderDto> {
    return this.procurement.getPurchaseOrder(params.id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @IdempotencyKeyRequired()
  @RequireScopes('erp/PurchaseOrder.u')
  @ApiOperation({ operationId: 'approvePurchaseOrder', summary: 'Approve a draft purchase order (a direct order above the threshold)' })
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  approve(@Param() params: ErpIdParams, @Body() body: ApproverRequestDto, @Posting() posting: PostingContext): Promise<PurchaseOrderDto> {
    return this.procurement.approvePurchaseOrder(params.id, body, posting);
  }

  @Post(':id/send')
  @HttpCode(200)
  @IdempotencyKeyRequired()
  @RequireScopes('erp/PurchaseOrder.u')
  @ApiOperation({ operationId: 'sendPurchaseOrder', summary: 'Transmit an approved purchase order to the supplier' })
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  send(@Param() params: ErpIdParams, @Posting() posting: PostingContext): Promise<PurchaseOrderDto> {
    return this.procurement.sendPurchaseOrder(params.id, posting);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @IdempotencyKeyRequired()
  @RequireScopes('erp/PurchaseOrder.u')
  @ApiOperation({ operationId: 'cancelPurchaseOrder', summary: 'Cancel a purchase order before anything was received' })
  @ApiOkResponse({ type: PurchaseOrderDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  cancel(@Param() params: ErpIdParams, @Posting() posting: PostingContext): Promise<PurchaseOrderDto> {
    return this.procurement.cancelPurchaseOrder(params.id, posting);
  }
}

@ApiTags('erp')
@Controller('erp/v1/goods-receipts')
export class GoodsReceiptsController {
  constructor(private readonly procurement: ProcurementService) {}

  @Post()
  @IdempotencyKeyRequired()
  @RequireScopes('erp/GoodsReceipt.c')
  @ApiOperation({
    operationId: 'postGoodsReceipt',
    summary: 'Receive goods against a purchase order at its price (DR inventory, CR goods received not invoiced)',
  })
  @ApiCreatedResponse({ type: GoodsReceiptDto })
  @ApiProblemResponses(...WRITE_PROBLEMS)
  create(@Body() body: CreateGoodsReceiptDto, @Posting() posting: PostingContext): Promise<GoodsReceiptDto> {
    return this.procurement.postGoodsReceipt(body, posting);
  }

  @Get(':id')
  @RequireScopes('erp/GoodsReceipt.r')
  @ApiOperation({ operationId: 'getGoodsReceipt', summary: 'One goods receipt' })
  @ApiOkResponse({ type: GoodsReceiptDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: ErpIdParams): Promise<GoodsReceiptDto> {
    return this.procurement.getGoodsReceipt(params.id);
  }
}
