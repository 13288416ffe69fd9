import { Body, Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, IdempotencyKeyRequired, RequireScopes } from '@concord/platform';
import {
  FlowDetailDto,
  FlowPageDto,
  FlowQueryDto,
  FlowTypeDto,
  FlowTypeParams,
  IdParams,
  StartFlowDto,
  FlowSummaryDto,
} from '../engine/dto/flow.dto';
import { FlowQueries } from './flow-queries.service';

@ApiTags('flows')
@Controller('v1')
export class FlowsController {
  constructor(private readonly flows: FlowQueries) {}

  @Get('flow-types')
  @RequireScopes('process/Flow.rs')
  @ApiOperation({ operationId: 'listFlowTypes', summary: 'The business flows this process layer runs' })
  @ApiOkResponse({ type: [FlowTypeDto] })
  @ApiProblemResponses(401, 403, 429)
  types(): FlowTypeDto[] {
    return this.flows.types();
  }

  @Get('flows')
  @RequireScopes('process/Flow.rs')
  @ApiOperation({ operationId: 'listFlows', summary: 'Flow instances by type, status, business key and start time, newest first' })
  @ApiOkResponse({ type: FlowPageDto })
  @ApiProblemResponses(400, 401, 403, 429)
  list(@Query() query: FlowQueryDto): Promise<FlowPageDto> {
    return this.flows.list(query);
  }

  @Get('flows/:id')
  @RequireScopes('process/Flow.r')
  @ApiOperation({ operationId: 'getFlow', summary: 'One flow instance with its timeline, the ids it met, its approvals and exceptions' })
  @ApiOkResponse({ type: FlowDetailDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  get(@Param() params: IdParams): Promise<FlowDetailDto> {
    return this.flows.detail(params.id);
  }

  @Post('flows/:type/start')
  @RequireScopes('process/Flow.c')
  @IdempotencyKeyRequired()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'The same key starts the flow once',
    schema: { type: 'string', maxLength: 255 },
  })
  @ApiOperation({
    operationId: 'startFlow',
    summary: 'Start a flow by hand (for flows that allow it, e.g. procure-to-pay, month-end close)',
  })
  @ApiCreatedResponse({ type: FlowSummaryDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429)
  start(@Param() params: FlowTypeParams, @Body() body: StartFlowDto, @Req() request: FastifyRequest): Promise<FlowSummaryDto> {
    // Present and well-formed: the idempotency policy refused the request otherwise.
    return this.flows.start(params.type, body.input, String(request.headers['idempotency-key']));
  }
}
