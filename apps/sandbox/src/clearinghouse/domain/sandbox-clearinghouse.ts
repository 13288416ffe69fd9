import type { ClaimAcknowledgementItemDto, ClaimDto, ClaimPaymentDto, EligibilityRequestDto, RemittanceDto } from '@concord/contracts';
import { usd } from '@concord/contracts';
import {
  acknowledgeX12,
  answerEnvelope,
  readX12,
  write271,
  write277ca,
  write835,
  writeAcknowledgementInterchange,
  type X12EnvelopeOptions,
  type X12InterchangeHeader,
  type X12ReadResult,
  type X12TransactionSet,
  type X12ValidationIssue,
} from '@concord/connectors/x12';
import { type PayerContract, SEED_FACILITIES, SEED_PAYERS } from '../../billing/domain/billing-seed';
import { reviewClaim } from './claim-review';
import { CLEARINGHOUSE, PAYER_PROFILES } from './clearinghouse-seed';
import { answerEligibility } from './eligibility-answer';
import { adjudicate } from './payer-adjudication';

export interface ClearinghouseSettings {
  /**
   * Highest SNIP level the 999 reports. 1 by default: the 999 answers the transmission's syntax and
   * envelope, and each claim's implementation-guide problems come back on the 277CA, which is how
   * scenario 3's claim without a subscriber member id (a SNIP 2 error) is rejected with STC A7:21.
   */
  ackSnipLevel: 1 | 2 | 3 | 4;
  /** Delay before the 999 and 277CA of a file are released. */
  ackDelayMs: number;
  /** Delay before the 835 paying the accepted claims is released. */
  remitDelayMs: number;
}

export const DEFAULT_CLEARINGHOUSE_SETTINGS: ClearinghouseSettings = { ackSnipLevel: 1, ackDelayMs: 0, remitDelayMs: 0 };

/** What the payer decided for a patient control number, kept to answer replacements and duplicates. */
export interface AdjudicatedClaim {
  patientControlNumber: string;
  payerId: string;
  payerClaimNumber: string;
  frequencyCode: string;
  receivedOn: string;
  payment: ClaimPaymentDto;
  /** Set once a replacement or void reversed this payment. */
  reversedBy?: string;
}

/** A file waiting for its release time. */
export interface PendingFile {
  dueAt: number;
  kind: '999' | '277CA' | '271' | 'TA1';
  controlNumber: string;
  content: string;
}

/** A claim payment waiting for its payer's next 835. */
export interface PendingPayment {
  dueAt: number;
  payerId: string;
  /** Receiver of the 835: the submitter of the 837 (ISA06). */
  submitterId: string;
  usage: 'P' | 'T';
  payee: { name: string; npi: string; taxId?: string };
  payment: ClaimPaymentDto;
}

export interface ActivityEntry {
  at: string;
  file: string;
  kind: string;
  outcome: string;
  /** Per claim: patient control number, 277CA outcome and why (never patient data). */
  claims: { patientControlNumber: string; outcome: string; reason: string; payerClaimNumber?: string }[];
}

/** Everything the clearinghouse remembers between files: what makes it deterministic across restarts. */
export interface ClearinghouseState {
  version: 1;
  sequences: { interchange: number; file: number; claimNumber: number; trace: number };
  claims: Record<string, AdjudicatedClaim>;
  /** Payer claim control number → patient control number. */
  payerClaims: Record<string, string>;
  /** `<sender>|<ISA13>` of every interchange received. */
  interchanges: string[];
  outbox: PendingFile[];
  payments: PendingPayment[];
  activity: ActivityEntry[];
}

export function emptyClearinghouseState(): ClearinghouseState {
  return {
    version: 1,
    sequences: { interchange: 0, file: 0, claimNumber: 0, trace: 0 },
    claims: {},
    payerClaims: {},
    interchanges: [],
    outbox: [],
    payments: [],
    activity: [],
  };
}

/** A file ready to go to the submitter's inbound folder, named so that names sort in release order. */
export interface ReleasedFile {
  name: string;
  kind: string;
  content: string;
}

