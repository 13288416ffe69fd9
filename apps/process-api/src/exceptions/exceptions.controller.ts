import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, RequireScopes } from '@concord/platform';
import {
  CommentDto,
  EditIdParams,
  ExceptionEditDto,
  ExceptionPageDto,
  ExceptionQueryDto,
  FlowExceptionDto,
  IdParams,
  ProposeFlowEditDto,
} from '../engine/dto/flow.dto';
import { ExceptionActions } from './exception-actions.service';

@ApiTags('exceptions')
@Controller('v1/exceptions')
export class ExceptionsController {
  constructor(private readonly exceptions: ExceptionActions) {}

  @Get()
  @RequireScopes('process/Exception.rs')
  @ApiOperation({ operationId: 'listExceptions', summary: 'The exception work queue, open first, by money at risk then nearest deadline' })
  @ApiOkResponse({ type: ExceptionPageDto })
  @ApiProblemResponses(400, 401, 403, 429)
  list(@Query() query: ExceptionQueryDto): Promise<ExceptionPageDto> {
    return this.exceptions.list(query);
  }

  @Get(':id')
  @RequireScopes('process/Exception.r')
  @ApiOperation({ operationId: 'getException', summary: 'One exception with its impact, available actions and proposed edits' })
  @ApiOkResponse({ type: FlowExceptionDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  get(@Param() params: IdParams): Promise<FlowExceptionDto> {
    return this.exceptions.get(params.id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @RequireScopes('process/Exception.u')
  @ApiOperation({ operationId: 'retryException', summary: 'Run the failed step again, as it is' })
  @ApiOkResponse({ type: FlowExceptionDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429)
  retry(@Param() params: IdParams, @Body() body: CommentDto): Promise<FlowExceptionDto> {
    return this.exceptions.act(params.id, 'retry', body.comment);
  }

  @Post(':id/skip')
  @HttpCode(200)
  @RequireScopes('process/Exception.u')
  @ApiOperation({ operationId: 'skipException', summary: 'Leave the step out and go on with the next one' })
  @ApiOkResponse({ type: FlowExceptionDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429)
  skip(@Param() params: IdParams, @Body() body: CommentDto): Promise<FlowExceptionDto> {
    return this.exceptions.act(params.id, 'skip', body.comment);
  }

  @Post(':id/compensate')
  @HttpCode(200)
  @RequireScopes('process/Exception.u')
  @ApiOperation({ operationId: 'compensateException', summary: 'Undo what the flow did so far, in reverse order, and end it' })
  @ApiOkResponse({ type: FlowExceptionDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429)
  compensate(@Param() params: IdParams, @Body() body: CommentDto): Promise<FlowExceptionDto> {
    return this.exceptions.act(params.id, 'compensate', body.comment);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireScopes('process/Exception.u')
  @ApiOperation({ operationId: 'cancelException', summary: 'End the flow here without undoing anything' })
  @ApiOkResponse({ type: FlowExceptionDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429)
  cancel(@Param() params: IdParams, @Body() body: CommentDto): Promise<FlowExceptionDto> {
    return this.exceptions.act(params.id, 'cancel', body.comment);
  }

  @Post(':id/edits')
  @RequireScopes('process/Exception.u')
  @ApiOperation({
    operationId: 'proposeExceptionEdit',
    summary: 'Propose corrected flow data; it is replayed once another operator approves',
  })
  @ApiCreatedResponse({ type: ExceptionEditDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422, 429)
  propose(@Param() params: IdParams, @Body() body: ProposeFlowEditDto): Promise<ExceptionEditDto> {
    return this.exceptions.proposeEdit(params.id, body.patch, body.reason);
  }

  @Post(':id/edits/:editId/approve')
  @HttpCode(200)
  @RequireScopes('process/Exception.u')
  @ApiOperation({
    operationId: 'approveExceptionEdit',
    summary: 'Approve an edit (not your own): the data is corrected and the step replayed',
  })
  @ApiOkResponse({ type: ExceptionEditDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429)
  approve(@Param() params: EditIdParams, @Body() body: CommentDto): Promise<ExceptionEditDto> {
    return this.exceptions.decideEdit(params.id, params.editId, 'approved', body.comment);
  }

  @Post(':id/edits/:editId/reject')
  @HttpCode(200)
  @RequireScopes('process/Exception.u')
  @ApiOperation({ operationId: 'rejectExceptionEdit', summary: 'Reject an edit (not your own)' })
  @ApiOkResponse({ type: ExceptionEditDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429)
  reject(@Param() params: EditIdParams, @Body() body: CommentDto): Promise<ExceptionEditDto> {
    return this.exceptions.decideEdit(params.id, params.editId, 'rejected', body.comment);
  }
}
