import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditTrail, RequestContextStore, scopeSatisfied, TransactionRunner } from '@concord/platform';
import { FlowApprovalEntity, type ApprovalStatus } from '../engine/entities/flow-approval.entity';
import { FlowInstanceEntity } from '../engine/entities/flow-instance.entity';
import { EngineException, EngineExceptionCode as Code } from '../engine/engine.exception';
import { FlowRunner } from '../engine/flow-runner';
import { FlowStore } from '../engine/flow-store';
import { operator } from '../exceptions/exception-queue.service';

/** The scope that lets a caller decide approvals assigned to `role`. */
export function approvalScopeOf(role: string): string {
  return `approval/${role}.u`;
}

/** Human approval steps: the pending decisions, and deciding them (by someone holding the role). */
@Injectable()
export class Approvals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly store: FlowStore,
    private readonly runner: FlowRunner,
    private readonly audit: AuditTrail,
  ) {}

  list(filter: { status?: ApprovalStatus; role?: string; flowId?: string; limit: number }): Promise<FlowApprovalEntity[]> {
    return this.dataSource.getRepository(FlowApprovalEntity).find({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.role ? { role: filter.role } : {}),
        ...(filter.flowId ? { flowId: filter.flowId } : {}),
      },
      order: { requestedAt: 'ASC' },
      take: filter.limit,
    });
  }

  async get(id: string): Promise<FlowApprovalEntity> {
    const approval = await this.dataSource.getRepository(FlowApprovalEntity).findOneBy({ id });
    if (!approval) throw new EngineException(Code.APPROVAL_NOT_FOUND, `No approval ${id}`);
    return approval;
  }

  async decide(id: string, decision: 'approved' | 'rejected', comment?: string): Promise<FlowApprovalEntity> {
    const by = operator();
    const approval = await this.get(id);
    const principal = RequestContextStore.current()?.principal;
    if (!principal || !scopeSatisfied(principal.scopes, approvalScopeOf(approval.role))) {
      throw new EngineException(
        Code.APPROVER_ROLE_MISSING,
        `Deciding this needs the ${approval.role} role (scope ${approvalScopeOf(approval.role)})`,
      );
    }
    await this.transactions.run(async (manager) => {
      const decided = { status: decision, decidedBy: by, decidedAt: new Date().toISOString(), comment: comment?.slice(0, 500) ?? null };
      const result = await manager.update(FlowApprovalEntity, { id, status: 'pending' }, decided);
      if (!result.affected) throw new EngineException(Code.APPROVAL_ALREADY_DECIDED, `Approval ${id} was already decided`);
      const flow = await manager.findOne(FlowInstanceEntity, { where: { id: approval.flowId } });
      if (!flow) throw new EngineException(Code.FLOW_NOT_FOUND, `No flow ${approval.flowId}`);
      await this.store.record(manager, flow.id, {
        step: approval.step,
        kind: decision,
        attempt: flow.attempts,
        actor: by,
        ...(comment ? { output: { comment } } : {}),
      });
      await this.store.clearSlaExceptions(manager, flow, approval.step);
      await this.store.update(manager, flow, { nextRunAt: new Date().toISOString() });
    });
    await this.audit.record({
      action: 'U',
      subtype: `flow-approval-${decision}`,
      outcome: '0',
      entityType: 'FlowApproval',
      entityId: id,
      route: 'v1/approvals',
    });
    this.runner.nudge();
    return this.get(id);
  }
}
