import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import {
  canTransitionClaimStatus,
  CLAIM_STATUS_TRANSITIONS,
  type ClaimDto,
  type ClaimStatus,
  type ClaimStatusSource,
  usd,
} from '@concord/contracts';
import { TransactionRunner } from '@concord/platform';
import { ClaimPaymentEntity, ClaimEntity, ClaimStatusEntity } from '../entities';
import { newId } from '../shared/ids';
import type { DepartmentCharge } from './claim-builder';
import type { ClaimViewDto } from './dto/claim.dto';

/** Statuses a claim may pass through implicitly when an answer arrives out of order (a 277CA before its 999, an 835 before both). */
const IMPLIED: ReadonlySet<ClaimStatus> = new Set(['acknowledged', 'accepted']);

/** The shortest way from one status to another, through implied statuses only; undefined when there is none. */
export function claimStatusPath(from: ClaimStatus, to: ClaimStatus): ClaimStatus[] | undefined {
  if (canTransitionClaimStatus(from, to)) return [to];
  const queue: ClaimStatus[][] = [[from]];
  const seen = new Set<ClaimStatus>([from]);
  while (queue.length) {
    const path = queue.shift()!;
    const last = path[path.length - 1];
    for (const next of CLAIM_STATUS_TRANSITIONS[last]) {
      if (seen.has(next)) continue;
      seen.add(next);
      if (next === to) return [...path.slice(1), next];
      if (IMPLIED.has(next)) queue.push([...path, next]);
    }
  }
  return undefined;
}

export interface StatusChange {
  source: ClaimStatusSource;
  reason?: string;
  reference?: string;
  at?: string;
}

/** The claim tables: claims, their status history, and the claim payments that name them. */
@Injectable()
export class ClaimStore {
  constructor(private readonly transactions: TransactionRunner) {}

  get(manager: EntityManager, id: string): Promise<ClaimEntity | null> {
    return manager.findOneBy(ClaimEntity, { id });
  }

  byPatientControlNumber(manager: EntityManager, patientControlNumber: string): Promise<ClaimEntity | null> {
    return manager.findOneBy(ClaimEntity, { patientControlNumber });
  }

