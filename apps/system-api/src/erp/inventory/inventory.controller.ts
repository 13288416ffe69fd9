import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InventoryIssueDto } from '@concord/contracts';
import { ApiProblemResponses, IdempotencyKeyRequired, RequireScopes } from '@concord/platform';
import { InventoryListQuery, IssueStockRequestDto } from '../dto/erp-requests.dto';
import { InventoryBalancePageDto } from '../dto/erp-responses.dto';
import { Posting, type PostingContext } from '../posting.decorator';
import { InventoryService } from './inventory.service';

@ApiTags('erp')
@Controller('erp/v1/inventory')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @Get()
  @RequireScopes('erp/InventoryBalance.s')
  @ApiOperation({
    operationId: 'listInventoryBalances',
    summary: 'Stock by item and location at moving-average cost, with serials, lots and what is on order',
  })
  @ApiOkResponse({ type: InventoryBalancePageDto })
  @ApiProblemResponses(400, 401, 403, 429, 502, 503, 504)
  list(@Query() query: InventoryListQuery): Promise<InventoryBalancePageDto> {
    return this.inventory.listBalances(query);
  }

  @Post('issues')
  @IdempotencyKeyRequired()
  @RequireScopes('erp/InventoryIssue.c')
  @ApiOperation({
    operationId: 'issueStock',
    summary:
      'Consume stock for an encounter and department at current cost (DR supplies expense, CR inventory); by ERP item id or clinical supply id',
  })
  @ApiCreatedResponse({ type: InventoryIssueDto })
  @ApiProblemResponses(400, 401, 403, 409, 422, 429, 502, 503, 504)
  issue(@Body() body: IssueStockRequestDto, @Posting() posting: PostingContext): Promise<InventoryIssueDto> {
    return this.inventory.issue(body, posting);
  }
}
