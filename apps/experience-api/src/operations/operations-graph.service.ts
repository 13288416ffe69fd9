import { Inject, Injectable } from '@nestjs/common';
import { type ProcessApiComponents, unwrap } from '@concord/clients';
import { type RequestContext, RequestContextStore } from '@concord/platform';
import { type Connection, connectionFromArray, connectionFromUpstream, type ConnectionArgs, MAX_PAGE_SIZE } from '../graphql/connection';
import { PROCESS_API, type ProcessApiClient } from '../process-api.provider';
import type {
  Approval,
  ApprovalsArgs,
  ApprovalStatus,
  ExceptionEdit,
  ExceptionsArgs,
  ExceptionStatus,
  Flow,
  FlowException,
  FlowsArgs,
  FlowStatus,
  PatientJourney,
} from './operations.models';

type Schemas = ProcessApiComponents['schemas'];

/** Flow statuses after which nothing changes any more. */
const FINAL_STATUSES = new Set(['completed', 'failed', 'compensated', 'cancelled']);

/** How far the SLA-breach view reads the exception queue (it filters what process-api cannot). */
const SLA_SCAN_LIMIT = 1_000;

/** Flows, the exception work queue and approvals from process-api, and the operator actions on them. */
@Injectable()
export class OperationsGraphService {
  constructor(@Inject(PROCESS_API) private readonly processApi: ProcessApiClient) {}

  flows(args: FlowsArgs): Promise<Connection<Flow>> {
    return connectionFromUpstream(args, async (cursor, limit) => {
      const page = await unwrap(
        'process-api',
        this.processApi.GET('/v1/flows', { params: { query: { type: args.type, status: args.status, key: args.key, limit, cursor } } }),
      );
      return { items: page.items.map(toFlow), nextCursor: page.nextCursor, total: page.total };
    });
  }

  async flow(id: string): Promise<Flow> {
    return toFlow(await unwrap('process-api', this.processApi.GET('/v1/flows/{id}', { params: { path: { id } } })));
  }

  exceptions(args: ExceptionsArgs): Promise<Connection<FlowException>> {
    return connectionFromUpstream(args, async (cursor, limit) => {
      const page = await unwrap(
        'process-api',
        this.processApi.GET('/v1/exceptions', { params: { query: { status: args.status, flowType: args.flowType, limit, cursor } } }),
      );
      return { items: page.items.map(toException), nextCursor: page.nextCursor, total: page.total };
    });
  }

