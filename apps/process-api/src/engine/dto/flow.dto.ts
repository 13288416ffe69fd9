import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MoneyDto } from '@concord/contracts';
import { FLOW_STATUSES } from '../entities/flow-instance.entity';
import { EXCEPTION_KINDS, EXCEPTION_RESOLUTIONS } from '../entities/flow-exception.entity';
import { APPROVAL_STATUSES } from '../entities/flow-approval.entity';
import { STEP_RECORD_KINDS } from '../entities/flow-step-record.entity';

const FLOW_TYPE = /^[a-z][a-z0-9-]{0,59}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class FlowKeyDto {
  @ApiProperty({ example: 'patient' }) name!: string;
  @ApiProperty({ example: 'avery-quinn' }) value!: string;
  @ApiPropertyOptional({ description: 'Step that met the id (links only)', example: 'submit-claim' }) step?: string;
  @ApiPropertyOptional({ example: '2026-11-25T10:00:00.000Z' }) at?: string;
}

export class FlowSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'patient-to-cash' }) type!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ enum: FLOW_STATUSES }) status!: string;
  @ApiPropertyOptional({ example: 'submit-claim' }) currentStep?: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional() completedAt?: string;
  @ApiPropertyOptional({ description: "The whole flow's SLA" }) slaDueAt?: string;
  @ApiProperty({ description: 'Past its SLA and not finished' }) slaBreached!: boolean;
  @ApiProperty({ type: [FlowKeyDto], description: 'What the flow is about (patient, encounter, claim, PO, employee ...)' })
  businessKeys!: FlowKeyDto[];
  @ApiPropertyOptional({ description: 'Last failure of the current step' }) lastError?: string;
}

export class FlowPageDto {
  @ApiProperty({ type: [FlowSummaryDto] }) items!: FlowSummaryDto[];
  @ApiProperty({ example: 42 }) total!: number;
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page' }) nextCursor?: string;
}

export class StepRecordDto {
  @ApiProperty({ example: 3 }) seq!: number;
  @ApiProperty({ example: 'submit-claim' }) step!: string;
  @ApiProperty({ enum: STEP_RECORD_KINDS }) kind!: string;
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty() at!: string;
  @ApiPropertyOptional() durationMs?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Masked without the PHI scope' }) input?: unknown;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Masked without the PHI scope' }) output?: unknown;
  @ApiPropertyOptional() error?: string;
  @ApiPropertyOptional({ example: 'ops-console' }) actor?: string;
}

export class ApprovalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) flowId!: string;
  @ApiProperty({ example: 'supply-replenishment' }) flowType!: string;
  @ApiProperty({ example: 'approve-requisition' }) step!: string;
  @ApiProperty({ description: 'Role that decides; the scope approval/<Role>.u grants it', example: 'SupplyChainManager' }) role!: string;
  @ApiProperty({ example: 'Requisition of 5 KNEE-TOT-CR for 21,000.00 USD' }) summary!: string;
  @ApiPropertyOptional({ type: MoneyDto }) amount?: MoneyDto;
  @ApiProperty({ type: 'object', additionalProperties: true }) details!: Record<string, unknown>;
  @ApiProperty({ enum: APPROVAL_STATUSES }) status!: string;
  @ApiProperty() requestedAt!: string;
  @ApiPropertyOptional() decidedBy?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() comment?: string;
}

export class ExceptionEditDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Fields merged over the flow data (masked without the PHI scope)',
  })
  patch!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The values they replace (masked without the PHI scope)' })
  previous!: unknown;
  @ApiProperty() reason!: string;
  @ApiProperty() proposedBy!: string;
  @ApiProperty() proposedAt!: string;
  @ApiProperty({ enum: ['proposed', 'approved', 'rejected'] }) status!: string;
  @ApiPropertyOptional() decidedBy?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional() decisionComment?: string;
}

export class FlowExceptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) flowId!: string;
  @ApiProperty({ example: 'patient-to-cash' }) flowType!: string;
  @ApiProperty({ example: 'submit-claim' }) step!: string;
  @ApiProperty({ enum: EXCEPTION_KINDS }) kind!: string;
  @ApiProperty({ enum: ['open', 'resolved'] }) status!: string;
  @ApiProperty({ example: 'CLAIM_REJECTED' }) code!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ type: MoneyDto, description: 'Money at risk while it stays open' }) amountAtRisk?: MoneyDto;
  @ApiPropertyOptional({ description: 'The deadline that matters (YYYY-MM-DD)' }) dueDate?: string;
  @ApiPropertyOptional({ description: 'Days left before the deadline (negative: passed)' }) daysLeft?: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) impact!: Record<string, unknown>;
  @ApiProperty() raisedAt!: string;
  @ApiPropertyOptional() resolvedAt?: string;
  @ApiPropertyOptional({ enum: EXCEPTION_RESOLUTIONS }) resolution?: string;
  @ApiPropertyOptional() resolvedBy?: string;
  @ApiProperty({ type: [String], description: 'Actions available now', example: ['retry', 'edit', 'skip', 'compensate', 'cancel'] })
  actions!: string[];
  @ApiProperty({ type: [ExceptionEditDto] }) edits!: ExceptionEditDto[];
}

