import { Inject, Injectable } from '@nestjs/common';
import { APP_NAME, HEALTH_CHECKS } from '../platform.tokens';
import type { HealthCheck } from './health-check';
import type { HealthCheckResultDto, HealthReportDto } from './health-report.dto';

@Injectable()
export class HealthService {
  constructor(
    @Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[],
    @Inject(APP_NAME) private readonly app: string,
  ) {}

  live(): HealthReportDto {
    return { status: 'up', app: this.app, checks: [] };
  }

  async ready(): Promise<HealthReportDto> {
    const checks = await Promise.all(this.checks.map(runCheck));
    return { status: checks.every((c) => c.status === 'up') ? 'up' : 'down', app: this.app, checks };
  }
}

async function runCheck(check: HealthCheck): Promise<HealthCheckResultDto> {
  const started = performance.now();
  try {
    await check.check();
    return { name: check.name, status: 'up', durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { name: check.name, status: 'down', detail: detail.slice(0, 300), durationMs: Math.round(performance.now() - started) };
  }
}