const yyyymmdd = (date: Date) => date.toISOString().slice(0, 10).replaceAll('-', '');
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A missing subscriber member id is a claim-level problem (answered on the 277CA), not a structural one. */
function isMemberIdIssue(issue: X12ValidationIssue): boolean {
  return issue.location.loopId === '2010BA' && issue.location.segmentId === 'NM1' && [8, 9].includes(issue.location.elementPosition ?? 0);
}

/**
 * The sandbox clearinghouse and its payers: takes 837 (and 270) files, answers each interchange with
 * a 999 (and TA1 when the envelope is wrong), each claim with a 277CA line, adjudicates the accepted
 * claims by the payer rules (payer-adjudication.ts) and remits them with one 835 per payer and payee.
 * Answers are queued with their release time and written by `release`; nothing here touches files.
 */
export class SandboxClearinghouse {
  private readonly payers = new Map<string, PayerContract>(SEED_PAYERS.filter((p) => !p.selfPay).map((p) => [p.payerId, p]));

  constructor(
    readonly state: ClearinghouseState = emptyClearinghouseState(),
    readonly settings: ClearinghouseSettings = DEFAULT_CLEARINGHOUSE_SETTINGS,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Takes one submitted file. Returns false when it is not X12 at all (nothing can answer it). */
  receive(fileName: string, content: string | Uint8Array): boolean {
    const now = this.clock();
    const read = readX12(content);
    if (read.interchanges.length === 0) {
      this.log({ at: now.toISOString(), file: fileName, kind: 'unknown', outcome: 'not X12', claims: [] });
      return false;
    }
    const duplicates = read.interchanges.filter((interchange) => this.state.interchanges.includes(this.interchangeKey(interchange.header)));
    if (duplicates.length === read.interchanges.length) {
      // Every interchange was seen before: a TA1 (note 025, duplicate control number) and nothing else.
      for (const { header } of duplicates) {
        const control = this.next('interchange');
        this.queue(
          'TA1',
          header.controlNumber,
          now.getTime(),
          writeAcknowledgementInterchange(
            {
              ta1: { controlNumber: header.controlNumber, date: header.date, time: header.time, status: 'R', noteCode: '025' },
              functionalAcknowledgements: [],
            },
            this.envelopeFor(header, control, now),
          ),
        );
      }
      this.log({ at: now.toISOString(), file: fileName, kind: 'duplicate', outcome: 'TA1 025', claims: [] });
      return true;
    }
    for (const { header } of read.interchanges) this.state.interchanges.push(this.interchangeKey(header));
    const ack = acknowledgeX12(content, {
      maxSnipLevel: this.settings.ackSnipLevel,
      envelope: (header) => this.envelopeFor(header, this.next('interchange'), now),
    });
    ack.acknowledgements.interchanges.forEach(({ interchange }, index) => {
      this.queue('999', interchange.header.controlNumber, now.getTime() + this.settings.ackDelayMs, ack.interchanges[index]);
    });
    this.answerTransactionSets(fileName, read, ack.acknowledgements.interchanges, now);
    return true;
  }

  /** Answers a real-time inquiry: a 271 for a valid 270, else the 999 (or TA1) that says what is wrong. */
  answerRealtime(content: string): string | undefined {
    const now = this.clock();
    const ack = acknowledgeX12(content, {
      maxSnipLevel: 4,
      envelope: (header) => this.envelopeFor(header, this.next('interchange'), now),
    });
    if (ack.read.interchanges.length === 0) return undefined;
    const requests = this.acceptedEligibilityRequests(ack.read, ack.acknowledgements.interchanges);
    const header = ack.read.interchanges[0].header;
    if (!ack.read.valid || requests.length === 0) return ack.interchanges[0];
    return this.write271(requests, header, now);
  }

  /** The files due by `now`, in release order: acknowledgements first, then one 835 per payer and payee. */
  release(now = this.clock()): ReleasedFile[] {
    const at = now.getTime();
    const released: ReleasedFile[] = [];
    const due = this.state.outbox.filter((file) => file.dueAt <= at);
    this.state.outbox = this.state.outbox.filter((file) => file.dueAt > at);
    for (const file of due) released.push(this.named(file.kind, file.controlNumber, file.content));
    const payable = this.state.payments.filter((p) => p.dueAt <= at);
    this.state.payments = this.state.payments.filter((p) => p.dueAt > at);
    const batches = new Map<string, PendingPayment[]>();
    for (const pending of payable) {
      const key = `${pending.payerId}|${pending.payee.npi}|${pending.submitterId}`;
      batches.set(key, [...(batches.get(key) ?? []), pending]);
    }
    for (const batch of batches.values()) {
      const control = this.next('interchange');
      released.push(this.named('835', pad(control, 9), this.write835(batch, control, now)));
    }
    return released;
  }

  /** When the next queued file is due (epoch ms), if any. */
  nextDueAt(): number | undefined {
    const times = [...this.state.outbox.map((f) => f.dueAt), ...this.state.payments.map((p) => p.dueAt)];
    return times.length ? Math.min(...times) : undefined;
  }

  // ---- internals ------------------------------------------------------------------------------

  private answerTransactionSets(
    fileName: string,
    read: X12ReadResult,
    acks: ReturnType<typeof acknowledgeX12>['acknowledgements']['interchanges'],
    now: Date,
  ): void {
    read.interchanges.forEach((interchange, i) => {
      const functionalAcks = acks[i]?.functionalAcknowledgements ?? [];
      interchange.groups.forEach((group, g) => {
        group.transactionSets.forEach((set, s) => {
          const status = functionalAcks[g]?.transactionSets[s]?.status;
          const accepted = status === 'A' || status === 'E';
          const content = set.content;
          if (!accepted || !content) {
            this.log({
              at: now.toISOString(),
              file: fileName,
              kind: set.kind ?? set.header.id,
              outcome: `999 ${status ?? 'R'}`,
              claims: [],
            });
            return;
          }
          if (content.kind === '837P' || content.kind === '837I') {
            this.acknowledgeClaims(fileName, content.claims, set, interchange.header, content.submitter?.id, content.reference, now);
          } else if (content.kind === '270') {
            this.queue('271', '', now.getTime() + this.settings.ackDelayMs, this.write271(content.requests, interchange.header, now));
            this.log({ at: now.toISOString(), file: fileName, kind: '270', outcome: `${content.requests.length} answered`, claims: [] });
          } else {
            this.log({ at: now.toISOString(), file: fileName, kind: content.kind, outcome: 'not for a clearinghouse', claims: [] });
          }
        });
      });
    });
  }

  private acknowledgeClaims(
    fileName: string,
    claims: readonly ClaimDto[],
    set: X12TransactionSet,
    header: X12InterchangeHeader,
    submitterId: string | undefined,
    reference: string | undefined,
    now: Date,
  ): void {
    const structuralErrors = set.issues.some((issue) => issue.severity === 'error' && issue.snip >= 2 && !isMemberIdIssue(issue));
    const items: ClaimAcknowledgementItemDto[] = [];
    const logged: ActivityEntry['claims'] = [];
    for (const claim of claims) {
      const payer = this.payers.get(claim.payer.payerId);
      const review = reviewClaim(claim, {
        payerKnown: payer !== undefined && PAYER_PROFILES[claim.payer.payerId] !== undefined,
        originalKnown: (number) => this.state.payerClaims[number] !== undefined,
        structuralErrors,
      });
      let payerClaimNumber: string | undefined;
      if (review.outcome === 'accepted' && payer) {
        payerClaimNumber = `${PAYER_PROFILES[payer.payerId].claimNumberPrefix}${yyyymmdd(now)}${pad(this.next('claimNumber'), 5)}`;
        this.adjudicate(claim, payer, payerClaimNumber, header, submitterId ?? header.senderId, now);
      }
      logged.push({
        patientControlNumber: claim.patientControlNumber,
        outcome: review.outcome,
        reason: review.reason,
        ...(payerClaimNumber ? { payerClaimNumber } : {}),
      });
      items.push({
        patientControlNumber: claim.patientControlNumber,
        ...(payerClaimNumber ? { payerClaimControlNumber: payerClaimNumber } : {}),
        billingProviderNpi: claim.billingProvider.npi,
        billingProviderName: claim.billingProvider.name,
        patientName: claim.patient.relationship === 'self' || !claim.patient.name ? claim.subscriber.name : claim.patient.name,
        ...(claim.subscriber.memberId ? { patientMemberId: claim.subscriber.memberId } : {}),
        outcome: review.outcome,
        statuses: review.statuses,
        totalCharge: usd(claim.totalCharge.amount),
        statusDate: isoDate(now),
        ...((claim.statementPeriod?.start ?? claim.lines[0]?.serviceDate)
          ? { serviceDate: claim.statementPeriod?.start ?? claim.lines[0]?.serviceDate }
          : {}),
      });
    }
    if (items.length) {
      const control = this.next('interchange');
      const text = write277ca(
        { sourceName: CLEARINGHOUSE.name, sourceId: CLEARINGHOUSE.id, receiptDate: isoDate(now), claims: items },
        {
          ...this.envelopeFor(header, control, now),
          sourceEntity: 'AY',
          receiver: { name: 'SUBMITTER', id: submitterId ?? header.senderId },
          acknowledgedReference: reference ?? set.header.controlNumber,
          reference: `CH${pad(control, 9)}`,
        },
      );
      this.queue('277CA', pad(control, 9), now.getTime() + this.settings.ackDelayMs, text);
    }
    this.log({
      at: now.toISOString(),
      file: fileName,
      kind: set.kind ?? '837',
      outcome: `${items.length} claim(s) acknowledged`,
      claims: logged,
    });
  }

  private adjudicate(
    claim: ClaimDto,
    payer: PayerContract,
    payerClaimNumber: string,
    header: X12InterchangeHeader,
    submitterId: string,
    now: Date,
  ): void {
    const previous = this.state.claims[claim.patientControlNumber];
    const originalPcn = claim.originalPayerClaimNumber ? this.state.payerClaims[claim.originalPayerClaimNumber] : undefined;
    const original = originalPcn ? this.state.claims[originalPcn] : undefined;
    const payments = adjudicate(claim, payer, {
      receivedOn: isoDate(now),
      payerClaimNumber,
      duplicate: previous !== undefined && previous.frequencyCode === '1' && claim.frequencyCode === '1',
      ...(original && !original.reversedBy ? { original: original.payment } : {}),
    });
    if (original && !original.reversedBy && claim.frequencyCode !== '1') original.reversedBy = payerClaimNumber;
    const own = payments.find((p) => p.statusCode !== '22');
    if (own && !(previous && claim.frequencyCode === '1' && previous.frequencyCode === '1')) {
      this.state.claims[claim.patientControlNumber] = {
        patientControlNumber: claim.patientControlNumber,
        payerId: payer.payerId,
        payerClaimNumber,
        frequencyCode: claim.frequencyCode,
        receivedOn: isoDate(now),
        payment: own,
      };
    }
    this.state.payerClaims[payerClaimNumber] = claim.patientControlNumber;
    const payee = {
      name: claim.billingProvider.name,
      npi: claim.billingProvider.npi,
      ...(claim.billingProvider.ein ? { taxId: claim.billingProvider.ein.replace('-', '') } : {}),
    };
    for (const payment of payments) {
      this.state.payments.push({
        dueAt: now.getTime() + this.settings.remitDelayMs,
        payerId: payer.payerId,
        submitterId,
        usage: header.usage === 'T' ? 'T' : 'P',
        payee,
        payment,
      });
    }
  }

  private acceptedEligibilityRequests(
    read: X12ReadResult,
    acks: ReturnType<typeof acknowledgeX12>['acknowledgements']['interchanges'],
  ): EligibilityRequestDto[] {
    return read.interchanges.flatMap((interchange, i) =>
      interchange.groups.flatMap((group, g) =>
        group.transactionSets.flatMap((set, s) => {
          const status = acks[i]?.functionalAcknowledgements[g]?.transactionSets[s]?.status;
          return set.content?.kind === '270' && (status === 'A' || status === 'E') ? set.content.requests : [];
        }),
      ),
    );
  }

  private write271(requests: readonly EligibilityRequestDto[], header: X12InterchangeHeader, now: Date): string {
    const control = this.next('interchange');
    const answers = requests.map((request) => ({
      // The 271 echoes the inquirer's trace (TRN03 "1" + EIN); a 270 read back carries the NPI, so the EIN comes from the provider directory.
      request: request.provider.ein
        ? request
        : {
            ...request,
            provider: { ...request.provider, ein: SEED_FACILITIES.find((f) => f.npi === request.provider.npi)?.ein ?? '99-9999999' },
          },
      response: answerEligibility(request, this.payers.get(request.payerId), PAYER_PROFILES[request.payerId]),
    }));
    return write271(answers, { ...this.envelopeFor(header, control, now), reference: `CH${pad(control, 9)}` });
  }

  private write835(batch: PendingPayment[], control: number, now: Date): string {
    const { payerId, payee, submitterId, usage } = batch[0];
    const profile = PAYER_PROFILES[payerId];
    const payments = batch.map((p) => p.payment);
    const paid = payments.reduce((total, p) => total + p.paid.amount, 0);
    // A batch that nets below zero (only reversals) pays nothing; the debt is carried forward (PLB FB).
    const carried = Math.min(paid, 0);
    const trace = `${profile.paymentMethod === 'ACH' ? 'EFT' : 'CHK'}${yyyymmdd(now)}${pad(this.next('trace'), 4)}`;
    const remittance: RemittanceDto = {
      payerName: this.payers.get(payerId)?.name ?? payerId,
      payerId,
      payeeName: payee.name,
      payeeNpi: payee.npi,
      ...(payee.taxId ? { payeeTaxId: payee.taxId } : {}),
      handlingCode: paid > 0 ? 'I' : 'H',
      totalPaid: usd(paid - carried),
      paymentMethod: paid > 0 ? profile.paymentMethod : 'NON',
      paymentDate: isoDate(now),
      traceNumber: trace,
      originatingCompanyId: profile.originatingCompanyId,
      productionDate: isoDate(now),
      claimPayments: payments,
      providerAdjustments:
        carried < 0
          ? [
              {
                providerId: payee.npi,
                fiscalPeriodDate: `${now.getUTCFullYear()}-12-31`,
                reasonCode: 'FB',
                reference: trace,
                amount: usd(carried),
              },
            ]
          : [],
    };
    return write835(remittance, {
      senderId: CLEARINGHOUSE.id,
      receiverId: submitterId,
      interchangeControlNumber: control,
      groupControlNumber: control,
      usage,
      date: now,
      payerAddress: profile.payerAddress,
      payerTechnicalContact: profile.payerTechnicalContact,
      ...(profile.bank && paid > 0 ? { bank: profile.bank } : {}),
    });
  }

  private envelopeFor(received: X12InterchangeHeader, control: number, date: Date): X12EnvelopeOptions {
    return answerEnvelope(received, { interchange: control, group: control }, date);
  }

  private queue(kind: PendingFile['kind'], controlNumber: string, dueAt: number, content: string): void {
    this.state.outbox.push({ kind, controlNumber, dueAt, content });
  }

  private named(kind: string, controlNumber: string, content: string): ReleasedFile {
    const seq = this.next('file');
    return { name: `${pad(seq, 6)}-${kind}${controlNumber ? `-${controlNumber}` : ''}.x12`, kind, content };
  }

  private next(sequence: keyof ClearinghouseState['sequences']): number {
    this.state.sequences[sequence] += 1;
    return this.state.sequences[sequence];
  }

  private interchangeKey(header: X12InterchangeHeader): string {
    return `${header.senderId}|${header.controlNumber}`;
  }

  private log(entry: ActivityEntry): void {
    this.state.activity.push(entry);
    if (this.state.activity.length > 500) this.state.activity.splice(0, this.state.activity.length - 500);
  }
}