export class ExceptionPageDto {
  @ApiProperty({ type: [FlowExceptionDto] }) items!: FlowExceptionDto[];
  @ApiProperty() total!: number;
  @ApiPropertyOptional() nextCursor?: string;
}

export class FlowDetailDto extends FlowSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The flow's data (masked without the PHI scope)" })
  state!: unknown;
  @ApiProperty({ type: [FlowKeyDto], description: 'Ids the flow met in the systems (HL7 control id, CLM01, journal ...)' })
  links!: FlowKeyDto[];
  @ApiProperty({ type: [StepRecordDto] }) timeline!: StepRecordDto[];
  @ApiProperty({ type: [ApprovalDto] }) approvals!: ApprovalDto[];
  @ApiProperty({ type: [FlowExceptionDto] }) exceptions!: FlowExceptionDto[];
}

export class FlowTypeDto {
  @ApiProperty({ example: 'patient-to-cash' }) type!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [String] }) steps!: string[];
  @ApiProperty({ type: [String], description: 'Events that start it' }) triggers!: string[];
  @ApiProperty({ description: 'Whether POST /v1/flows/{type}/start may start it' }) manualStart!: boolean;
}

export class JourneyFlowDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ enum: FLOW_STATUSES }) status!: string;
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional() completedAt?: string;
  @ApiProperty({ type: [FlowKeyDto] }) businessKeys!: FlowKeyDto[];
  @ApiProperty({ type: [FlowKeyDto], description: 'Ids met in each system, in the order they were met' }) links!: FlowKeyDto[];
  @ApiProperty({ type: [StepRecordDto] }) steps!: StepRecordDto[];
}

export class JourneyDto {
  @ApiProperty({ example: 'avery-quinn' }) patient!: string;
  @ApiProperty({ type: [JourneyFlowDto] }) flows!: JourneyFlowDto[];
}

export class FlowQueryDto {
  @ApiPropertyOptional({ example: 'patient-to-cash', maxLength: 60, pattern: FLOW_TYPE.source })
  @IsOptional()
  @Matches(FLOW_TYPE)
  type?: string;

  @ApiPropertyOptional({ enum: FLOW_STATUSES })
  @IsOptional()
  @IsIn(FLOW_STATUSES)
  status?: string;

  @ApiPropertyOptional({
    description: 'Business key as name:value, e.g. patient:avery-quinn or claim:C-1',
    maxLength: 260,
    example: 'patient:avery-quinn',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,59}:[^\s]{1,200}$/, { message: 'key must be name:value' })
  key?: string;

  @ApiPropertyOptional({ description: 'Started at or after (ISO 8601)', maxLength: 40 })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Started before (ISO 8601)', maxLength: 40 })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'From the previous page', maxLength: 40 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  cursor?: string;
}

export class ExceptionQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'resolved'] })
  @IsOptional()
  @IsIn(['open', 'resolved'])
  status?: 'open' | 'resolved';

  @ApiPropertyOptional({ maxLength: 60, pattern: FLOW_TYPE.source })
  @IsOptional()
  @Matches(FLOW_TYPE)
  flowType?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  @IsOptional()
  @Matches(UUID)
  flowId?: string;

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

export class ApprovalQueryDto {
  @ApiPropertyOptional({ enum: APPROVAL_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(APPROVAL_STATUSES)
  status?: (typeof APPROVAL_STATUSES)[number];

  @ApiPropertyOptional({ example: 'SupplyChainManager', maxLength: 60 })
  @IsOptional()
  @Matches(/^[A-Z][A-Za-z0-9]{0,59}$/)
  role?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  @IsOptional()
  @Matches(UUID)
  flowId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class IdParams {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  @Matches(UUID, { message: 'id must be a UUID' })
  id!: string;
}

export class EditIdParams extends IdParams {
  @ApiProperty({ format: 'uuid', maxLength: 36 })
  @Matches(UUID, { message: 'editId must be a UUID' })
  editId!: string;
}

export class FlowTypeParams {
  @ApiProperty({ example: 'procure-to-pay', maxLength: 60, pattern: FLOW_TYPE.source })
  @Matches(FLOW_TYPE)
  type!: string;
}

export class PatientParams {
  @ApiProperty({ description: 'EHR patient id or MRN', example: 'avery-quinn', maxLength: 64 })
  @Matches(/^[A-Za-z0-9\-.]{1,64}$/)
  id!: string;
}

export class StartFlowDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The flow type's start input" })
  @IsObject()
  input!: Record<string, unknown>;
}

export class CommentDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class ProposeFlowEditDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Fields of the flow data to replace' })
  @IsObject()
  patch!: Record<string, unknown>;

  @ApiProperty({ minLength: 3, maxLength: 500 })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}
