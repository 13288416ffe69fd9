import { Injectable } from '@nestjs/common';
import { DownstreamException, unwrap } from '@concord/clients';
import { BILLING_CLAIM_ACCEPTED, BILLING_CLAIM_DENIED, BILLING_PAYMENT_POSTED, type ChargeCapturedDataDto } from '@concord/contracts';
import type { CloudEvent } from '@concord/events';
import {
  done,
  type FlowBusinessImpact,
  type FlowDefinition,
  type FlowStart,
  type StepContext,
  StepFailure,
  waitForEvent,
  waitUntil,
} from '../../engine/flow-definition';
import type { FlowDefinitionSource } from '../flow-definitions';
import { ProcessApiConfig } from '../../process-api.config';
import {
  findAccount,
  getClaim,
  idempotent,
  postJournal,
  refusal,
  revenueAccounts,
  SYSTEM_API_LAYER as LAYER,
} from '../patient-to-cash/billing-calls';
import { CHARGE_CAPTURE } from '../patient-to-cash/patient-to-cash.flow';
import { submissionJournals } from '../patient-to-cash/revenue-journals';

export const EHR_CHARGE_CAPTURED = 'ehr.charge.captured.v1';

/** Claim statuses after which the payer has the claim: a charge posted then is late and needs a corrected claim. */
const SENT = new Set(['submitted', 'acknowledged', 'accepted', 'paid', 'denied']);

export interface ChargeCaptureState {
  patientId: string;
  mrn?: string;
  chargeId: string;
  encounterId?: string;
  chargeCode: string;
  quantity: number;
  serviceDate: string;
  departmentCode?: string;
  /** FT1-6: CR credits an earlier charge. */
  credit: boolean;
  unitPriceCents?: number;
  accountId?: string;
  billingChargeId?: string;
  amountCents?: number;
  patientClass?: string;
  lateForClaimId?: string;
  correctedClaimId?: string;
  correctedPcn?: string;
}

type S = ChargeCaptureState;
type Ctx = StepContext<S>;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length ? value : undefined);

/** The instance a captured charge starts (or a manual start with the same fields); one per EHR charge id. */
export function chargeCaptureStart(data: Partial<ChargeCapturedDataDto>): FlowStart<S> {
  const patientId = text(data.patientId);
  const chargeId = text(data.chargeId);
  const chargeCode = text(data.chargeCode);
  if (!patientId) throw new Error('patientId is required');
  if (!chargeId) throw new Error('chargeId is required');
  if (!chargeCode) throw new Error('chargeCode is required');
  if (typeof data.quantity !== 'number' || !Number.isInteger(data.quantity) || data.quantity === 0)
    throw new Error('quantity must be a non-zero integer');
  if (!text(data.serviceDate) || !/^\d{4}-\d{2}-\d{2}$/.test(data.serviceDate!)) throw new Error('serviceDate must be YYYY-MM-DD');
  const mrn = text(data.mrn);
  const encounterId = text(data.encounterId);
  return {
    startKey: `charge:${chargeId}`,
    businessKeys: { patient: patientId, ...(mrn ? { mrn } : {}), ...(encounterId ? { encounter: encounterId } : {}), charge: chargeId },
    state: {
      patientId,
      ...(mrn ? { mrn } : {}),
      chargeId,
      ...(encounterId ? { encounterId } : {}),
      chargeCode: chargeCode,
      quantity: data.quantity,
      serviceDate: data.serviceDate!,
      ...(text(data.departmentCode) ? { departmentCode: data.departmentCode } : {}),
      credit: data.transactionType === 'CR',
    },
  };
}

/**
 * Charge capture (ARCHITECTURE §5): a charge the EHR captured (DFT^P03, FHIR ChargeItem) is looked
 * up in the chargemaster and posted to the encounter's account once (the EHR charge id is billing's
 * source charge id and the start key). A charge that arrives after the claim went out makes a
 * corrected claim (frequency 7, REF*F8 with the payer's claim number) instead of a new one, and its
 * revenue is recognised by department when the corrected claim is sent.
 */
@Injectable()
export class ChargeCaptureFlow implements FlowDefinitionSource {
  constructor(private readonly config: ProcessApiConfig) {}

  definitions(): FlowDefinition<object>[] {
    return [this.definition()];
  }

  definition(): FlowDefinition<S> {
    return {
      type: CHARGE_CAPTURE,
      version: 1,
      title: 'Charge capture: chargemaster lookup → post to account; a late charge makes a corrected claim',
      triggers: [{ eventType: EHR_CHARGE_CAPTURED, start: (event: CloudEvent) => startFromEvent(event) }],
      awaits: [BILLING_CLAIM_ACCEPTED, BILLING_PAYMENT_POSTED, BILLING_CLAIM_DENIED],
      manualStart: (input) => chargeCaptureStart(input),
      impact: (state, step) => impactOf(state, step),
      steps: [
        { name: 'chargemaster', run: (ctx) => this.chargemaster(ctx) },
        // Waits (rechecking) for the account the encounter's discharge or registration opens.
        { name: 'post-charge', run: (ctx) => this.postCharge(ctx) },
        { name: 'corrected-claim', slaMs: 30 * 86_400_000, run: (ctx) => this.correctedClaim(ctx) },
        {
          name: 'late-revenue',
          retry: { maxAttempts: 12, initialBackoffMs: 200, maxBackoffMs: 30_000 },
          run: (ctx) => this.lateRevenue(ctx),
        },
      ],
    };
  }

