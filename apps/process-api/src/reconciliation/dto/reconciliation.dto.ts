import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MoneyDto } from '@concord/contracts';
import { RUN_BREAK_OUTCOMES } from '../entities/reconciliation-run-break.entity';
import { BREAK_STATUSES } from '../entities/reconciliation-break.entity';
import { RUN_STATUSES, RUN_TRIGGERS } from '../entities/reconciliation-run.entity';
import { HEAL_ACTION_KINDS, RECONCILED_SYSTEMS } from '../rules/rule';

const RULE = /^[a-z][a-z0-9-]{0,59}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class ReconciliationRuleDto {
  @ApiProperty({ example: 'claims-paid-cash' }) name!: string;
  @ApiProperty({ example: 'Claims paid in 835s (billing) ↔ cash and A/R journals (ERP), to the cent' }) title!: string;
  @ApiProperty({ enum: RECONCILED_SYSTEMS, isArray: true }) systems!: string[];
  @ApiPropertyOptional({ description: 'Schedule interval in ms, when the rule runs on a schedule', example: 3_600_000 })
  scheduleIntervalMs?: number;
}

export class ReconciliationRunDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'claims-paid-cash' }) rule!: string;
  @ApiProperty({ enum: RUN_TRIGGERS }) trigger!: string;
  @ApiProperty({ enum: RUN_STATUSES, description: 'incomplete: a system could not be read; no break was reported or closed' })
  status!: string;
  @ApiPropertyOptional({ example: 'ops-console' }) requestedBy?: string;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiProperty({ description: 'Business records compared', example: 12 }) examined!: number;
  @ApiProperty({ description: 'Breaks seen by the run (new and still open)', example: 2 }) breaksFound!: number;
  @ApiProperty({ example: 1 }) breaksNew!: number;
  @ApiProperty({ description: 'Breaks of earlier runs no longer seen, closed by this run', example: 1 }) breaksClosed!: number;
  @ApiProperty({ type: MoneyDto, description: 'Sum of the amounts at stake of the breaks seen' }) amountAtStake!: MoneyDto;
  @ApiPropertyOptional({ enum: RECONCILED_SYSTEMS, description: 'The system that could not be read (incomplete runs)' })
  unavailableSystem?: string;
  @ApiPropertyOptional({ description: 'Why the run is incomplete or failed' }) reason?: string;
}

export class ReconciliationRunPageDto {
  @ApiProperty({ type: [ReconciliationRunDto] }) items!: ReconciliationRunDto[];
  @ApiProperty({ example: 12 }) total!: number;
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page' }) nextCursor?: string;
}

export class BreakRecordDto {
  @ApiProperty({ enum: RECONCILED_SYSTEMS }) system!: string;
  @ApiProperty({ example: 'remittance' }) type!: string;
  @ApiProperty({ example: 'rmt-0a1b2c3d4e5f' }) id!: string;
}

export class HealActionDto {
  @ApiProperty({ enum: HEAL_ACTION_KINDS }) kind!: string;
  @ApiProperty({ description: 'What the action will do', example: 'Post journal DR 1000 89.60 / CR 1200 89.60 citing remittance rmt-1' })
  description!: string;
}

export class ReconciliationBreakDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'claims-paid-cash' }) rule!: string;
  @ApiProperty({ description: 'Stable across runs', example: 'remittance:rmt-0a1b2c3d4e5f:cash' }) breakKey!: string;
  @ApiProperty({ enum: BREAK_STATUSES }) status!: string;
  @ApiProperty({ description: 'Likely cause', example: 'cash-journal-missing' }) cause!: string;
  @ApiProperty({ description: 'What is wrong, without patient data' }) summary!: string;
  @ApiProperty({ type: MoneyDto }) amountAtStake!: MoneyDto;
  @ApiProperty({ type: [BreakRecordDto] }) records!: BreakRecordDto[];
  @ApiPropertyOptional({ type: HealActionDto, description: 'The remedy offered, when the cause is known' }) healAction?: HealActionDto;
  @ApiPropertyOptional({ enum: RUN_BREAK_OUTCOMES, description: 'What the listed run did with it' }) outcome?: string;
  @ApiProperty({ format: 'uuid' }) firstRunId!: string;
  @ApiProperty({ format: 'uuid' }) lastRunId!: string;
  @ApiPropertyOptional({ format: 'uuid' }) closedRunId?: string;
  @ApiProperty() firstSeenAt!: string;
  @ApiProperty() lastSeenAt!: string;
  @ApiPropertyOptional() closedAt?: string;
  @ApiProperty({ format: 'uuid', description: 'The reconciliation-heal flow carrying its exception and its healing' }) flowId!: string;
  @ApiProperty({ description: 'Status of that flow', example: 'failed' }) flowStatus!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Its open exception in the queue, if any' }) openExceptionId?: string;
  @ApiPropertyOptional() healRequestedAt?: string;
  @ApiPropertyOptional() healRequestedBy?: string;
}

export class ReconciliationBreakPageDto {
  @ApiProperty({ type: [ReconciliationBreakDto] }) items!: ReconciliationBreakDto[];
  @ApiProperty({ example: 3 }) total!: number;
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page' }) nextCursor?: string;
}

export class RuleParams {
  @ApiProperty({ example: 'claims-paid-cash', maxLength: 60, pattern: RULE.source })
  @Matches(RULE)
  rule!: string;
}

export class RunIdParams {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  @Matches(UUID, { message: 'runId must be a UUID' })
  runId!: string;
}

export class BreakIdParams {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  @Matches(UUID, { message: 'breakId must be a UUID' })
  breakId!: string;
}

class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 40 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  cursor?: string;
}

export class RunQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 60, pattern: RULE.source })
  @IsOptional()
  @Matches(RULE)
  rule?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: (typeof RUN_STATUSES)[number];
}

export class BreakQueryDto extends PageQueryDto {}

export class HealBreakDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}
