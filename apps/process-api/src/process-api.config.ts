import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsPort, ServiceClientConfig } from '@concord/platform';

export class ProcessApiConfig extends ServiceClientConfig {
  @IsPort()
  PROCESS_API_PORT: number = 3002;

  override AUTH_CLIENT_ID = 'process-api';
  override AUTH_CLIENT_SECRET = 'process-api-demo-secret';

  /** Flow instances one process-api instance runs at once (their steps mostly wait on system-api). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  FLOW_CONCURRENCY: number = 32;

  /** How long a claimed flow instance stays with an instance that stopped answering. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  FLOW_LEASE_MS: number = 60_000;

  /** How often an idle flow runner looks for due work nobody announced (other instances, timers). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  FLOW_POLL_INTERVAL_MS: number = 250;

  /** How often a step waiting for an event looks again, behind the event's own wake-up. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600_000)
  FLOW_WAIT_POLL_MS: number = 5_000;
}
