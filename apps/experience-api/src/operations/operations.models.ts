import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsResourceId } from '@concord/contracts';
import { ConnectionArgs, ConnectionType } from '../graphql/connection';
import { JSONObject } from '../graphql/json-object.scalar';
import { Money } from '../graphql/money.model';

export enum FlowStatus {
  RUNNING = 'running',
  WAITING = 'waiting',
  COMPLETED = 'completed',
  FAILED = 'failed',
  COMPENSATING = 'compensating',
  COMPENSATED = 'compensated',
  CANCELLED = 'cancelled',
}
registerEnumType(FlowStatus, { name: 'FlowStatus' });

export enum ExceptionStatus {
  OPEN = 'open',
  RESOLVED = 'resolved',
}
registerEnumType(ExceptionStatus, { name: 'ExceptionStatus' });

export enum ApprovalStatus {
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  WITHDRAWN = 'withdrawn',
}
registerEnumType(ApprovalStatus, { name: 'ApprovalStatus' });

@ObjectType({ description: 'A business key of a flow (patient, encounter, claim, PO ...)' })
export class FlowKey {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType({ description: 'One step event of a flow instance' })
export class FlowStep {
  @Field(() => Int)
  seq!: number;

  @Field()
  step!: string;

  @Field({ description: 'started, completed, failed, retry-scheduled, sla-breached ...' })
  kind!: string;

  @Field(() => Int)
  attempt!: number;

  @Field()
  at!: string;

  @Field(() => String, { nullable: true })
  error!: string | null;
}

@ObjectType({ description: 'A durable business flow instance in process-api' })
export class Flow {
  @Field(() => ID)
  id!: string;

  @Field()
  type!: string;

  @Field(() => FlowStatus)
  status!: FlowStatus;

  @Field({ description: 'The business trace shared by everything this flow caused' })
  correlationId!: string;

  @Field(() => String, { nullable: true })
  currentStep!: string | null;

  @Field(() => [FlowKey])
  businessKeys!: FlowKey[];

  @Field()
  startedAt!: string;

  @Field()
  updatedAt!: string;

  @Field(() => String, { nullable: true })
  completedAt!: string | null;

  @Field(() => String, { nullable: true })
  slaDueAt!: string | null;

  @Field()
  slaBreached!: boolean;

  @Field(() => String, { nullable: true })
  lastError!: string | null;
}

@ObjectType({ description: 'A proposed change to a failed step input, applied only after a second operator approves it' })
export class ExceptionEdit {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'proposed, approved or rejected' })
  status!: string;

  @Field()
  reason!: string;

  @Field()
  proposedBy!: string;

  @Field()
  proposedAt!: string;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => JSONObject)
  patch!: Record<string, unknown>;
}

@ObjectType({ description: 'A flow step that could not succeed, waiting in the work queue with its business impact' })
export class FlowException {
  @Field(() => ID)
  id!: string;

  @Field()
  flowId!: string;

  @Field()
  flowType!: string;

  @Field()
  step!: string;

  @Field({ description: 'step-failed or sla-breached' })
  kind!: string;

  @Field()
  code!: string;

  @Field()
  reason!: string;

  @Field(() => ExceptionStatus)
  status!: ExceptionStatus;

  @Field()
  raisedAt!: string;

  @Field(() => String, { nullable: true })
  resolution!: string | null;

  @Field(() => Money, { nullable: true, description: 'Money at risk if this stays unresolved' })
  amountAtRisk!: Money | null;

  @Field(() => Int, { nullable: true, description: 'Days left to a deadline (e.g. timely filing)' })
  daysLeft!: number | null;

  @Field(() => [String], { description: 'What an operator can do: retry, skip, compensate, edit ...' })
  actions!: string[];

  @Field(() => [ExceptionEdit])
  edits!: ExceptionEdit[];
}

@ObjectType({ description: 'A human decision a flow waits for' })
export class Approval {
  @Field(() => ID)
  id!: string;

  @Field()
  flowId!: string;

  @Field()
  flowType!: string;

  @Field()
  step!: string;

  @Field({ description: 'Role that may decide' })
  role!: string;

  @Field(() => ApprovalStatus)
  status!: ApprovalStatus;

  @Field()
  summary!: string;

  @Field(() => Money, { nullable: true, description: 'Amount the decision is about, when there is one' })
  amount!: Money | null;

  @Field()
  requestedAt!: string;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => String, { nullable: true })
  comment!: string | null;
}

@ObjectType({ description: 'The flows one patient went through, across systems' })
export class PatientJourney {
  @Field()
  patientId!: string;

  @Field(() => [JourneyFlow])
  flows!: JourneyFlow[];
}

@ObjectType({ description: 'One flow of a patient journey with its steps' })
export class JourneyFlow {
  @Field(() => ID)
  id!: string;

  @Field()
  type!: string;

  @Field(() => FlowStatus)
  status!: FlowStatus;

  @Field()
  startedAt!: string;

  @Field(() => String, { nullable: true })
  completedAt!: string | null;

  @Field(() => [FlowKey])
  businessKeys!: FlowKey[];

  @Field(() => [FlowStep])
  steps!: FlowStep[];
}

export const FlowConnection = ConnectionType(Flow, 'Flow');
export const FlowExceptionConnection = ConnectionType(FlowException, 'FlowException');
export const ApprovalConnection = ConnectionType(Approval, 'Approval');

@ArgsType()
export class FlowsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Flow type, e.g. patient-to-cash' })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/)
  type?: string;

  @Field(() => FlowStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(FlowStatus))
  status?: FlowStatus;

  @Field(() => String, { nullable: true, description: 'A business key as name:value, e.g. patient:avery-quinn or claim:clm-0a1b2c3d4e5f' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]{0,59}:[^\s]{1,200}$/, { message: 'key must be name:value' })
  key?: string;
}

@ArgsType()
export class ExceptionsArgs extends ConnectionArgs {
  @Field(() => ExceptionStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ExceptionStatus))
  status?: ExceptionStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[a-z0-9-]{1,64}$/)
  flowType?: string;
}

@ArgsType()
export class ApprovalsArgs extends ConnectionArgs {
  @Field(() => ApprovalStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ApprovalStatus))
  status?: ApprovalStatus;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsResourceId()
  id!: string;
}

@ArgsType()
export class DecisionArgs extends IdArgs {
  @Field(() => String, { nullable: true, description: 'Why, kept in the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

@ArgsType()
export class EditAndReplayArgs extends IdArgs {
  @Field(() => JSONObject, { description: 'Fields of the failed step input to change' })
  @IsObject()
  patch!: Record<string, unknown>;

  @Field({ description: 'Why the input is wrong' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

@ArgsType()
export class ApproveEditArgs extends DecisionArgs {
  @Field(() => ID)
  @IsResourceId()
  editId!: string;
}
