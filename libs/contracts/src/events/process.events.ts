import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { defineEvent, type EventContract } from './event-contract';

/** A business key of a flow instance: which patient, encounter, claim, purchase order, employee ... */
export class FlowBusinessKeyData {
  @ApiProperty({ example: 'patient' }) name!: string;
  @ApiProperty({ example: 'avery-quinn' }) value!: string;
}

export class FlowEventData {
  @ApiProperty({ format: 'uuid' }) flowId!: string;
  @ApiProperty({ example: 'patient-to-cash' }) flowType!: string;
  @ApiProperty({ type: 'integer', example: 1 }) flowVersion!: number;
  @ApiProperty({ type: [FlowBusinessKeyData] }) businessKeys!: FlowBusinessKeyData[];
  @ApiProperty({ enum: ['running', 'waiting', 'completed', 'failed', 'compensated', 'cancelled'] }) status!: string;
  @ApiPropertyOptional({ description: 'Step concerned, when the fact is about one', example: 'submit-claim' }) step?: string;
}

export class FlowExceptionEventData extends FlowEventData {
  @ApiProperty({ format: 'uuid' }) exceptionId!: string;
  @ApiProperty({ enum: ['step-failed', 'sla-breached'] }) kind!: string;
  @ApiProperty({ description: 'What went wrong, without patient data' }) reason!: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Money at risk, in cents' }) amountAtRiskCents?: number;
  @ApiPropertyOptional({ description: 'Deadline that matters (timely filing, payroll date ...), YYYY-MM-DD' }) dueDate?: string;
  @ApiPropertyOptional({ enum: ['retried', 'edited-and-replayed', 'skipped', 'compensated', 'cancelled', 'cleared'] }) resolution?: string;
}

/** A record a reconciliation break involves, by system and id (never patient data). */
export class ReconciliationRecordData {
  @ApiProperty({ enum: ['ehr', 'billing', 'erp', 'workforce'], example: 'billing' }) system!: string;
  @ApiProperty({ example: 'remittance' }) type!: string;
  @ApiProperty({ example: 'rmt-0a1b2c3d4e5f' }) id!: string;
}

export class ReconciliationBreakFoundData {
  @ApiProperty({ format: 'uuid' }) breakId!: string;
  @ApiProperty({ format: 'uuid', description: 'The run that found it first' }) runId!: string;
  @ApiProperty({ example: 'claims-paid-cash' }) rule!: string;
  @ApiProperty({ description: 'Stable across runs: the same discrepancy is one break', example: 'remittance:rmt-0a1b2c3d4e5f:cash' })
  breakKey!: string;
  @ApiProperty({ description: 'Likely cause', example: 'cash-journal-missing' }) cause!: string;
  @ApiProperty({ description: 'What is wrong, without patient data' }) summary!: string;
  @ApiProperty({ type: 'integer', description: 'Money at stake, in cents', example: 8960 }) amountAtStakeCents!: number;
  @ApiProperty({ type: [ReconciliationRecordData] }) records!: ReconciliationRecordData[];
  @ApiPropertyOptional({ description: 'Healing action offered', enum: ['post-journal', 'sync-payroll-employee'] }) healAction?: string;
  @ApiProperty({ format: 'uuid', description: 'The reconciliation-heal flow carrying its exception' }) flowId!: string;
  @ApiProperty({ format: 'uuid' }) exceptionId!: string;
}

const byFlow = (data: FlowEventData) => data.flowId;

export const PROCESS_FLOW_STARTED = defineEvent({
  type: 'process.flow.started.v1',
  dataClass: FlowEventData,
  aggregateType: 'flow',
  orderingKey: byFlow,
  summary: 'A business flow instance started (by an event, a schedule or a person)',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const PROCESS_FLOW_STEP_COMPLETED = defineEvent({
  type: 'process.flow.step-completed.v1',
  dataClass: FlowEventData,
  aggregateType: 'flow',
  orderingKey: byFlow,
  summary: 'A step of a flow instance completed',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const PROCESS_FLOW_COMPLETED = defineEvent({
  type: 'process.flow.completed.v1',
  dataClass: FlowEventData,
  aggregateType: 'flow',
  orderingKey: byFlow,
  summary: 'A flow instance reached its end (completed, compensated or cancelled)',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const PROCESS_FLOW_EXCEPTION_RAISED = defineEvent({
  type: 'process.flow.exception-raised.v1',
  dataClass: FlowExceptionEventData,
  aggregateType: 'flow',
  orderingKey: byFlow,
  summary: 'A flow step cannot succeed (or missed its SLA) and waits in the exception queue',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const PROCESS_FLOW_EXCEPTION_RESOLVED = defineEvent({
  type: 'process.flow.exception-resolved.v1',
  dataClass: FlowExceptionEventData,
  aggregateType: 'flow',
  orderingKey: byFlow,
  summary: 'An exception was resolved (retried, edited and replayed, skipped, compensated, cancelled or cleared)',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

export const PROCESS_RECONCILIATION_BREAK_FOUND = defineEvent({
  type: 'process.reconciliation.break-found.v1',
  dataClass: ReconciliationBreakFoundData,
  aggregateType: 'reconciliation-break',
  orderingKey: (data: ReconciliationBreakFoundData) => `${data.rule}:${data.breakKey}`,
  summary: 'A reconciliation run found a new discrepancy between systems, with the amount at stake and its likely cause',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

/** Event types the process layer publishes (`process.<entity>.<fact>.v<major>`). */
export const PROCESS_EVENTS: EventContract[] = [
  PROCESS_FLOW_STARTED,
  PROCESS_FLOW_STEP_COMPLETED,
  PROCESS_FLOW_COMPLETED,
  PROCESS_FLOW_EXCEPTION_RAISED,
  PROCESS_FLOW_EXCEPTION_RESOLVED,
  PROCESS_RECONCILIATION_BREAK_FOUND,
];
