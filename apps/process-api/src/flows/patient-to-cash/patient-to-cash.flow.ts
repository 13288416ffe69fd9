import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { unwrap } from '@concord/clients';
import {
  BILLING_CLAIM_ACCEPTED,
  BILLING_CLAIM_ACKNOWLEDGED,
  BILLING_CLAIM_DENIED,
  BILLING_CLAIM_REJECTED,
  BILLING_CLAIM_SUBMITTED,
  BILLING_PAYMENT_POSTED,
  type ClaimAcceptedDataDto,
  type ClaimDeniedDataDto,
  type ClaimRejectedDataDto,
  type ClaimSubmittedDataDto,
  type PaymentPostedDataDto,
} from '@concord/contracts';
import { FlowInstanceEntity } from '../../engine/entities/flow-instance.entity';
import { FlowKeyEntity } from '../../engine/entities/flow-key.entity';
import {
  done,
  type FlowBusinessImpact,
  type FlowDefinition,
  type FlowStep,
  type StepContext,
  StepFailure,
  type StepOutcome,
  waitForEvent,
  waitUntil,
} from '../../engine/flow-definition';
import type { FlowDefinitionSource } from '../flow-definitions';
import { ProcessApiConfig } from '../../process-api.config';
import {
  findAccount,
  getAccount,
  getClaim,
  idempotent,
  postJournal,
  refusal,
  revenueAccounts,
  SYSTEM_API_LAYER as LAYER,
} from './billing-calls';
import { type PatientToCashState, patientToCashStart, patientToCashStartFromEvent } from './patient-to-cash.state';
import { paymentJournals, submissionJournals } from './revenue-journals';

export const PATIENT_TO_CASH = 'patient-to-cash';
export const EHR_ENCOUNTER_DISCHARGED = 'ehr.encounter.discharged.v1';
/** The flow type whose open instances mean an encounter's charges are still arriving. */
export const CHARGE_CAPTURE = 'charge-capture';

type S = PatientToCashState;
type Ctx = StepContext<S>;

const DAY_MS = 86_400_000;
const dateOf = (iso: string | undefined) => iso?.slice(0, 10);
const cents = (money: { amount: number } | undefined) => money?.amount ?? 0;

/**
 * Patient-to-cash (ARCHITECTURE §5): a discharged encounter becomes a billing account with its
 * captured charges and final coding, a validated 837 submitted to the clearinghouse, its 999/277CA
 * and 835 followed through billing's events, and the revenue, allowance, cash and patient A/R
 * journals posted by department in the ERP. Billing posts nothing to the ERP itself, so these
 * journals are the only ones; each write carries the step's idempotency key.
 */
