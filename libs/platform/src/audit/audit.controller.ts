import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/access.decorators';
import { ApiProblemResponses } from '../openapi/api-problem-responses.decorator';
import { AuditEventDto, AuditQueryDto, ChainVerificationDto } from './audit-query.dto';
import { AuditTrail } from './audit-trail.service';
import type { AuditEventEntity } from './audit-event.entity';

@ApiTags('audit')
@Controller('audit/v1')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get('events')
  @RequireScopes('audit/AuditEvent.rs')
  @ApiOperation({ operationId: 'searchAuditEvents', summary: 'PHI accesses recorded by this app, newest first' })
  @ApiOkResponse({ type: [AuditEventDto] })
  @ApiProblemResponses(400, 401, 403)
  async events(@Query() query: AuditQueryDto): Promise<AuditEventDto[]> {
    const events = await this.audit.search({
      patientId: query.patient,
      agent: query.client,
      from: query.from,
      to: query.to,
      limit: query.limit ?? 100,
    });
    return events.map(toDto);
  }

  @Get('verify')
  @RequireScopes('audit/AuditEvent.r')
  @ApiOperation({ operationId: 'verifyAuditChain', summary: 'Recompute the hash chain and report the first broken record, if any' })
  @ApiOkResponse({ type: ChainVerificationDto })
  @ApiProblemResponses(401, 403)
  verify(): Promise<ChainVerificationDto> {
    return this.audit.verify();
  }
}

function toDto(event: AuditEventEntity): AuditEventDto {
  return {
    id: event.id,
    seq: event.seq,
    recordedAt: event.recordedAt,
    sourceApp: event.sourceApp,
    action: event.action,
    subtype: event.subtype,
    outcome: event.outcome,
    agent: event.agent,
    ...(event.agentUser ? { user: event.agentUser } : {}),
    ...(event.actors ? { actors: event.actors.split(',') } : {}),
    ...(event.patientId ? { patientId: event.patientId } : {}),
    ...(event.purposeOfUse ? { purposeOfUse: event.purposeOfUse } : {}),
    entityType: event.entityType,
    ...(event.entityId ? { entityId: event.entityId } : {}),
    ...(event.queryParameters ? { queryParameters: event.queryParameters.split(',') } : {}),
    route: event.route,
    requestId: event.requestId,
    traceId: event.traceId,
    hash: event.hash,
  };
}