  private async chargemaster(ctx: Ctx) {
    const s = ctx.state;
    const entry = await unwrap(
      LAYER,
      ctx.systemApi.GET('/billing/v1/chargemaster/{code}', { params: { path: { code: s.chargeCode }, query: { asOf: s.serviceDate } } }),
    ).catch((error: unknown) => {
      if (error instanceof DownstreamException && error.status === 404)
        throw new StepFailure('CHARGE_CODE_UNKNOWN', `The chargemaster has no charge code ${s.chargeCode}`, false, { cause: error });
      throw error;
    });
    if (!entry.price) throw new StepFailure('CHARGE_NOT_PRICED', `${s.chargeCode} has no price on ${s.serviceDate}`, false);
    return done<S>({
      state: { unitPriceCents: entry.price.amount, departmentCode: s.departmentCode ?? entry.departmentCode },
      output: { chargeCode: entry.chargeCode, revenueCode: entry.revenueCode, unitPriceCents: entry.price.amount },
    });
  }

  private async postCharge(ctx: Ctx) {
    const s = ctx.state;
    if (!s.encounterId) throw new StepFailure('ENCOUNTER_UNKNOWN', `Charge ${s.chargeId} names no encounter to bill`, false);
    const account = await findAccount(ctx, s.encounterId);
    if (!account) return waitUntil<S>(new Date(Date.now() + this.config.FLOW_WAIT_POLL_MS));
    const charge = await unwrap(
      LAYER,
      ctx.systemApi.POST('/billing/v1/accounts/{id}/charges', {
        params: { path: { id: account.id } },
        headers: idempotent(ctx),
        body: {
          chargeCode: s.chargeCode,
          quantity: s.credit ? -Math.abs(s.quantity) : s.quantity,
          serviceDate: s.serviceDate,
          ...(s.departmentCode ? { departmentCode: s.departmentCode } : {}),
          sourceChargeId: s.chargeId,
        },
      }),
    ).catch((error: unknown) => refusal(error, 'CHARGE_REFUSED'));
    ctx.link('account', account.id);
    ctx.link('billing-charge', charge.id);
    const { items } = await unwrap(
      LAYER,
      ctx.systemApi.GET('/billing/v1/claims', { params: { query: { accountId: account.id, limit: 50 } } }),
    );
    const late = items.find((claim) => SENT.has(claim.status) && !claim.replacedByClaimId);
    return done<S>({
      state: {
        accountId: account.id,
        billingChargeId: charge.id,
        amountCents: charge.amount?.amount ?? 0,
        patientClass: account.patientClass,
        ...(late ? { lateForClaimId: late.id } : {}),
      },
      output: { chargeId: charge.id, amountCents: charge.amount?.amount ?? 0, ...(late ? { lateFor: late.id } : {}) },
      next: late ? 'corrected-claim' : 'end',
    });
  }

  /**
   * The replacement claim needs the payer's claim control number of the original (REF*F8): until
   * its 277CA or 835 brings one, wait for it.
   */
  private async correctedClaim(ctx: Ctx) {
    const s = ctx.state;
    const original = await getClaim(ctx, s.lateForClaimId!);
    if (!original.payerClaimControlNumber)
      return waitForEvent<S>([BILLING_CLAIM_ACCEPTED, BILLING_PAYMENT_POSTED, BILLING_CLAIM_DENIED], `Claim/${original.id}`);
    const corrected = await unwrap(
      LAYER,
      ctx.systemApi.POST('/billing/v1/claims', {
        headers: idempotent(ctx),
        body: { accountId: s.accountId!, replacesClaimId: original.id },
      }),
    ).catch((error: unknown) => refusal(error, 'CORRECTED_CLAIM_REFUSED'));
    await unwrap(
      LAYER,
      ctx.systemApi.POST('/billing/v1/claims/{id}/submit', { params: { path: { id: corrected.id } }, headers: idempotent(ctx, 'submit') }),
    ).catch((error: unknown) => refusal(error, 'SUBMISSION_REFUSED'));
    ctx.link('claim', original.id);
    ctx.link('payer-claim-number', original.payerClaimControlNumber);
    ctx.link('corrected-claim', corrected.id);
    ctx.link('corrected-clm01', corrected.patientControlNumber);
    return done<S>({
      state: { correctedClaimId: corrected.id, correctedPcn: corrected.patientControlNumber },
      output: { correctedClaimId: corrected.id, frequencyCode: corrected.frequencyCode, replaces: original.id },
    });
  }

  /** The late charge's gross revenue, by its department, recognised when the corrected claim is sent. */
  private async lateRevenue(ctx: Ctx) {
    const s = ctx.state;
    const { revenue } = submissionJournals(
      { id: s.correctedClaimId!, pcn: s.correctedPcn! },
      [{ departmentCode: s.departmentCode!, chargeCents: s.amountCents!, expectedContractualCents: 0 }],
      await revenueAccounts(ctx, s.patientClass === 'inpatient' ? 'inpatient' : 'outpatient'),
    );
    if (!revenue) return done<S>();
    const id = await postJournal(ctx, revenue, 'revenue');
    ctx.link('erp-journal-late-revenue', id);
    return done<S>({ output: { journal: id } });
  }
}

function startFromEvent(event: CloudEvent): FlowStart<S> | undefined {
  const data = event.data as Partial<ChargeCapturedDataDto> | undefined;
  if (!data?.chargeId || !data.patientId) return undefined;
  return chargeCaptureStart(data);
}

function impactOf(state: S, step: string): FlowBusinessImpact {
  const amount = state.amountCents ?? (state.unitPriceCents !== undefined ? state.unitPriceCents * Math.abs(state.quantity) : undefined);
  return {
    ...(amount !== undefined ? { amountAtRiskCents: amount } : {}),
    details: {
      step,
      chargeCode: state.chargeCode,
      ...(state.encounterId ? { encounter: state.encounterId } : {}),
      ...(state.lateForClaimId ? { claim: state.lateForClaimId } : {}),
    },
  };
}
