import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses, RequireScopes } from '@concord/platform';
import {
  DeadLetterDto,
  DeadLetterEditDto,
  DeadLetterEditIdParams,
  DeadLetterIdParams,
  DeadLetterQueryDto,
  DecideEditDto,
  EventTypeDto,
  ProposeEditDto,
  ReplayRequestDto,
  ReplayResultDto,
  RetryDeadLettersDto,
  RetryResultDto,
  SkipDeadLetterDto,
  SubscriberStatusDto,
} from './event-operations.dto';
import { EventOperations } from './event-operations.service';

@ApiTags('events')
@Controller('events/v1')
export class EventOperationsController {
  constructor(private readonly operations: EventOperations) {}

  @Get('types')
  @RequireScopes('events/EventType.rs')
  @ApiOperation({ operationId: 'listEventTypes', summary: 'Event types this app knows (the catalog)' })
  @ApiOkResponse({ type: [EventTypeDto] })
  @ApiProblemResponses(401, 403, 429)
  types(): EventTypeDto[] {
    return this.operations.catalog();
  }

  @Get('subscribers')
  @RequireScopes('events/Subscriber.rs')
  @ApiOperation({ operationId: 'listEventSubscribers', summary: "This app's subscribers with their lag and dead letters" })
  @ApiOkResponse({ type: [SubscriberStatusDto] })
  @ApiProblemResponses(401, 403, 429)
  subscribers(): Promise<SubscriberStatusDto[]> {
    return this.operations.subscribers();
  }

  @Get('dead-letters')
  @RequireScopes('events/DeadLetter.rs')
  @ApiOperation({ operationId: 'listDeadLetters', summary: 'Events parked after failing, newest first' })
  @ApiOkResponse({ type: [DeadLetterDto] })
  @ApiProblemResponses(400, 401, 403, 429)
  list(@Query() query: DeadLetterQueryDto): Promise<DeadLetterDto[]> {
    return this.operations.deadLetters(query);
  }

  @Get('dead-letters/:id')
  @RequireScopes('events/DeadLetter.r')
  @ApiOperation({ operationId: 'getDeadLetter', summary: 'One dead letter with its error and proposed edits' })
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  get(@Param() params: DeadLetterIdParams): Promise<DeadLetterDto> {
    return this.operations.deadLetter(params.id);
  }

  @Post('dead-letters/:id/retry')
  @HttpCode(200)
  @RequireScopes('events/DeadLetter.u')
  @ApiOperation({ operationId: 'retryDeadLetter', summary: 'Put one dead letter back in line as it is' })
  @ApiOkResponse({ type: RetryResultDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  retry(@Param() params: DeadLetterIdParams): Promise<RetryResultDto> {
    return this.operations.retry(params.id);
  }

  @Post('dead-letters/retry')
  @HttpCode(200)
  @RequireScopes('events/DeadLetter.u')
  @ApiOperation({ operationId: 'retryDeadLetters', summary: 'Put many dead letters back in line, by id or by filter' })
  @ApiOkResponse({ type: RetryResultDto })
  @ApiProblemResponses(400, 401, 403, 429)
  retryMany(@Body() body: RetryDeadLettersDto): Promise<RetryResultDto> {
    return this.operations.retryMany(body);
  }

  @Post('dead-letters/:id/skip')
  @HttpCode(200)
  @RequireScopes('events/DeadLetter.u')
  @ApiOperation({ operationId: 'skipDeadLetter', summary: 'Discard a dead letter for good, with a reason (its key is released)' })
  @ApiOkResponse({ type: DeadLetterDto })
  @ApiProblemResponses(400, 401, 403, 404, 429)
  skip(@Param() params: DeadLetterIdParams, @Body() body: SkipDeadLetterDto): Promise<DeadLetterDto> {
    return this.operations.skip(params.id, body.reason);
  }

  @Post('dead-letters/:id/edits')
  @RequireScopes('events/DeadLetter.u')
  @ApiOperation({
    operationId: 'proposeDeadLetterEdit',
    summary: 'Propose corrected data for a dead letter; applied only once another operator approves it',
  })
  @ApiOkResponse({ type: DeadLetterEditDto })
  @ApiProblemResponses(400, 401, 403, 404, 422, 429)
  propose(@Param() params: DeadLetterIdParams, @Body() body: ProposeEditDto): Promise<DeadLetterEditDto> {
    return this.operations.proposeEdit(params.id, body.data, body.reason);
  }

  @Post('dead-letters/:id/edits/:editId/approve')
  @HttpCode(200)
  @RequireScopes('events/DeadLetter.u')
  @ApiOperation({
    operationId: 'approveDeadLetterEdit',
    summary: 'Approve an edit (not your own): the data is replaced and the event retried',
  })
  @ApiOkResponse({ type: DeadLetterEditDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429)
  approve(@Param() params: DeadLetterEditIdParams, @Body() body: DecideEditDto): Promise<DeadLetterEditDto> {
    return this.operations.decideEdit(params.id, params.editId, 'approved', body.comment);
  }

  @Post('dead-letters/:id/edits/:editId/reject')
  @HttpCode(200)
  @RequireScopes('events/DeadLetter.u')
  @ApiOperation({ operationId: 'rejectDeadLetterEdit', summary: 'Reject an edit (not your own); the dead letter stays as it is' })
  @ApiOkResponse({ type: DeadLetterEditDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 429)
  reject(@Param() params: DeadLetterEditIdParams, @Body() body: DecideEditDto): Promise<DeadLetterEditDto> {
    return this.operations.decideEdit(params.id, params.editId, 'rejected', body.comment);
  }

  @Post('replays')
  @HttpCode(200)
  @RequireScopes('events/Replay.c')
  @ApiOperation({
    operationId: 'replayEvents',
    summary: "Re-deliver this app's published events to one subscriber, by time, type or correlation id",
  })
  @ApiOkResponse({ type: ReplayResultDto })
  @ApiProblemResponses(400, 401, 403, 422, 429)
  replay(@Body() body: ReplayRequestDto): Promise<ReplayResultDto> {
    return this.operations.replay(body);
  }
}
