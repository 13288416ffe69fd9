import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, IdempotencyKeyRequired, RequireScopes } from '@concord/platform';
import {
  BreakIdParams,
  BreakQueryDto,
  HealBreakDto,
  ReconciliationBreakDto,
  ReconciliationBreakPageDto,
  ReconciliationRuleDto,
  ReconciliationRunDto,
  ReconciliationRunPageDto,
  RuleParams,
  RunIdParams,
  RunQueryDto,
} from './dto/reconciliation.dto';
import { Reconciliations } from './reconciliations.service';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  schema: { type: 'string' as const, maxLength: 255 },
};

@ApiTags('reconciliations')
@Controller('v1')
export class ReconciliationsController {
  constructor(private readonly reconciliations: Reconciliations) {}

  @Get('reconciliation-rules')
  @RequireScopes('process/Reconciliation.rs')
  @ApiOperation({ operationId: 'listReconciliationRules', summary: 'The reconciliation rules, the systems each compares and its schedule' })
  @ApiOkResponse({ type: [ReconciliationRuleDto] })
  @ApiProblemResponses(401, 403, 429)
  rules(): ReconciliationRuleDto[] {
    return this.reconciliations.rules();
  }

  @Post('reconciliations/:rule/run')
  @RequireScopes('process/Reconciliation.c')
  @IdempotencyKeyRequired()
  @ApiHeader({ ...IDEMPOTENCY_HEADER, description: 'The same key runs the rule once and answers that run again' })
  @ApiOperation({
    operationId: 'runReconciliation',
    summary: 'Run a rule now; a system that cannot be read makes the run incomplete (no break reported or closed)',
  })
  @ApiCreatedResponse({ type: ReconciliationRunDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429)
  run(@Param() params: RuleParams): Promise<ReconciliationRunDto> {
    return this.reconciliations.run(params.rule);
  }

  @Get('reconciliations')
  @RequireScopes('process/Reconciliation.s')
  @ApiOperation({ operationId: 'listReconciliationRuns', summary: 'Reconciliation runs by rule and status, newest first' })
  @ApiOkResponse({ type: ReconciliationRunPageDto })
  @ApiProblemResponses(400, 401, 403, 429)
  list(@Query() query: RunQueryDto): Promise<ReconciliationRunPageDto> {
    return this.reconciliations.list(query);
  }

  @Get('reconciliations/:runId')
  @RequireScopes('process/Reconciliation.r')
  @ApiOperation({ operationId: 'getReconciliationRun', summary: 'One reconciliation run' })
  @ApiOkResponse({ type: ReconciliationRunDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  get(@Param() params: RunIdParams): Promise<ReconciliationRunDto> {
    return this.reconciliations.getRun(params.runId);
  }

  @Get('reconciliations/:runId/breaks')
  @RequireScopes('process/Reconciliation.r')
  @ApiOperation({ operationId: 'listReconciliationRunBreaks', summary: 'The breaks a run found or closed, largest amount at stake first' })
  @ApiOkResponse({ type: ReconciliationBreakPageDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  breaks(@Param() params: RunIdParams, @Query() query: BreakQueryDto): Promise<ReconciliationBreakPageDto> {
    return this.reconciliations.breaks(params.runId, query);
  }

  @Get('reconciliation-breaks/:breakId')
  @RequireScopes('process/Reconciliation.r')
  @ApiOperation({ operationId: 'getReconciliationBreak', summary: 'One break with its records, amount at stake, likely cause and remedy' })
  @ApiOkResponse({ type: ReconciliationBreakDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  getBreak(@Param() params: BreakIdParams): Promise<ReconciliationBreakDto> {
    return this.reconciliations.getBreak(params.breakId);
  }

  @Post('reconciliation-breaks/:breakId/heal')
  @HttpCode(200)
  @RequireScopes('process/Reconciliation.u')
  @IdempotencyKeyRequired()
  @ApiHeader({
    ...IDEMPOTENCY_HEADER,
    description: 'The same key answers the same result; the remedy runs once per break whatever the key',
  })
  @ApiOperation({
    operationId: 'healReconciliationBreak',
    summary: "Run the break's remedy through its reconciliation-heal flow (once, with idempotency keys)",
  })
  @ApiOkResponse({ type: ReconciliationBreakDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429)
  heal(@Param() params: BreakIdParams, @Body() body: HealBreakDto): Promise<ReconciliationBreakDto> {
    return this.reconciliations.heal(params.breakId, body.comment);
  }
}
