import { Injectable } from '@nestjs/common';
import { usd } from '@concord/contracts';
import { RequestContextStore, scopeSatisfied } from '@concord/platform';
import type { FlowApprovalEntity } from './entities/flow-approval.entity';
import type { FlowExceptionEditEntity } from './entities/flow-exception-edit.entity';
import type { FlowExceptionEntity } from './entities/flow-exception.entity';
import type { FlowInstanceEntity } from './entities/flow-instance.entity';
import type { FlowKeyEntity } from './entities/flow-key.entity';
import type { FlowStepRecordEntity } from './entities/flow-step-record.entity';
import type { ApprovalDto, ExceptionEditDto, FlowExceptionDto, FlowKeyDto, FlowSummaryDto, StepRecordDto } from './dto/flow.dto';

/** Business keys and links that identify a person (HIPAA identifiers): masked without the PHI scope. */
const PHI_KEYS = new Set(['mrn', 'member-id', 'hl7-patient-id', 'ssn']);
const PHI_SCOPE = 'phi/Patient.r';
const MASKED = '[masked: needs phi/Patient.r]';

/** Entity → response DTO, masking flow data and personal identifiers for callers without the PHI scope. */
@Injectable()
export class FlowPresenter {
  seesPhi(): boolean {
    const principal = RequestContextStore.current()?.principal;
    return principal !== undefined && scopeSatisfied(principal.scopes, PHI_SCOPE);
  }

  summary(flow: FlowInstanceEntity, keys: FlowKeyEntity[] = []): FlowSummaryDto {
    const now = new Date().toISOString();
    const open = flow.status === 'running' || flow.status === 'waiting' || flow.status === 'compensating' || flow.status === 'failed';
    return {
      id: flow.id,
      type: flow.type,
      version: flow.version,
      status: flow.status,
      ...(flow.currentStep ? { currentStep: flow.currentStep } : {}),
      correlationId: flow.correlationId,
      startedAt: flow.startedAt,
      updatedAt: flow.updatedAt,
      ...(flow.completedAt ? { completedAt: flow.completedAt } : {}),
      ...(flow.slaDueAt ? { slaDueAt: flow.slaDueAt } : {}),
      slaBreached: open && flow.slaDueAt !== null && flow.slaDueAt < now,
      businessKeys: keys.filter((key) => key.role === 'business').map((key) => this.key(key)),
      ...(flow.lastError ? { lastError: flow.lastError } : {}),
    };
  }

  key(key: FlowKeyEntity): FlowKeyDto {
    return {
      name: key.name,
      value: PHI_KEYS.has(key.name) && !this.seesPhi() ? MASKED : key.value,
      ...(key.role === 'link' ? { step: key.step ?? undefined, at: key.at } : {}),
    };
  }

  data(json: string | null): unknown {
    if (json === null) return undefined;
    return this.seesPhi() ? (JSON.parse(json) as unknown) : MASKED;
  }

  step(record: FlowStepRecordEntity): StepRecordDto {
    return {
      seq: record.seq,
      step: record.step,
      kind: record.kind,
      attempt: record.attempt,
      at: record.at,
      ...(record.durationMs !== null ? { durationMs: record.durationMs } : {}),
      ...(record.input !== null ? { input: this.data(record.input) } : {}),
      ...(record.output !== null ? { output: this.data(record.output) } : {}),
      ...(record.error ? { error: record.error } : {}),
      ...(record.actor ? { actor: record.actor } : {}),
    };
  }

  approval(approval: FlowApprovalEntity): ApprovalDto {
    return {
      id: approval.id,
      flowId: approval.flowId,
      flowType: approval.flowType,
      step: approval.step,
      role: approval.role,
      summary: approval.summary,
      ...(approval.amountCents !== null ? { amount: usd(Number(approval.amountCents)) } : {}),
      details: JSON.parse(approval.details) as Record<string, unknown>,
      status: approval.status,
      requestedAt: approval.requestedAt,
      ...(approval.decidedBy ? { decidedBy: approval.decidedBy } : {}),
      ...(approval.decidedAt ? { decidedAt: approval.decidedAt } : {}),
      ...(approval.comment ? { comment: approval.comment } : {}),
    };
  }

  exception(exception: FlowExceptionEntity, edits: FlowExceptionEditEntity[] = []): FlowExceptionDto {
    const open = exception.status === 'open';
    const actions = !open ? [] : exception.kind === 'sla-breached' ? ['skip', 'cancel'] : ['retry', 'edit', 'skip', 'compensate', 'cancel'];
    const daysLeft = exception.dueDate
      ? Math.floor(
          (Date.parse(`${exception.dueDate}T00:00:00Z`) - Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`)) / 86_400_000,
        )
      : undefined;
    return {
      id: exception.id,
      flowId: exception.flowId,
      flowType: exception.flowType,
      step: exception.step,
      kind: exception.kind,
      status: exception.status,
      code: exception.code,
      reason: exception.reason,
      ...(exception.amountAtRiskCents !== null ? { amountAtRisk: usd(Number(exception.amountAtRiskCents)) } : {}),
      ...(exception.dueDate ? { dueDate: exception.dueDate, daysLeft } : {}),
      impact: JSON.parse(exception.impact) as Record<string, unknown>,
      raisedAt: exception.raisedAt,
      ...(exception.resolvedAt ? { resolvedAt: exception.resolvedAt } : {}),
      ...(exception.resolution ? { resolution: exception.resolution } : {}),
      ...(exception.resolvedBy ? { resolvedBy: exception.resolvedBy } : {}),
      actions,
      edits: edits.map((edit) => this.edit(edit)),
    };
  }

  edit(edit: FlowExceptionEditEntity): ExceptionEditDto {
    return {
      id: edit.id,
      patch: this.data(edit.patch),
      previous: this.data(edit.previous),
      reason: edit.reason,
      proposedBy: edit.proposedBy,
      proposedAt: edit.proposedAt,
      status: edit.status,
      ...(edit.decidedBy ? { decidedBy: edit.decidedBy } : {}),
      ...(edit.decidedAt ? { decidedAt: edit.decidedAt } : {}),
      ...(edit.decisionComment ? { decisionComment: edit.decisionComment } : {}),
    };
  }
}

export function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : 0;
}
