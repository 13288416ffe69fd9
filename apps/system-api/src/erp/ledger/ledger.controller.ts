import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateJournalEntryDto, GLAccountDto, GLMappingDto, JournalEntryDto, TrialBalanceDto } from '@concord/contracts';
import { ApiProblemResponses, IdempotencyKeyRequired, RequireScopes } from '@concord/platform';
import { ErpIdParams, GlMappingListQuery, JournalListQuery, TrialBalanceQuery } from '../dto/erp-requests.dto';
import { JournalEntryPageDto } from '../dto/erp-responses.dto';
import { MasterDataService } from '../master-data/master-data.service';
import { Posting, type PostingContext } from '../posting.decorator';
import { LedgerService } from './ledger.service';

@ApiTags('erp')
@Controller('erp/v1/journals')
export class JournalsController {
  constructor(private readonly ledger: LedgerService) {}

  @Post()
  @IdempotencyKeyRequired()
  @RequireScopes('erp/JournalEntry.c')
  @ApiOperation({
    operationId: 'postJournal',
    summary: 'Post a balanced journal (revenue, cash, allowances, allocations); an unbalanced one is a 422 naming the difference',
  })
  @ApiCreatedResponse({ type: JournalEntryDto })
  @ApiProblemResponses(400, 401, 403, 409, 422, 429, 502, 503, 504)
  post(@Body() body: CreateJournalEntryDto, @Posting() posting: PostingContext): Promise<JournalEntryDto> {
    return this.ledger.postJournal(body, posting);
  }

  @Get()
  @RequireScopes('erp/JournalEntry.s')
  @ApiOperation({ operationId: 'listJournals', summary: 'Journals of a business document (a claim, a stock issue, an invoice)' })
  @ApiOkResponse({ type: JournalEntryPageDto })
  @ApiProblemResponses(400, 401, 403, 429, 502, 503, 504)
  list(@Query() query: JournalListQuery): Promise<JournalEntryPageDto> {
    return this.ledger.listJournals(query);
  }

  @Get(':id')
  @RequireScopes('erp/JournalEntry.r')
  @ApiOperation({ operationId: 'getJournal', summary: 'One journal entry with its lines' })
  @ApiOkResponse({ type: JournalEntryDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 502, 503, 504)
  get(@Param() params: ErpIdParams): Promise<JournalEntryDto> {
    return this.ledger.getJournal(params.id);
  }
}

@ApiTags('erp')
@Controller('erp/v1')
export class GeneralLedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly masterData: MasterDataService,
  ) {}

  @Get('gl-mappings')
  @RequireScopes('erp/GLMapping.s')
  @ApiOperation({
    operationId: 'listGlMappings',
    summary: 'Department and charge category → GL accounts (revenue, contra revenue, receivable, expense)',
  })
  @ApiOkResponse({ type: [GLMappingDto] })
  @ApiProblemResponses(400, 401, 403, 429, 502, 503, 504)
  mappings(@Query() query: GlMappingListQuery): Promise<GLMappingDto[]> {
    return this.masterData.listGlMappings(query);
  }

  @Get('gl-accounts')
  @RequireScopes('erp/GLAccount.s')
  @ApiOperation({ operationId: 'listGlAccounts', summary: 'The chart of accounts' })
  @ApiOkResponse({ type: [GLAccountDto] })
  @ApiProblemResponses(401, 403, 429, 502, 503, 504)
  accounts(): Promise<GLAccountDto[]> {
    return this.masterData.listGlAccounts();
  }

  @Get('trial-balance')
  @RequireScopes('erp/TrialBalance.r')
  @ApiOperation({ operationId: 'getTrialBalance', summary: 'Trial balance by account, or by account and department (cost centre)' })
  @ApiOkResponse({ type: TrialBalanceDto })
  @ApiProblemResponses(400, 401, 403, 429, 502, 503, 504)
  trialBalance(@Query() query: TrialBalanceQuery): Promise<TrialBalanceDto> {
    return this.ledger.getTrialBalance(query);
  }
}