@Injectable()
export class PatientToCashFlow implements FlowDefinitionSource {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ProcessApiConfig,
  ) {}

  definitions(): FlowDefinition<object>[] {
    return [this.definition()];
  }

  definition(): FlowDefinition<S> {
    const recheck = () => new Date(Date.now() + this.config.FLOW_WAIT_POLL_MS);
    const steps: FlowStep<S>[] = [
      { name: 'account', run: (ctx) => this.account(ctx) },
      { name: 'charges', run: (ctx) => this.charges(ctx, recheck) },
      { name: 'coding', run: (ctx) => this.coding(ctx, recheck) },
      { name: 'claim', run: (ctx) => this.claim(ctx) },
      { name: 'submit', run: (ctx) => this.submit(ctx) },
      {
        name: 'revenue-journals',
        retry: { maxAttempts: 12, initialBackoffMs: 200, maxBackoffMs: 30_000 },
        run: (ctx) => this.revenueJournals(ctx),
      },
      { name: 'acknowledgement', slaMs: 2 * DAY_MS, run: (ctx) => this.acknowledgement(ctx) },
      { name: 'remittance', slaMs: 45 * DAY_MS, run: (ctx) => this.remittance(ctx) },
      {
        name: 'cash-journals',
        retry: { maxAttempts: 12, initialBackoffMs: 200, maxBackoffMs: 30_000 },
        run: (ctx) => this.cashJournals(ctx),
      },
      { name: 'correct-rejected-claim', run: (ctx) => this.correctRejected(ctx) },
      { name: 'work-denial', run: (ctx) => this.workDenial(ctx) },
    ];
    return {
      type: PATIENT_TO_CASH,
      version: 1,
      title: 'Patient to cash: discharge → account → coding → 837 → 999/277CA → 835 → posting → journals',
      steps,
      triggers: [{ eventType: EHR_ENCOUNTER_DISCHARGED, start: patientToCashStartFromEvent }],
      awaits: [
        BILLING_CLAIM_SUBMITTED,
        BILLING_CLAIM_ACKNOWLEDGED,
        BILLING_CLAIM_ACCEPTED,
        BILLING_CLAIM_REJECTED,
        BILLING_CLAIM_DENIED,
        BILLING_PAYMENT_POSTED,
      ],
      manualStart: (input) => patientToCashStart(input),
      impact: (state, step) => impactOf(state, step),
    };
  }

  /** Finds the encounter's account (registration may have opened it) or registers it from the EHR patient and the discharge. */
  private async account(ctx: Ctx) {
    const s = ctx.state;
    let account = await findAccount(ctx, s.encounterId);
    if (!account) {
      const patient = await unwrap(LAYER, ctx.systemApi.GET('/ehr/v1/patients/{id}', { params: { path: { id: s.patientId } } }));
      if (!s.admittedAt) throw new StepFailure('ADMISSION_UNKNOWN', 'The discharge did not say when the encounter began', false);
      if (!s.facilityId) throw new StepFailure('FACILITY_UNKNOWN', 'The discharge did not name the facility', false);
      const address = patient.addresses[0];
      const inpatient = s.encounterClass === 'inpatient';
      account = await unwrap(
        LAYER,
        ctx.systemApi.POST('/billing/v1/accounts', {
          headers: idempotent(ctx),
          body: {
            encounterId: s.encounterId,
            ...(s.visitNumber ? { visitNumber: s.visitNumber } : {}),
            facilityId: s.facilityId,
            patientClass: inpatient ? 'inpatient' : 'outpatient',
            ...(s.departmentCode ? { departmentCode: s.departmentCode } : {}),
            patient: {
              id: patient.id,
              mrn: s.mrn ?? patient.mrn ?? '',
              name: { family: patient.name.family ?? '', given: patient.name.given },
              ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
              gender: patient.gender === 'female' || patient.gender === 'male' ? patient.gender : 'unknown',
              ...(address?.line.length && address.city && address.state && address.postalCode
                ? {
                    address: {
                      line: address.line.slice(0, 2),
                      city: address.city,
                      state: address.state,
                      postalCode: address.postalCode.replace('-', ''),
                    },
                  }
                : {}),
            },
            admission: {
              date: dateOf(s.admittedAt)!,
              hour: s.admittedAt.slice(11, 16).replace(':', ''),
              ...(inpatient ? { typeCode: '3' } : {}),
              ...(s.admitSource ? { sourceCode: s.admitSource } : {}),
            },
            ...(s.dischargedAt ? { discharge: { date: dateOf(s.dischargedAt)!, statusCode: s.dischargeDisposition ?? '01' } } : {}),
            ...(s.attendingNpi && s.attendingName
              ? {
                  attending: {
                    name: s.attendingName.family,
                    ...(s.attendingName.given ? { firstName: s.attendingName.given } : {}),
                    npi: s.attendingNpi,
                  },
                }
              : {}),
            coverages: s.coverages,
          },
        }),
      );
    } else if (!account.discharge && s.dischargedAt) {
      account = await unwrap(
        LAYER,
        ctx.systemApi.PATCH('/billing/v1/accounts/{id}', {
          params: { path: { id: account.id } },
          headers: idempotent(ctx, 'discharge'),
          body: { discharge: { date: dateOf(s.dischargedAt)!, statusCode: s.dischargeDisposition ?? '01' }, ifMatch: account.version },
        }),
      );
    }
    ctx.link('fhir-encounter', `Encounter/${s.encounterId}`);
    if (s.controlId) ctx.link('hl7-msh-10', s.controlId);
    ctx.link('account', account.id);
    return done<S>({ state: { accountId: account.id }, output: { accountId: account.id } });
  }

  /**
   * Charges are complete when every charge the EHR captured for the encounter has been posted (no
   * charge-capture instance of the encounter is still open) and there is at least one; the payer's
   * timely-filing deadline is noted for the exceptions that may follow.
   */
  private async charges(ctx: Ctx, recheck: () => Date) {
    const s = ctx.state;
    if ((await this.openChargeCaptures(s.encounterId)) > 0) return waitUntil<S>(recheck());
    const { items } = await unwrap(
      LAYER,
      ctx.systemApi.GET('/billing/v1/accounts/{id}/charges', { params: { path: { id: s.accountId! } } }),
    );
    if (!items.length) return waitUntil<S>(recheck());
    const total = items.reduce((sum, charge) => sum + cents(charge.amount), 0);
    const primary = [...s.coverages].sort((a, b) => a.order - b.order)[0];
    let deadline: string | undefined;
    if (primary) {
      const payer = await unwrap(
        LAYER,
        ctx.systemApi.GET('/billing/v1/payers/{payerId}', { params: { path: { payerId: primary.payerId } } }),
      );
      const from = Date.parse(`${dateOf(s.dischargedAt) ?? dateOf(s.admittedAt)}T00:00:00Z`);
      if (!Number.isNaN(from)) deadline = new Date(from + payer.timelyFilingDays * DAY_MS).toISOString().slice(0, 10);
    }
    return done<S>({
      state: { chargesCents: total, ...(deadline ? { timelyFilingDeadline: deadline } : {}) },
      output: { charges: items.length, totalCents: total },
    });
  }

  private async openChargeCaptures(encounterId: string): Promise<number> {
    return this.dataSource
      .getRepository(FlowInstanceEntity)
      .createQueryBuilder('f')
      .where('f.type = :type', { type: CHARGE_CAPTURE })
      .andWhere("f.status IN ('running', 'waiting', 'failed')")
      .andWhere(
        `f.id IN (SELECT k.flow_id FROM ${this.dataSource.getMetadata(FlowKeyEntity).tableName} k WHERE k.name = 'encounter' AND k.value = :encounterId)`,
        { encounterId },
      )
      .getCount();
  }

  /**
   * Final coding: a professional (outpatient) claim is coded from the encounter's diagnoses; an
   * inpatient stay waits for health information management to finalise it (DRG, POA, ICD-10-PCS).
   */
  private async coding(ctx: Ctx, recheck: () => Date) {
    const s = ctx.state;
    const account = await getAccount(ctx, s.accountId!);
    if (account.coding?.status === 'final') return done<S>({ output: { coding: 'final', drg: account.coding.drg } });
    if (account.patientClass === 'outpatient' && s.diagnoses.length) {
      await unwrap(
        LAYER,
        ctx.systemApi.PUT('/billing/v1/accounts/{id}/coding', {
          params: { path: { id: account.id } },
          headers: idempotent(ctx),
          body: {
            status: 'final',
            diagnoses: s.diagnoses.map((d, i) => ({
              code: { system: d.system, code: d.code },
              role: i === 0 ? ('principal' as const) : ('other' as const),
            })),
            procedures: [],
          },
        }),
      ).catch((error: unknown) => refusal(error, 'CODING_REFUSED'));
      return done<S>({ output: { coding: 'final', from: 'encounter diagnoses' } });
    }
    return waitUntil<S>(recheck());
  }

  /** Builds and validates the claim; the payer rules' refusal (422) is an exception an operator edits and replays. */
  private async claim(ctx: Ctx) {
    const s = ctx.state;
    await this.applyCorrections(ctx);
    let claim;
    try {
      claim = await unwrap(
        LAYER,
        ctx.systemApi.POST('/billing/v1/claims', {
          headers: idempotent(ctx),
          body: { accountId: s.accountId!, ...(s.skipEdits.length ? { skipEdits: s.skipEdits as never } : {}) },
        }),
      );
    } catch (error) {
      refusal(error, 'CLAIM_EDITS_FAILED');
    }
    ctx.link('claim', claim.id);
    ctx.link('clm01', claim.patientControlNumber);
    return done<S>({
      state: {
        claimId: claim.id,
        patientControlNumber: claim.patientControlNumber,
        payerId: claim.payer.payerId,
        claimKind: claim.kind,
        timelyFilingDeadline: claim.timelyFilingDeadline,
        chargesCents: cents(claim.totalCharge),
      },
      output: { claimId: claim.id, totalCents: cents(claim.totalCharge), kind: claim.kind },
    });
  }

  /** An operator's corrected member id goes onto the account's primary coverage before the claim is built again. */
  private async applyCorrections(ctx: Ctx): Promise<void> {
    const s = ctx.state;
    if (!s.memberId) return;
    const account = await getAccount(ctx, s.accountId!);
    const coverages = [...account.coverages].sort((a, b) => a.order - b.order);
    if (!coverages.length || coverages[0].memberId === s.memberId) return;
    coverages[0] = { ...coverages[0], memberId: s.memberId };
    await unwrap(
      LAYER,
      ctx.systemApi.PATCH('/billing/v1/accounts/{id}', {
        params: { path: { id: account.id } },
        headers: idempotent(ctx, 'coverage'),
        body: { coverages, ifMatch: account.version },
      }),
    ).catch((error: unknown) => refusal(error, 'COVERAGE_REFUSED'));
  }

  /** Sends the 837 and waits for billing to announce it, with the amounts by department the journals need. */
  private async submit(ctx: Ctx) {
    const s = ctx.state;
    if (!ctx.signal) {
      const claim = await unwrap(
        LAYER,
        ctx.systemApi.POST('/billing/v1/claims/{id}/submit', { params: { path: { id: s.claimId! } }, headers: idempotent(ctx) }),
      ).catch((error: unknown) => refusal(error, 'SUBMISSION_REFUSED'));
      if (claim.interchangeId) ctx.link('x12-837', claim.interchangeId);
      return waitForEvent<S>(BILLING_CLAIM_SUBMITTED, `Claim/${s.claimId}`);
    }
    const data = ctx.signal.data as ClaimSubmittedDataDto;
    ctx.link('isa13-837', data.interchangeControlNumber);
    return done<S>({
      state: {
        departments: data.departments.map((d) => ({
          departmentCode: d.departmentCode,
          chargeCents: d.charge.amount,
          expectedContractualCents: d.expectedContractualAllowance.amount,
        })),
      },
      output: { interchangeControlNumber: data.interchangeControlNumber, totalCents: data.totalCharge.amount },
    });
  }

  /** Revenue at gross by department and the expected contractual allowance, recognised at submission. */
  private async revenueJournals(ctx: Ctx) {
    const s = ctx.state;
    const category = s.encounterClass === 'inpatient' ? 'inpatient' : 'outpatient';
    const { revenue, contractual } = submissionJournals(
      { id: s.claimId!, pcn: s.patientControlNumber! },
      s.departments ?? [],
      await revenueAccounts(ctx, category),
    );
    const ids: Record<string, string> = {};
    if (revenue) ids.revenue = await postJournal(ctx, revenue, 'revenue');
    if (contractual) ids.contractual = await postJournal(ctx, contractual, 'contractual');
    for (const [name, id] of Object.entries(ids)) ctx.link(`erp-journal-${name}`, id);
    return done<S>({ output: { journals: ids } });
  }

  /** 999 and 277CA: acknowledged keeps waiting, accepted moves on, rejected goes to the correction step. */
  private acknowledgement(ctx: Ctx): Promise<StepOutcome<S>> {
    return Promise.resolve(this.acknowledged(ctx));
  }

  private acknowledged(ctx: Ctx): StepOutcome<S> {
    const s = ctx.state;
    const subject = `Claim/${s.claimId}`;
    const awaited = [BILLING_CLAIM_ACKNOWLEDGED, BILLING_CLAIM_ACCEPTED, BILLING_CLAIM_REJECTED];
    if (!ctx.signal) return waitForEvent<S>(awaited, subject);
    switch (ctx.signal.type) {
      case BILLING_CLAIM_ACCEPTED: {
        const data = ctx.signal.data as ClaimAcceptedDataDto;
        if (data.payerClaimControlNumber) ctx.link('payer-claim-number', data.payerClaimControlNumber);
        return done<S>({
          state: { ...(data.payerClaimControlNumber ? { payerClaimNumber: data.payerClaimControlNumber } : {}), rejection: undefined },
          output: { status: 'accepted', payerClaimNumber: data.payerClaimControlNumber },
        });
      }
      case BILLING_CLAIM_REJECTED: {
        const data = ctx.signal.data as ClaimRejectedDataDto;
        return done<S>({
          state: {
            rejection: {
              reason: data.reason,
              amountAtRiskCents: data.amountAtRisk.amount,
              timelyFilingDeadline: data.timelyFilingDeadline,
            },
          },
          output: { status: 'rejected', source: data.source, reason: data.reason },
          next: 'correct-rejected-claim',
        });
      }
      default:
        return waitForEvent<S>(awaited, subject, { output: { status: 'acknowledged' } });
    }
  }

  /**
   * A rejected claim needs a person: the step fails into the work queue until an operator's
   * correction (edit-and-replay, approved by a second operator) is there; then the account is
   * corrected, the same claim rebuilt, validated and sent again, and the flow waits for its answer.
   */
  private async correctRejected(ctx: Ctx) {
    const s = ctx.state;
    const claim = await getClaim(ctx, s.claimId!);
    if (claim.status !== 'rejected') return done<S>({ next: 'acknowledgement' });
    if (!s.memberId || claim.subscriber.memberId === s.memberId)
      throw new StepFailure('CLAIM_REJECTED', `The payer rejected the claim: ${s.rejection?.reason ?? 'see its 277CA'}`, false);
    await this.applyCorrections(ctx);
    await unwrap(
      LAYER,
      ctx.systemApi.POST('/billing/v1/claims/{id}/revalidate', {
        params: { path: { id: claim.id } },
        headers: idempotent(ctx, 'revalidate'),
        body: {},
      }),
    ).catch((error: unknown) => refusal(error, 'CLAIM_EDITS_FAILED'));
    await unwrap(
      LAYER,
      ctx.systemApi.POST('/billing/v1/claims/{id}/submit', { params: { path: { id: claim.id } }, headers: idempotent(ctx, 'resubmit') }),
    ).catch((error: unknown) => refusal(error, 'SUBMISSION_REFUSED'));
    return done<S>({ output: { resubmitted: claim.id }, next: 'acknowledgement' });
  }

  /** The 835: the payment posted to the claim (a reversal of an earlier one keeps it waiting), or its denial. */
  private remittance(ctx: Ctx): Promise<StepOutcome<S>> {
    return Promise.resolve(this.remitted(ctx));
  }

  private remitted(ctx: Ctx): StepOutcome<S> {
    const s = ctx.state;
    const subject = `Claim/${s.claimId}`;
    const awaited = [BILLING_PAYMENT_POSTED, BILLING_CLAIM_DENIED];
    if (!ctx.signal) return waitForEvent<S>(awaited, subject);
    if (ctx.signal.type === BILLING_CLAIM_DENIED) {
      const data = ctx.signal.data as ClaimDeniedDataDto;
      if (data.payerClaimControlNumber) ctx.link('payer-claim-number', data.payerClaimControlNumber);
      return done<S>({
        state: {
          denial: {
            amountAtRiskCents: data.amountAtRisk.amount,
            timelyFilingDeadline: data.timelyFilingDeadline,
            remarkCodes: data.remarkCodes,
          },
        },
        output: { status: 'denied', remittanceId: data.remittanceId },
        next: 'work-denial',
      });
    }
    const data = ctx.signal.data as PaymentPostedDataDto;
    if (data.reversal) return waitForEvent<S>(awaited, subject);
    ctx.link('835-trace', data.traceNumber);
    ctx.link('remittance', data.remittanceId);
    if (data.payerClaimControlNumber) ctx.link('payer-claim-number', data.payerClaimControlNumber);
    return done<S>({
      state: {
        ...(data.payerClaimControlNumber ? { payerClaimNumber: data.payerClaimControlNumber } : {}),
        payment: {
          remittanceId: data.remittanceId,
          traceNumber: data.traceNumber,
          ...(data.paymentDate ? { paymentDate: data.paymentDate } : {}),
          paidCents: data.paid.amount,
          patientResponsibilityCents: data.patientResponsibility.amount,
          departments: data.departments.map((d) => ({
            departmentCode: d.departmentCode,
            paidCents: d.paid.amount,
            adjustmentCents: d.contractualAdjustment.amount + d.otherAdjustment.amount,
            patientResponsibilityCents: d.patientResponsibility.amount,
          })),
        },
      },
      output: { paidCents: data.paid.amount, patientResponsibilityCents: data.patientResponsibility.amount, traceNumber: data.traceNumber },
    });
  }

  /** Cash, patient responsibility and any adjustment beyond the expected allowance, by department; then the flow ends. */
  private async cashJournals(ctx: Ctx) {
    const s = ctx.state;
    const { cash, patient, adjustment } = paymentJournals(
      { id: s.claimId!, pcn: s.patientControlNumber! },
      s.departments ?? [],
      s.payment!,
    );
    const ids: Record<string, string> = {};
    if (cash) ids.cash = await postJournal(ctx, cash, 'cash');
    if (patient) ids['patient-ar'] = await postJournal(ctx, patient, 'patient-ar');
    if (adjustment) ids.adjustment = await postJournal(ctx, adjustment, 'adjustment');
    for (const [name, id] of Object.entries(ids)) ctx.link(`erp-journal-${name}`, id);
    return done<S>({ output: { journals: ids }, next: 'end' });
  }

  /** A denial is worked by people (appeal, corrected claim, write-off): it waits in the queue with its impact. */
  private workDenial(ctx: Ctx): never {
    throw new StepFailure(
      'CLAIM_DENIED',
      `The payer denied the claim (remarks ${ctx.state.denial?.remarkCodes.join(', ') || 'none'})`,
      false,
    );
  }
}

/** What an open exception puts at stake: the claim's charges and the days left to file it. */
export function impactOf(state: PatientToCashState, step: string): FlowBusinessImpact {
  const amount = state.denial?.amountAtRiskCents ?? state.rejection?.amountAtRiskCents ?? state.chargesCents;
  const due = state.denial?.timelyFilingDeadline ?? state.rejection?.timelyFilingDeadline ?? state.timelyFilingDeadline;
  const payer = state.payerId ?? [...state.coverages].sort((a, b) => a.order - b.order)[0]?.payerId;
  return {
    ...(amount !== undefined ? { amountAtRiskCents: amount } : {}),
    ...(due ? { dueDate: due } : {}),
    details: {
      step,
      encounter: state.encounterId,
      ...(payer ? { payer } : {}),
      ...(state.claimId ? { claim: state.claimId } : {}),
      ...(state.accountId ? { account: state.accountId } : {}),
    },
  };
}
