import { Inject, Injectable } from '@nestjs/common';
import { BillingConnectorException, BillingConnectorExceptionCode as Code, BillingPort } from '@concord/connectors/billing';
import {
  BILLING_CLAIM_DENIED,
  BILLING_PAYMENT_POSTED,
  BILLING_REMITTANCE_RECEIVED,
  type ClaimPaymentDto,
  type ClaimStatus,
  type RemittanceDto,
  usd,
} from '@concord/contracts';
import { EventBackbone, eventIdFor } from '@concord/events';
import { APP_LOGGER, type AppLogger, TransactionRunner } from '@concord/platform';
import { In, type EntityManager } from 'typeorm';
import { BillingException, BillingExceptionCode } from '../billing.exception';
import type { DepartmentCharge } from '../claims/claim-builder';
import { ClaimStore } from '../claims/claim-store';
import { ClaimEntity, ClaimPaymentEntity, RemittanceEntity } from '../entities';
import { claimDeniedData, paymentPostedData, remittanceReceivedData } from '../shared/billing-event-data';
import { newId } from '../shared/ids';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '../shared/paging';
import type { InboundSummaryDto, RemittanceOutcomeDto } from '../x12/dto/inbound.dto';
import { claimPaymentOutcome, planClaimPaymentPosting } from './claim-payment-plan';
import type { ClaimPaymentViewDto, RemittancePageDto, RemittanceViewDto } from './dto/remittance.dto';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Whether a claim payment is posted: a matched one with amounts is; a denial is not written off
 * automatically — its charge stays in payer A/R while the denial is worked (appeal, corrected claim,
 * or an operator's write-off in the billing platform), announced by billing.claim.denied.v1.
 */
function postingStatusOf(matched: boolean, claimPayment: ClaimPaymentDto, items: number): string {
  if (!matched) return 'unmatched';
  if (claimPaymentOutcome(claimPayment) === 'denied') return 'denied';
  return items ? 'pending' : 'nothing';
}

/** Billing-platform failures worth trying again later; anything else leaves the posting failed, for work. */
const TRANSIENT = new Set<Code>([Code.SERVER_THROTTLED, Code.SERVER_UNAVAILABLE, Code.SERVER_TIMEOUT, Code.SERVER_ERROR]);

/**
 * Remittances (835s): recorded with each claim payment matched to its claim by CLP01 (or listed for
 * work), the claims moved to paid, partially paid or denied, and each claim payment posted to the
 * billing platform as one batch (payment, contractual adjustments, transfers to patient
 * responsibility) under a key of its own, so a retry never posts twice. A payment (payer, trace
 * number, amount) counts once.
 */
@Injectable()
export class RemittanceService {
  constructor(
    private readonly billing: BillingPort,
    private readonly store: ClaimStore,
    private readonly transactions: TransactionRunner,
    private readonly backbone: EventBackbone,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  /** Records one 835 transaction set inside the caller's transaction; nothing is posted yet. */
  async record(manager: EntityManager, interchangeId: string, remittance: RemittanceDto, summary: InboundSummaryDto): Promise<void> {
    const payerKey = (remittance.originatingCompanyId ?? remittance.payerId ?? remittance.payerName).slice(0, 80);
    const sameTrace = await manager.findBy(RemittanceEntity, { payerKey, traceNumber: remittance.traceNumber });
    const previous = sameTrace.find((r) => r.totalPaid === remittance.totalPaid.amount);
    if (previous) {
      summary.remittances.push({
        remittanceId: previous.id,
        traceNumber: previous.traceNumber,
        duplicate: true,
        matched: 0,
        unmatched: 0,
        postings: [],
      });
      summary.notes.push(`835 trace ${remittance.traceNumber} was received before (${previous.id}): nothing posted again`);
      return;
    }
    // A trace number the payer used before for another amount is another payment (the guide wants it unique; samples reuse it).
    if (sameTrace.length)
      summary.notes.push(`835 trace ${remittance.traceNumber} was used before for another amount: recorded as a separate payment`);
    const now = new Date().toISOString();
    const { claimPayments, ...header } = remittance;
    const entity: RemittanceEntity = {
      id: newId('rmt'),
      interchangeId,
      payerId: remittance.payerId ?? null,
      payerName: remittance.payerName.slice(0, 60),
      payerKey,
      traceNumber: remittance.traceNumber,
      totalPaid: remittance.totalPaid.amount,
      paymentMethod: remittance.paymentMethod.slice(0, 3),
      paymentDate: remittance.paymentDate ?? null,
      claimPaymentCount: claimPayments.length,
      matchedCount: 0,
      unmatchedCount: 0,
      providerAdjustmentTotal: remittance.providerAdjustments.reduce((sum, plb) => sum + plb.amount.amount, 0),
      headerJson: JSON.stringify(header),
      receivedAt: now,
    };
    await manager.insert(RemittanceEntity, entity);
    const outcome: RemittanceOutcomeDto = {
      remittanceId: entity.id,
      traceNumber: entity.traceNumber,
      duplicate: false,
      matched: 0,
      unmatched: 0,
      postings: [],
    };
    for (const [index, claimPayment] of claimPayments.entries()) {
      const claim = await this.store.byPatientControlNumber(manager, claimPayment.patientControlNumber);
      const payment = this.paymentEntity(entity.id, index + 1, claimPayment, claim, now);
      await manager.insert(ClaimPaymentEntity, payment);
      if (claim) {
        outcome.matched += 1;
        await this.applyToClaim(manager, claim, payment, claimPayment, summary);
      } else {
        outcome.unmatched += 1;
        summary.unmatched.push({ kind: '835', reference: claimPayment.patientControlNumber });
      }
      outcome.postings.push({
        claimPaymentId: payment.id,
        ...(claim ? { claimId: claim.id } : {}),
        patientControlNumber: payment.patientControlNumber,
        postingStatus: payment.postingStatus,
      });
    }
    entity.matchedCount = outcome.matched;
    entity.unmatchedCount = outcome.unmatched;
    await manager.update(RemittanceEntity, { id: entity.id }, { matchedCount: outcome.matched, unmatchedCount: outcome.unmatched });
    await this.backbone.outbox.add(manager, {
      type: BILLING_REMITTANCE_RECEIVED,
      data: remittanceReceivedData(entity),
      subject: `Remittance/${entity.id}`,
    });
    summary.remittances.push(outcome);
  }

  /** Posts the claim payments of these remittances that wait for it; returns how many were posted. */
  async postRemittances(remittanceIds: readonly string[]): Promise<number> {
    if (!remittanceIds.length) return 0;
    const pending = await this.transactions.run((manager) =>
      manager.find(ClaimPaymentEntity, {
        where: { remittanceId: In([...remittanceIds]), postingStatus: 'pending' },
        order: { position: 'ASC' },
      }),
    );
    let posted = 0;
    for (const payment of pending) if (await this.post(payment.id)) posted += 1;
    return posted;
  }

  /** Retries every posting still pending (after a billing-platform outage). */
  async postPending(): Promise<number> {
    const pending = await this.transactions.run((manager) =>
      manager.find(ClaimPaymentEntity, { where: { postingStatus: 'pending' }, order: { createdAt: 'ASC' }, take: 100 }),
    );
    let posted = 0;
    for (const payment of pending) if (await this.post(payment.id)) posted += 1;
    return posted;
  }

  /** An operator's retry of a remittance's pending or failed postings. */
  async retry(remittanceId: string): Promise<RemittanceViewDto> {
    await this.transactions.run(async (manager) => {
      if (!(await manager.findOneBy(RemittanceEntity, { id: remittanceId })))
        throw new BillingException(BillingExceptionCode.REMITTANCE_NOT_FOUND, `No remittance ${remittanceId}`);
      await manager.update(ClaimPaymentEntity, { remittanceId, postingStatus: 'failed' }, { postingStatus: 'pending' });
    });
    await this.postRemittances([remittanceId]);
    return this.get(remittanceId);
  }

  /** An operator's match of an unmatched claim payment to a claim; it is then posted like any other. */
  async match(claimPaymentId: string, claimId: string): Promise<ClaimPaymentViewDto> {
    const remittanceId = await this.transactions.run(async (manager) => {
      const payment = await manager.findOneBy(ClaimPaymentEntity, { id: claimPaymentId });
      if (!payment) throw new BillingException(BillingExceptionCode.CLAIM_PAYMENT_NOT_FOUND, `No claim payment ${claimPaymentId}`);
      if (payment.claimId)
        throw new BillingException(
          BillingExceptionCode.CLAIM_PAYMENT_ALREADY_MATCHED,
          `Claim payment ${claimPaymentId} is already matched to ${payment.claimId}`,
        );
      const claim = await this.store.get(manager, claimId);
      if (!claim) throw new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, `No claim ${claimId}`);
      const claimPayment = JSON.parse(payment.paymentJson) as ClaimPaymentDto;
      const plan = planClaimPaymentPosting(claimPayment, this.departmentsOf(claim));
      payment.claimId = claim.id;
      payment.accountId = claim.accountId;
      payment.matchedBy = 'operator';
      payment.postingStatus = postingStatusOf(true, claimPayment, plan.items.length);
      await manager.update(
        ClaimPaymentEntity,
        { id: payment.id },
        { claimId: claim.id, accountId: claim.accountId, matchedBy: 'operator', postingStatus: payment.postingStatus },
      );
      await manager
        .createQueryBuilder()
        .update(RemittanceEntity)
        .set({ matchedCount: () => 'matched_count + 1', unmatchedCount: () => 'unmatched_count - 1' })
        .where('id = :id', { id: payment.remittanceId })
        .execute();
      await this.applyToClaim(manager, claim, payment, claimPayment, {
        claims: [],
        remittances: [],
        eligibility: [],
        unmatched: [],
        notes: [],
      });
      return payment.remittanceId;
    });
    await this.postRemittances([remittanceId]);
    return this.transactions.run(async (manager) => this.viewOf(await manager.findOneByOrFail(ClaimPaymentEntity, { id: claimPaymentId })));
  }

  async get(id: string): Promise<RemittanceViewDto> {
    return this.transactions.run(async (manager) => {
      const remittance = await manager.findOneBy(RemittanceEntity, { id });
      if (!remittance) throw new BillingException(BillingExceptionCode.REMITTANCE_NOT_FOUND, `No remittance ${id}`);
      return this.remittanceView(manager, remittance);
    });
  }

  async list(cursor: string | undefined, limit = DEFAULT_PAGE_SIZE): Promise<RemittancePageDto> {
    const offset = decodeCursor(cursor);
    return this.transactions.run(async (manager) => {
      const [rows, total] = await manager.findAndCount(RemittanceEntity, {
        order: { receivedAt: 'DESC', id: 'ASC' },
        skip: offset,
        take: limit,
      });
      const items: RemittanceViewDto[] = [];
      for (const row of rows) items.push(await this.remittanceView(manager, row));
      return { items, ...(offset + limit < total ? { nextCursor: encodeCursor(offset + limit) } : {}) };
    });
  }

  /** Claim payments no claim was found for, oldest first: the work list. */
  async unmatched(): Promise<ClaimPaymentViewDto[]> {
    return this.transactions.run(async (manager) =>
      (
        await manager.find(ClaimPaymentEntity, {
          where: { postingStatus: 'unmatched' },
          order: { createdAt: 'ASC', position: 'ASC' },
          take: 500,
        })
      ).map((p) => this.viewOf(p)),
    );
  }

  // ---- internals ------------------------------------------------------------------------------

  private paymentEntity(
    remittanceId: string,
    position: number,
    claimPayment: ClaimPaymentDto,
    claim: ClaimEntity | null,
    now: string,
  ): ClaimPaymentEntity {
    const plan = planClaimPaymentPosting(claimPayment, claim ? this.departmentsOf(claim) : []);
    return {
      id: newId('cpy'),
      remittanceId,
      position,
      claimId: claim?.id ?? null,
      accountId: claim?.accountId ?? null,
      patientControlNumber: claimPayment.patientControlNumber.slice(0, 38),
      payerClaimControlNumber: claimPayment.payerClaimControlNumber?.slice(0, 50) ?? null,
      statusCode: claimPayment.statusCode.slice(0, 2),
      charge: claimPayment.charge.amount,
      paid: claimPayment.paid.amount,
      patientResponsibility: plan.patientResponsibilityCents,
      contractual: plan.contractualCents,
      otherAdjustment: plan.otherAdjustmentCents,
      paymentJson: JSON.stringify(claimPayment),
      postingStatus: postingStatusOf(claim !== null, claimPayment, plan.items.length),
      postingAttempts: 0,
      postingError: null,
      transactionIds: null,
      matchedBy: claim ? 'clp01' : null,
      createdAt: now,
      postedAt: null,
    };
  }

  /** What a matched claim payment means for its claim: the payer's claim number, and paid, partially paid or denied. */
  private async applyToClaim(
    manager: EntityManager,
    claim: ClaimEntity,
    payment: ClaimPaymentEntity,
    claimPayment: ClaimPaymentDto,
    summary: InboundSummaryDto,
  ): Promise<void> {
    if (!claim.payerClaimControlNumber && claimPayment.payerClaimControlNumber && claimPayment.statusCode !== '22') {
      claim.payerClaimControlNumber = claimPayment.payerClaimControlNumber.slice(0, 50);
      await manager.update(ClaimEntity, { id: claim.id }, { payerClaimControlNumber: claim.payerClaimControlNumber });
    }
    const outcome = claimPaymentOutcome(claimPayment);
    if (outcome === 'reversal') {
      summary.notes.push(`835 reverses the payment of claim ${claim.patientControlNumber} (CLP02 22): posted as negative amounts`);
      return;
    }
    const from = claim.status as ClaimStatus;
    if (from === outcome) return;
    const moved = await this.store.move(manager, claim, outcome, {
      source: '835',
      reason: `CLP02 ${claimPayment.statusCode}, paid ${(claimPayment.paid.amount / 100).toFixed(2)}`,
      reference: payment.remittanceId,
    });
    if (!moved) {
      summary.notes.push(`835 payment of claim ${claim.patientControlNumber} recorded; the claim stays ${from}`);
      return;
    }
    summary.claims.push({ claimId: claim.id, patientControlNumber: claim.patientControlNumber, source: '835', from, to: outcome });
    if (outcome === 'denied') {
      const plan = planClaimPaymentPosting(claimPayment, this.departmentsOf(claim));
      const remarks = [...claimPayment.remarks, ...claimPayment.serviceLines.flatMap((line) => line.remarks)].map((r) => r.code);
      await this.backbone.outbox.add(manager, {
        type: BILLING_CLAIM_DENIED,
        data: claimDeniedData(claim, payment, plan, [...new Set(remarks)], today()),
        subject: `Claim/${claim.id}`,
      });
    }
  }

  /** Posts one claim payment to the billing platform; true when it is posted. */
  private async post(claimPaymentId: string): Promise<boolean> {
    const loaded = await this.transactions.run(async (manager) => {
      const payment = await manager.findOneBy(ClaimPaymentEntity, { id: claimPaymentId });
      if (!payment || payment.postingStatus !== 'pending' || !payment.claimId) return undefined;
      const claim = await manager.findOneByOrFail(ClaimEntity, { id: payment.claimId });
      const remittance = await manager.findOneByOrFail(RemittanceEntity, { id: payment.remittanceId });
      return { payment, claim, remittance };
    });
    if (!loaded) return false;
    const { payment, claim, remittance } = loaded;
    const plan = planClaimPaymentPosting(JSON.parse(payment.paymentJson) as ClaimPaymentDto, this.departmentsOf(claim));
    let transactionIds: string[];
    try {
      const posted = await this.billing.postTransactions(
        claim.accountId,
        {
          claimReference: payment.patientControlNumber,
          remittanceReference: remittance.traceNumber,
          payerId: claim.payerId,
          postedDate: remittance.paymentDate ?? today(),
          items: plan.items,
        },
        { idempotencyKey: `concord:posting:${payment.id}` },
      );
      transactionIds = posted.map((t) => t.id);
    } catch (error) {
      const transient = error instanceof BillingConnectorException && TRANSIENT.has(error.code);
      const message = error instanceof Error ? error.message.slice(0, 500) : 'posting failed';
      await this.transactions.run((manager) =>
        manager.update(
          ClaimPaymentEntity,
          { id: payment.id },
          { postingStatus: transient ? 'pending' : 'failed', postingAttempts: payment.postingAttempts + 1, postingError: message },
        ),
      );
      this.logger.warn(
        { claimPaymentId: payment.id, err: error },
        transient ? 'posting deferred: billing platform unavailable' : 'posting refused by the billing platform',
      );
      return false;
    }
    await this.transactions.run(async (manager) => {
      const postedAt = new Date().toISOString();
      const updated = await manager.update(
        ClaimPaymentEntity,
        { id: payment.id, postingStatus: 'pending' },
        {
          postingStatus: 'posted',
          postingAttempts: payment.postingAttempts + 1,
          postingError: null,
          transactionIds: transactionIds.join(',').slice(0, 500),
          postedAt,
        },
      );
      if (!updated.affected) return;
      await this.backbone.outbox.add(manager, {
        id: eventIdFor(payment.id, BILLING_PAYMENT_POSTED),
        type: BILLING_PAYMENT_POSTED,
        data: paymentPostedData(claim, payment, remittance, plan),
        subject: `Claim/${claim.id}`,
      });
    });
    return true;
  }

  private departmentsOf(claim: ClaimEntity): DepartmentCharge[] {
    return JSON.parse(claim.departmentsJson) as DepartmentCharge[];
  }

  private async remittanceView(manager: EntityManager, remittance: RemittanceEntity): Promise<RemittanceViewDto> {
    const payments = await manager.find(ClaimPaymentEntity, { where: { remittanceId: remittance.id }, order: { position: 'ASC' } });
    return {
      id: remittance.id,
      interchangeId: remittance.interchangeId,
      ...(remittance.payerId ? { payerId: remittance.payerId } : {}),
      payerName: remittance.payerName,
      traceNumber: remittance.traceNumber,
      totalPaid: usd(remittance.totalPaid),
      paymentMethod: remittance.paymentMethod,
      ...(remittance.paymentDate ? { paymentDate: remittance.paymentDate } : {}),
      providerAdjustments: usd(remittance.providerAdjustmentTotal),
      matchedCount: remittance.matchedCount,
      unmatchedCount: remittance.unmatchedCount,
      receivedAt: remittance.receivedAt,
      claimPayments: payments.map((p) => this.viewOf(p)),
    };
  }

  private viewOf(payment: ClaimPaymentEntity): ClaimPaymentViewDto {
    return {
      id: payment.id,
      remittanceId: payment.remittanceId,
      position: payment.position,
      ...(payment.claimId ? { claimId: payment.claimId } : {}),
      ...(payment.accountId ? { accountId: payment.accountId } : {}),
      patientControlNumber: payment.patientControlNumber,
      ...(payment.payerClaimControlNumber ? { payerClaimControlNumber: payment.payerClaimControlNumber } : {}),
      statusCode: payment.statusCode,
      charge: usd(payment.charge),
      paid: usd(payment.paid),
      patientResponsibility: usd(payment.patientResponsibility),
      contractualAdjustment: usd(payment.contractual),
      otherAdjustment: usd(payment.otherAdjustment),
      postingStatus: payment.postingStatus,
      ...(payment.postingError ? { postingError: payment.postingError } : {}),
      ...(payment.matchedBy ? { matchedBy: payment.matchedBy } : {}),
      ...(payment.postedAt ? { postedAt: payment.postedAt } : {}),
      detail: JSON.parse(payment.paymentJson) as ClaimPaymentDto,
    };
  }
}