  /** Open exceptions raised because a flow missed its SLA, most urgent (fewest days left) first. */
  async slaBreaches(args: ConnectionArgs): Promise<Connection<FlowException>> {
    const breaches: FlowException[] = [];
    let cursor: string | undefined;
    let read = 0;
    do {
      const page = await unwrap(
        'process-api',
        this.processApi.GET('/v1/exceptions', { params: { query: { status: 'open', limit: MAX_PAGE_SIZE, cursor } } }),
      );
      read += page.items.length;
      breaches.push(...page.items.filter((item) => item.kind === 'sla-breached').map(toException));
      cursor = page.nextCursor;
    } while (cursor && read < SLA_SCAN_LIMIT);
    breaches.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || a.raisedAt.localeCompare(b.raisedAt));
    return connectionFromArray(breaches, args);
  }

  async approvals(args: ApprovalsArgs): Promise<Connection<Approval>> {
    const list = await unwrap(
      'process-api',
      this.processApi.GET('/v1/approvals', { params: { query: { status: args.status, limit: 200 } } }),
    );
    return connectionFromArray(list.map(toApproval), args);
  }

  async journey(patientId: string): Promise<PatientJourney> {
    const journey = await unwrap('process-api', this.processApi.GET('/v1/patients/{id}/journey', { params: { path: { id: patientId } } }));
    return {
      patientId: journey.patient,
      flows: journey.flows.map((flow) => ({
        id: flow.id,
        type: flow.type,
        status: flow.status as FlowStatus,
        startedAt: flow.startedAt,
        completedAt: flow.completedAt ?? null,
        businessKeys: flow.businessKeys.map(({ name, value }) => ({ name, value })),
        steps: flow.steps.map((s) => ({ seq: s.seq, step: s.step, kind: s.kind, attempt: s.attempt, at: s.at, error: s.error ?? null })),
      })),
    };
  }

  /**
   * The flow now and each time its status or step changes, read from process-api every `intervalMs`
   * with the subscriber's own token (its request context), ending once the flow is final or the
   * client unsubscribes. Polling keeps experience-api free of any store of its own.
   */
  async *watchFlow(id: string, context: RequestContext, intervalMs: number): AsyncGenerator<Flow> {
    let last: string | undefined;
    for (;;) {
      const flow = await RequestContextStore.run(context, () => this.flow(id));
      const fingerprint = `${flow.status}|${flow.currentStep ?? ''}|${flow.updatedAt}`;
      if (fingerprint !== last) {
        last = fingerprint;
        yield flow;
      }
      if (FINAL_STATUSES.has(flow.status)) return;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  async retry(id: string, comment?: string): Promise<FlowException> {
    return toException(
      await unwrap('process-api', this.processApi.POST('/v1/exceptions/{id}/retry', { params: { path: { id } }, body: { comment } })),
    );
  }

  async skip(id: string, comment?: string): Promise<FlowException> {
    return toException(
      await unwrap('process-api', this.processApi.POST('/v1/exceptions/{id}/skip', { params: { path: { id } }, body: { comment } })),
    );
  }

  /** Proposes a changed step input; process-api replays it only once a second operator approves (four eyes). */
  async proposeEdit(id: string, patch: Record<string, unknown>, reason: string): Promise<ExceptionEdit> {
    return toEdit(
      await unwrap('process-api', this.processApi.POST('/v1/exceptions/{id}/edits', { params: { path: { id } }, body: { patch, reason } })),
    );
  }

  async approveEdit(id: string, editId: string, comment?: string): Promise<ExceptionEdit> {
    return toEdit(
      await unwrap(
        'process-api',
        this.processApi.POST('/v1/exceptions/{id}/edits/{editId}/approve', { params: { path: { id, editId } }, body: { comment } }),
      ),
    );
  }

  async decideApproval(id: string, decision: 'approve' | 'reject', comment?: string): Promise<Approval> {
    const call =
      decision === 'approve'
        ? this.processApi.POST('/v1/approvals/{id}/approve', { params: { path: { id } }, body: { comment } })
        : this.processApi.POST('/v1/approvals/{id}/reject', { params: { path: { id } }, body: { comment } });
    return toApproval(await unwrap('process-api', call));
  }
}

function toFlow(dto: Schemas['FlowSummaryDto']): Flow {
  return {
    id: dto.id,
    type: dto.type,
    status: dto.status as FlowStatus,
    correlationId: dto.correlationId,
    currentStep: dto.currentStep ?? null,
    businessKeys: dto.businessKeys.map(({ name, value }) => ({ name, value })),
    startedAt: dto.startedAt,
    updatedAt: dto.updatedAt,
    completedAt: dto.completedAt ?? null,
    slaDueAt: dto.slaDueAt ?? null,
    slaBreached: dto.slaBreached,
    lastError: dto.lastError ?? null,
  };
}

function toEdit(dto: Schemas['ExceptionEditDto']): ExceptionEdit {
  return {
    id: dto.id,
    status: dto.status,
    reason: dto.reason,
    proposedBy: dto.proposedBy,
    proposedAt: dto.proposedAt,
    decidedBy: dto.decidedBy ?? null,
    patch: dto.patch,
  };
}

function toException(dto: Schemas['FlowExceptionDto']): FlowException {
  const amount = dto.amountAtRisk;
  return {
    id: dto.id,
    flowId: dto.flowId,
    flowType: dto.flowType,
    step: dto.step,
    kind: dto.kind,
    code: dto.code,
    reason: dto.reason,
    status: dto.status as ExceptionStatus,
    raisedAt: dto.raisedAt,
    resolution: dto.resolution ?? null,
    amountAtRisk: amount ? { amount: amount.amount, currency: amount.currency } : null,
    daysLeft: dto.daysLeft ?? null,
    actions: dto.actions,
    edits: dto.edits.map(toEdit),
  };
}

function toApproval(dto: Schemas['ApprovalDto']): Approval {
  return {
    id: dto.id,
    flowId: dto.flowId,
    flowType: dto.flowType,
    step: dto.step,
    role: dto.role,
    status: dto.status as ApprovalStatus,
    summary: dto.summary,
    amount: dto.amount ? { amount: dto.amount.amount, currency: dto.amount.currency } : null,
    requestedAt: dto.requestedAt,
    decidedBy: dto.decidedBy ?? null,
    comment: dto.comment ?? null,
  };
}