  byAccount(manager: EntityManager, accountId: string): Promise<ClaimEntity[]> {
    return manager.find(ClaimEntity, { where: { accountId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  byInterchange(manager: EntityManager, interchangeId: string): Promise<ClaimEntity[]> {
    return manager.find(ClaimEntity, { where: { interchangeId } });
  }

  /** Records a new claim and its first statuses. */
  async insert(manager: EntityManager, claim: ClaimEntity, steps: (StatusChange & { status: ClaimStatus })[]): Promise<void> {
    await manager.insert(ClaimEntity, claim);
    let seq = 0;
    for (const step of steps) await this.appendHistory(manager, claim.id, ++seq, step.status, step);
  }

  /**
   * Moves a claim to `to`, through implied statuses when an answer arrived out of order (each gets
   * its own history entry). Returns the statuses entered, or undefined (and changes nothing) when the
   * lifecycle allows no way there.
   */
  async move(manager: EntityManager, claim: ClaimEntity, to: ClaimStatus, change: StatusChange): Promise<ClaimStatus[] | undefined> {
    const path = claimStatusPath(claim.status as ClaimStatus, to);
    if (!path) return undefined;
    const at = change.at ?? new Date().toISOString();
    const last = await manager
      .createQueryBuilder(ClaimStatusEntity, 's')
      .select('MAX(s.seq)', 'seq')
      .where('s.claim_id = :id', { id: claim.id })
      .getRawOne<{ seq: number | string | null }>();
    let seq = Number(last?.seq ?? 0);
    for (const status of path) {
      const implied = status !== to;
      await this.appendHistory(manager, claim.id, ++seq, status, {
        ...change,
        at,
        reason: implied ? `implied by the ${change.source} that followed` : change.reason,
      });
    }
    claim.status = to;
    claim.updatedAt = at;
    await manager.update(ClaimEntity, { id: claim.id }, { status: to, updatedAt: at });
    return path;
  }

  async view(id: string): Promise<ClaimViewDto | undefined> {
    return this.transactions.run(async (manager) => {
      const claim = await this.get(manager, id);
      return claim ? this.toView(manager, claim) : undefined;
    });
  }

  async list(
    filter: { accountId?: string; patientIds?: string[]; status?: ClaimStatus },
    offset: number,
    limit: number,
  ): Promise<{ views: ClaimViewDto[]; total: number }> {
    return this.transactions.run(async (manager) => {
      const where = {
        ...(filter.accountId ? { accountId: filter.accountId } : {}),
        ...(filter.patientIds ? { patientId: In(filter.patientIds) } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      };
      const [claims, total] = await manager.findAndCount(ClaimEntity, {
        where,
        order: { createdAt: 'ASC', id: 'ASC' },
        skip: offset,
        take: limit,
      });
      const views: ClaimViewDto[] = [];
      for (const claim of claims) views.push(await this.toView(manager, claim));
      return { views, total };
    });
  }

  async toView(manager: EntityManager, claim: ClaimEntity): Promise<ClaimViewDto> {
    const [history, payments] = await Promise.all([
      manager.find(ClaimStatusEntity, { where: { claimId: claim.id }, order: { seq: 'ASC' } }),
      manager.find(ClaimPaymentEntity, { where: { claimId: claim.id }, order: { createdAt: 'ASC', position: 'ASC' } }),
    ]);
    const content = JSON.parse(claim.claimJson) as Omit<ClaimDto, 'status' | 'statusHistory'>;
    const departments = JSON.parse(claim.departmentsJson) as DepartmentCharge[];
    return {
      ...content,
      ...(claim.payerClaimControlNumber ? { payerClaimControlNumber: claim.payerClaimControlNumber } : {}),
      status: claim.status as ClaimStatus,
      statusHistory: history.map((h) => ({
        status: h.status as ClaimStatus,
        at: h.at,
        source: h.source as ClaimStatusSource,
        ...(h.reason ? { reason: h.reason } : {}),
        ...(h.reference ? { reference: h.reference } : {}),
      })),
      ...(claim.replacesClaimId ? { replacesClaimId: claim.replacesClaimId } : {}),
      ...(claim.replacedByClaimId ? { replacedByClaimId: claim.replacedByClaimId } : {}),
      expected: {
        allowed: usd(claim.expectedAllowed),
        patientShare: usd(claim.expectedPatientShare),
        payerPayment: usd(claim.expectedPayerPayment),
        contractualAllowance: usd(claim.expectedContractual),
        unpricedLines: claim.unpricedLines,
      },
      departments: departments.map((d) => ({ departmentCode: d.departmentCode, charge: usd(d.chargeCents) })),
      ...(claim.patientId ? { patientId: claim.patientId } : {}),
      serviceDate: claim.serviceDate,
      timelyFilingDeadline: claim.timelyFilingDeadline,
      ...(claim.interchangeId ? { interchangeId: claim.interchangeId } : {}),
      ...(claim.submittedAt ? { submittedAt: claim.submittedAt } : {}),
      createdAt: claim.createdAt,
      updatedAt: claim.updatedAt,
      payments: payments.map((p) => ({
        claimPaymentId: p.id,
        remittanceId: p.remittanceId,
        statusCode: p.statusCode,
        paid: usd(p.paid),
        patientResponsibility: usd(p.patientResponsibility),
        postingStatus: p.postingStatus,
      })),
    };
  }

  private async appendHistory(
    manager: EntityManager,
    claimId: string,
    seq: number,
    status: ClaimStatus,
    change: StatusChange,
  ): Promise<void> {
    await manager.insert(ClaimStatusEntity, {
      id: newId('cst'),
      claimId,
      seq,
      status,
      at: change.at ?? new Date().toISOString(),
      source: change.source,
      reason: change.reason?.slice(0, 512) ?? null,
      reference: change.reference?.slice(0, 80) ?? null,
    });
  }
}
