import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
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

  /**
   * How long the supply flow waits for the EHR's own charge of a billable implant (DFT^P03 FT1, FHIR
   * ChargeItem) before it charges the implant itself: one of the two, never both.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  SUPPLY_CHARGE_GRACE_MS: number = 120_000;

  /**
   * Time-triggered flows: `<flow type>=<cron, 5 fields, UTC>` entries separated by `;`. The default
   * closes the previous month at 02:00 UTC on the first. Empty: nothing runs on a schedule.
   */
  @IsString()
  @MaxLength(2000)
  FLOW_SCHEDULES: string = 'cost-allocation=0 2 1 * *';

  /** How often each instance looks whether a schedule fired (0: never; schedules then start only by hand). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  FLOW_SCHEDULER_INTERVAL_MS: number = 30_000;

  /** How far back a firing still starts its flow, so a restart or a short outage does not skip a month-end close. */
  @Type(() => Number)
  @IsInt()
  @Min(60_000)
  @Max(7 * 86_400_000)
  FLOW_SCHEDULE_CATCH_UP_MS: number = 12 * 3_600_000;

  /** Cost centres whose costs the month-end close allocates to the departments that earn revenue. */
  @IsString()
  @Matches(/^[A-Z0-9]{2,10}(,[A-Z0-9]{2,10})*$/, {
    message: 'COST_ALLOCATION_SHARED_COST_CENTRES must be cost centre codes separated by commas',
  })
  COST_ALLOCATION_SHARED_COST_CENTRES: string = '8100,8200';

  /** Reconciliation schedules, `<rule>=<interval ms>` comma-separated (e.g. `claims-paid-cash=3600000`); empty: on demand only. */
  @IsString()
  @MaxLength(2000)
  RECONCILIATION_SCHEDULE: string = '';

  /** How often each instance looks for a due reconciliation (the database lease decides who runs it). */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  RECONCILIATION_TICK_MS: number = 30_000;

  /** How long a rule's run lease lasts (a run is longer than this only if its instance died). */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  RECONCILIATION_LEASE_MS: number = 900_000;

  /** Coding SLA: hours after discharge by which the discharges-claims rule expects a claim. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(8_760)
  RECONCILIATION_CODING_SLA_HOURS: number = 72;
}
