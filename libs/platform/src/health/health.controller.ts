import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';
import { Unthrottled } from '../throttling/unthrottled.decorator';
import { HealthReportDto } from './health-report.dto';
import { HealthService } from './health.service';

// Probes for orchestrators and monitors, not part of the partner contract: kept out of the OpenAPI documents.
@ApiExcludeController()
@Public()
@Unthrottled()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process is up and serving HTTP' })
  @ApiOkResponse({ type: HealthReportDto })
  live(): HealthReportDto {
    return this.health.live();
  }

  @Get('ready')
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: the database and the next layer down answer' })
  @ApiOkResponse({ type: HealthReportDto })
  @ApiServiceUnavailableResponse({ type: HealthReportDto, description: 'A dependency is down; `checks` says which' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReportDto> {
    const report = await this.health.ready();
    if (report.status === 'down') void reply.status(503);
    return report;
  }
}
