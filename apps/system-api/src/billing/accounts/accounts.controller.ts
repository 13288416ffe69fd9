import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, IdempotencyKeyRequired, MaskPhi, PhiAccess, RequireScopes } from '@concord/platform';
import { BILLING_PHI } from '../shared/billing-phi';
import { PostingKey } from '../shared/posting-key.decorator';
import { AccountService } from './account.service';
import {
  AccountDto,
  AccountIdParams,
  AccountPageDto,
  CreateAccountDto,
  ListAccountsQuery,
  SetCodingDto,
  UpdateAccountDto,
} from './dto/account.dto';
import { AccountChargeDto, AccountChargeListDto, AccountTransactionListDto, PostChargeDto } from './dto/charge.dto';

@ApiTags('billing')
@Controller('billing/v1/accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountService) {}

  @Get()
  @RequireScopes('billing/Account.s')
  @PhiAccess({ entityType: 'Account', action: 'E', subtype: 'search' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'listBillingAccounts', summary: 'Patient accounts in the billing platform, by encounter, MRN or status' })
  @ApiOkResponse({ type: AccountPageDto })
  @ApiProblemResponses(400, 401, 403, 429, 500, 502, 503, 504)
  list(@Query() query: ListAccountsQuery): Promise<AccountPageDto> {
    return this.accounts.list(query);
  }

  @Post()
  @RequireScopes('billing/Account.c')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Account', action: 'C', subtype: 'create' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({
    operationId: 'createBillingAccount',
    summary: 'Register an encounter’s patient account (one per encounter) with its coverages',
  })
  @ApiCreatedResponse({ type: AccountDto })
  @ApiProblemResponses(400, 401, 403, 409, 422, 429, 500, 502, 503, 504)
  create(@Body() body: CreateAccountDto, @PostingKey() key: string): Promise<AccountDto> {
    return this.accounts.create(body, key);
  }

  @Get(':id')
  @RequireScopes('billing/Account.r')
  @PhiAccess({ entityType: 'Account', action: 'R', subtype: 'read', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'getBillingAccount', summary: 'A patient account: registration, coverages, coding, status and balances' })
  @ApiOkResponse({ type: AccountDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500, 502, 503, 504)
  get(@Param() params: AccountIdParams): Promise<AccountDto> {
    return this.accounts.get(params.id);
  }

  @Patch(':id')
  @RequireScopes('billing/Account.u')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Account', action: 'U', subtype: 'update', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({
    operationId: 'updateBillingAccount',
    summary: 'Change coverages (e.g. add a member id), record the discharge, or mark the account billed or closed',
  })
  @ApiOkResponse({ type: AccountDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504)
  update(@Param() params: AccountIdParams, @Body() body: UpdateAccountDto, @PostingKey() key: string): Promise<AccountDto> {
    return this.accounts.update(params.id, body, key);
  }

  @Put(':id/coding')
  @RequireScopes('billing/Account.u')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Account', action: 'U', subtype: 'coding', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({
    operationId: 'setBillingAccountCoding',
    summary: 'Record the account’s coding: diagnoses (POA), ICD-10-PCS procedures, DRG, final or provisional',
  })
  @ApiOkResponse({ type: AccountDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504)
  setCoding(@Param() params: AccountIdParams, @Body() body: SetCodingDto, @PostingKey() key: string): Promise<AccountDto> {
    return this.accounts.setCoding(params.id, body, key);
  }

  @Get(':id/charges')
  @RequireScopes('billing/Charge.s')
  @PhiAccess({ entityType: 'Account', action: 'R', subtype: 'charges', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({ operationId: 'listBillingAccountCharges', summary: 'Charges posted to an account, priced from the chargemaster' })
  @ApiOkResponse({ type: AccountChargeListDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500, 502, 503, 504)
  async charges(@Param() params: AccountIdParams): Promise<AccountChargeListDto> {
    return { items: await this.accounts.listCharges(params.id) };
  }

  @Post(':id/charges')
  @RequireScopes('billing/Charge.c')
  @IdempotencyKeyRequired()
  @PhiAccess({ entityType: 'Account', action: 'C', subtype: 'charge', idParameter: 'id' })
  @MaskPhi(BILLING_PHI)
  @ApiOperation({
    operationId: 'postBillingCharge',
    summary: 'Post a charge to an account (priced on its service date); announces billing.charge.posted.v1',
  })
  @ApiCreatedResponse({ type: AccountChargeDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504)
  postCharge(@Param() params: AccountIdParams, @Body() body: PostChargeDto, @PostingKey() key: string): Promise<AccountChargeDto> {
    return this.accounts.postCharge(params.id, body, key);
  }

  @Get(':id/transactions')
  @RequireScopes('billing/Account.r')
  @ApiOperation({ operationId: 'listBillingAccountTransactions', summary: 'Payments, adjustments and transfers posted to an account' })
  @ApiOkResponse({ type: AccountTransactionListDto })
  @ApiProblemResponses(400, 401, 403, 404, 429, 500, 502, 503, 504)
  async transactions(@Param() params: AccountIdParams): Promise<AccountTransactionListDto> {
    return { items: await this.accounts.listTransactions(params.id) };
  }
}
