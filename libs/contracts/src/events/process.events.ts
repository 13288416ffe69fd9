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

/** Event types the process layer publishes (`process.<entity>.<fact>.v<major>`). */
export const PROCESS_EVENTS: EventContract[] = [
  PROCESS_FLOW_STARTED,
  PROCESS_FLOW_STEP_COMPLETED,
  PROCESS_FLOW_COMPLETED,
  PROCESS_FLOW_EXCEPTION_RAISED,
  PROCESS_FLOW_EXCEPTION_RESOLVED,
];
