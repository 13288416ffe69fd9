import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type BillingAccount, BillingPort } from '@concord/connectors/billing';
import { ClearinghouseConnectorException, ClearinghouseConnectorExceptionCode, ClearinghousePort } from '@concord/connectors/clearinghouse';
import { readX12, write837Institutional, write837Professional, X12Error, type X12ValidationIssue } from '@concord/connectors/x12';
import { BILLING_CLAIM_SUBMITTED, type ClaimDto, type ClaimFrequencyCode, type ClaimStatus } from '@concord/contracts';
import { EventBackbone } from '@concord/events';
import { APP_LOGGER, type AppLogger, type FieldError, TransactionRunner } from '@concord/platform';
import { IsNull } from 'typeorm';
import { SystemApiConfig } from '../../system-api.config';
import { BillingException, BillingExceptionCode, translateConnectorError } from '../billing.exception';
import { ClaimEntity, X12InterchangeEntity } from '../entities';
import { BillingReferenceService } from '../reference/reference.service';
import { addDays } from '../shared/allocation';
import { claimSubmittedData } from '../shared/billing-event-data';
import { BillingSequences, INTERCHANGE_SEQUENCE } from '../shared/billing-sequences';
import { newId } from '../shared/ids';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '../shared/paging';
import { X12Parties } from '../x12/x12-parties';
import { buildClaim, type BuiltClaim } from './claim-builder';
import { ClaimEditCode, type ClaimEditFailure, runClaimEdits, SOFT_CLAIM_EDITS } from './claim-edits';
import { ClaimStore } from './claim-store';
import type { ClaimPageDto, ClaimViewDto, CreateClaimDto, ListClaimsQuery } from './dto/claim.dto';
import { expectedReimbursement, type ExpectedReimbursement } from './expected-reimbursement';

/** A failed edit as the 422 problem lists it: the field, the edit code, what is wrong. */
export interface EditFieldError extends FieldError {
  code: string;
}

/** Statuses of a claim the payer has received (a corrected claim may replace it). */
const RECEIVED_BY_PAYER: ReadonlySet<string> = new Set(['submitted', 'acknowledged', 'accepted', 'paid', 'partially-paid', 'denied']);

const pad9 = (n: number) => String(n).padStart(9, '0');
const today = () => new Date().toISOString().slice(0, 10);

/** A missing subscriber member id shows in the 837 as NM108/NM109 of loop 2010BA. */
function isMemberIdIssue(issue: X12ValidationIssue): boolean {
  return issue.location.loopId === '2010BA' && issue.location.segmentId === 'NM1' && [8, 9].includes(issue.location.elementPosition ?? 0);
}

interface ClaimDraft {
  built: BuiltClaim;
  expected: ExpectedReimbursement;
  timelyFilingDays: number;
  account: BillingAccount;
}

/**
 * Claims: built from a billing account, validated by the payer-rule edits (and the X12 engine's SNIP
 * 1–4 on the 837 it would send), submitted to the clearinghouse as an 837P/837I, replaced by a
 * corrected claim (frequency 7, REF*F8), revalidated after a rejection. Concord owns the lifecycle.
 */
@Injectable()
export class ClaimService {
  constructor(
    private readonly billing: BillingPort,
    private readonly reference: BillingReferenceService,
    private readonly store: ClaimStore,
    private readonly transactions: TransactionRunner,
    private readonly backbone: EventBackbone,
    private readonly sequences: BillingSequences,
    private readonly parties: X12Parties,
    private readonly clearinghouse: ClearinghousePort,
    private readonly config: SystemApiConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async get(id: string): Promise<ClaimViewDto> {
    const view = await this.store.view(id);
    if (!view) throw new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, `No claim ${id}`);
    return view;
  }

  async list(query: ListClaimsQuery): Promise<ClaimPageDto> {
    const offset = decodeCursor(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const patientIds = query.patientIds?.split(',');
    const { views, total } = await this.store.list({ accountId: query.accountId, patientIds, status: query.status }, offset, limit);
    return { items: views, ...(offset + limit < total ? { nextCursor: encodeCursor(offset + limit) } : {}) };
  }

  /** The 837 that carried the claim. */
  async x12(id: string): Promise<string> {
    const content = await this.transactions.run(async (manager) => {
      const claim = await this.store.get(manager, id);
      if (!claim) throw new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, `No claim ${id}`);
      if (!claim.interchangeId)
        throw new BillingException(
          BillingExceptionCode.CLAIM_STATE_CONFLICT,
          `Claim ${id} is ${claim.status}: it has not been sent as an 837 yet`,
        );
      return (await manager.findOneByOrFail(X12InterchangeEntity, { id: claim.interchangeId })).content;
    });
    return content;
  }

  /** Builds a claim from an account and validates it; a corrected claim replaces a claim the payer received. */
  async create(input: CreateClaimDto): Promise<ClaimViewDto> {
    const account = await this.account(input.accountId);
    const existing = await this.transactions.run((manager) => this.store.byAccount(manager, account.id));
    let original: ClaimEntity | undefined;
    if (input.replacesClaimId) {
      original = await this.transactions.run((manager) => this.store.get(manager, input.replacesClaimId!)).then((c) => c ?? undefined);
      if (!original) throw new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, `No claim ${input.replacesClaimId}`);
      this.checkReplaceable(original, account.id);
    } else {
      const active = existing.find((claim) => claim.replacedByClaimId === null);
      if (active)
        throw new BillingException(
          BillingExceptionCode.CLAIM_EXISTS,
          `Account ${account.id} already has claim ${active.id} (${active.status}): revalidate it, or send a corrected claim that replaces it`,
        );
    }
    const id = newId('clm');
    const patientControlNumber = `${account.accountNumber}-${String(existing.length + 1).padStart(2, '0')}`;
    const frequencyCode: ClaimFrequencyCode = original ? '7' : '1';
    const draft = await this.draft(
      account,
      id,
      patientControlNumber,
      frequencyCode,
      original?.payerClaimControlNumber ?? undefined,
      input.skipEdits ?? [],
    );
    const now = new Date().toISOString();
    try {
      await this.transactions.run(async (manager) => {
        if (original) {
          const claimed = await manager.update(
            ClaimEntity,
            { id: original.id, replacedByClaimId: IsNull() },
            { replacedByClaimId: id, updatedAt: now },
          );
          if (!claimed.affected)
            throw new BillingException(
              BillingExceptionCode.CLAIM_STATE_CONFLICT,
              `Claim ${original.id} was replaced by another claim meanwhile`,
            );
        }
        await this.store.insert(
          manager,
          this.entityOf(draft, { id, patientControlNumber, frequencyCode, replacesClaimId: original?.id, now }),
          [
            {
              status: 'draft',
              source: 'system',
              at: now,
              reason: `built from account ${account.id}`,
              ...(original ? { reference: original.id } : {}),
            },
            { status: 'validated', source: 'edit', at: now, reason: 'payer-rule edits and SNIP 1-4 passed' },
          ],
        );
      });
    } catch (error) {
      // Two requests building the first claim of one account at once: the patient control number is taken.
      if (error instanceof BillingException) throw error;
      const taken = await this.transactions.run((manager) => this.store.byPatientControlNumber(manager, patientControlNumber));
      if (taken) throw new BillingException(BillingExceptionCode.CLAIM_EXISTS, `Account ${account.id} already has claim ${taken.id}`);
      throw error;
    }
    return this.get(id);
  }

  /** Rebuilds a draft, validated or rejected claim from its account (after the data was corrected) and validates it again. */
  async revalidate(id: string, skipEdits: ClaimEditCode[] = []): Promise<ClaimViewDto> {
    const claim = await this.transactions.run((manager) => this.store.get(manager, id));
    if (!claim) throw new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, `No claim ${id}`);
    if (!['draft', 'validated', 'rejected'].includes(claim.status))
      throw new BillingException(
        BillingExceptionCode.CLAIM_STATE_CONFLICT,
        `Claim ${id} is ${claim.status}; only a draft, validated or rejected claim is revalidated`,
      );
    const content = JSON.parse(claim.claimJson) as ClaimDto;
    const account = await this.account(claim.accountId);
    const draft = await this.draft(
      account,
      id,
      claim.patientControlNumber,
      claim.frequencyCode as ClaimFrequencyCode,
      content.originalPayerClaimNumber,
      skipEdits,
    );
    await this.transactions.run(async (manager) => {
      const current = await this.store.get(manager, id);
      if (!current || current.status !== claim.status)
        throw new BillingException(BillingExceptionCode.CLAIM_STATE_CONFLICT, `Claim ${id} changed while it was being revalidated`);
      const now = new Date().toISOString();
      const rebuilt = this.entityOf(draft, {
        id,
        patientControlNumber: claim.patientControlNumber,
        frequencyCode: claim.frequencyCode as ClaimFrequencyCode,
        replacesClaimId: claim.replacesClaimId ?? undefined,
        now,
      });
      const {
        status: _status,
        createdAt: _created,
        replacedByClaimId: _replaced,
        payerClaimControlNumber: _payer,
        interchangeId: _interchange,
        submittedAt: _submitted,
        ...content
      } = rebuilt;
      await manager.update(ClaimEntity, { id }, content);
      if (current.status !== 'draft')
        await this.store.move(manager, current, 'draft', { source: 'user', at: now, reason: 'rebuilt from the corrected account' });
      await this.store.move(manager, current, 'validated', { source: 'edit', at: now, reason: 'payer-rule edits and SNIP 1-4 passed' });
    });
    return this.get(id);
  }

  /** Sends a validated claim as an 837 to the clearinghouse; the claim is submitted once the 837 is recorded for delivery. */
  async submit(id: string): Promise<ClaimViewDto> {
    const interchangeId = await this.transactions.run(async (manager) => {
      const claim = await this.store.get(manager, id);
      if (!claim) throw new BillingException(BillingExceptionCode.CLAIM_NOT_FOUND, `No claim ${id}`);
      if (claim.status !== 'validated')
        throw new BillingException(
          BillingExceptionCode.CLAIM_STATE_CONFLICT,
          `Claim ${id} is ${claim.status}; only a validated claim is submitted`,
        );
      const controlNumber = await this.sequences.next(manager, INTERCHANGE_SEQUENCE);
      const now = new Date();
      const text = this.write837(JSON.parse(claim.claimJson) as ClaimDto, controlNumber, now);
      const interchange: X12InterchangeEntity = {
        id: newId('x12'),
        direction: 'outbound',
        channel: 'folder',
        fileName: `${pad9(controlNumber)}.837`,
        contentSha256: createHash('sha256').update(text).digest('hex'),
        controlNumber: pad9(controlNumber),
        groupControlNumber: String(controlNumber),
        senderId: this.config.BILLING_SUBMITTER_ID,
        transactionSets: claim.kind === 'institutional' ? '837I' : '837P',
        status: 'pending',
        errorCount: 0,
        issuesJson: '[]',
        acknowledgement: null,
        summaryJson: JSON.stringify({ claims: [claim.id] }),
        content: text,
        receivedAt: now.toISOString(),
        processedAt: null,
        attempts: 0,
        lastError: null,
      };
      await manager.insert(X12InterchangeEntity, interchange);
      await manager.update(ClaimEntity, { id }, { interchangeId: interchange.id, submittedAt: now.toISOString() });
      claim.interchangeId = interchange.id;
      await this.store.move(manager, claim, 'submitted', { source: 'user', at: now.toISOString(), reference: pad9(controlNumber) });
      await this.backbone.outbox.add(manager, {
        type: BILLING_CLAIM_SUBMITTED,
        data: claimSubmittedData(claim, pad9(controlNumber)),
        subject: `Claim/${claim.id}`,
      });
      return interchange.id;
    });
    await this.deliver(interchangeId);
    return this.get(id);
  }

  /** Hands every outbound file still waiting for delivery to the clearinghouse (after an outage or a crash). */
  async deliverPending(): Promise<number> {
    const pending = await this.transactions.run((manager) =>
      manager.find(X12InterchangeEntity, {
        where: { direction: 'outbound', channel: 'folder', status: 'pending' },
        order: { receivedAt: 'ASC' },
        take: 100,
      }),
    );
    let delivered = 0;
    for (const interchange of pending) if (await this.deliver(interchange.id)) delivered += 1;
    return delivered;
  }

  private async deliver(interchangeId: string): Promise<boolean> {
    const interchange = await this.transactions.run((manager) => manager.findOneBy(X12InterchangeEntity, { id: interchangeId }));
    if (!interchange || interchange.status !== 'pending' || !interchange.fileName) return false;
    let error: unknown;
    try {
      await this.clearinghouse.submit({ name: interchange.fileName, content: interchange.content });
    } catch (caught) {
      // The same name waiting in the folder is this very file, handed over before a crash.
      if (!(caught instanceof ClearinghouseConnectorException && caught.code === ClearinghouseConnectorExceptionCode.FILE_EXISTS))
        error = caught;
    }
    await this.transactions.run((manager) =>
      manager.update(
        X12InterchangeEntity,
        { id: interchangeId },
        error
          ? { attempts: interchange.attempts + 1, lastError: error instanceof Error ? error.message.slice(0, 500) : 'delivery failed' }
          : { status: 'delivered', attempts: interchange.attempts + 1, processedAt: new Date().toISOString(), lastError: null },
      ),
    );
    if (error) this.logger.warn({ interchangeId, err: error }, 'clearinghouse delivery failed; it will be retried');
    return !error;
  }

  private write837(claim: ClaimDto, controlNumber: number, date: Date): string {
    const options = this.parties.claimOptions(controlNumber, date);
    return claim.kind === 'institutional' ? write837Institutional([claim], options) : write837Professional([claim], options);
  }

  private checkReplaceable(original: ClaimEntity, accountId: string): void {
    if (original.accountId !== accountId)
      throw new BillingException(BillingExceptionCode.CLAIM_STATE_CONFLICT, `Claim ${original.id} belongs to another account`);
    if (original.replacedByClaimId)
      throw new BillingException(
        BillingExceptionCode.CLAIM_STATE_CONFLICT,
        `Claim ${original.id} is already replaced by ${original.replacedByClaimId}`,
      );
    if (!RECEIVED_BY_PAYER.has(original.status))
      throw new BillingException(
        BillingExceptionCode.CLAIM_STATE_CONFLICT,
        `Claim ${original.id} is ${original.status}: only a claim the payer received is replaced; revalidate or submit it instead`,
      );
  }

  private async account(id: string): Promise<BillingAccount> {
    try {
      return await this.billing.getAccount(id);
    } catch (error) {
      throw translateConnectorError(error, BillingExceptionCode.ACCOUNT_NOT_FOUND);
    }
  }

  /** Builds the claim and runs every edit; throws CLAIM_EDITS_FAILED listing all that failed. */
  private async draft(
    account: BillingAccount,
    claimId: string,
    patientControlNumber: string,
    frequencyCode: ClaimFrequencyCode,
    originalPayerClaimNumber: string | undefined,
    skipEdits: readonly ClaimEditCode[],
  ): Promise<ClaimDraft> {
    const disabled = new Set<ClaimEditCode>([
      ...(this.config.BILLING_DISABLED_EDITS as ClaimEditCode[]),
      ...skipEdits.filter((code) => SOFT_CLAIM_EDITS.includes(code)),
    ]);
    const coverage = [...account.coverages].sort((a, b) => a.order - b.order)[0];
    if (!coverage)
      throw this.editsFailed([
        { code: ClaimEditCode.NO_COVERAGE, field: 'account.coverages', detail: 'the account has no coverage to bill' },
      ]);
    let payer;
    let facility;
    let charges;
    try {
      [payer, facility, charges] = await Promise.all([
        this.reference.payer(coverage.payerId),
        this.reference.facility(account.facilityId),
        this.billing.listCharges(account.id),
      ]);
    } catch (error) {
      throw translateConnectorError(error, BillingExceptionCode.ACCOUNT_NOT_FOUND);
    }
    const built = buildClaim({
      claimId,
      patientControlNumber,
      account,
      charges,
      facility,
      payer,
      coverage,
      frequencyCode,
      originalPayerClaimNumber,
    });
    const failures: (ClaimEditFailure | EditFieldError)[] = runClaimEdits(built.claim, {
      account,
      payer,
      today: today(),
      serviceDate: built.serviceDate,
      disabled,
    });
    if (!failures.length) failures.push(...this.snipFailures(built.claim, disabled));
    if (failures.length) throw this.editsFailed(failures);
    return { built, expected: expectedReimbursement(built.claim, payer), timelyFilingDays: payer.timelyFilingDays, account };
  }

  /** The X12 engine's verdict on the 837 the claim would become (SNIP 1–4): the last edit. */
  private snipFailures(claim: ClaimDto, disabled: ReadonlySet<ClaimEditCode>): EditFieldError[] {
    let text: string;
    try {
      text = this.write837(claim, 1, new Date());
    } catch (error) {
      if (error instanceof X12Error) return [{ in: 'body', name: 'claim', code: error.code, detail: error.message }];
      throw error;
    }
    return readX12(text)
      .issues.filter((issue) => issue.severity === 'error')
      .filter((issue) => !(disabled.has(ClaimEditCode.SUBSCRIBER_MEMBER_ID_MISSING) && isMemberIdIssue(issue)))
      .map((issue) => ({
        in: 'body' as const,
        name: `x12.${issue.location.loopId ?? 'envelope'}.${issue.location.segmentId ?? ''}${issue.location.elementPosition ? String(issue.location.elementPosition).padStart(2, '0') : ''}`,
        code: issue.code,
        detail: issue.message,
      }));
  }

  private editsFailed(failures: (ClaimEditFailure | EditFieldError)[]): BillingException {
    const errors: EditFieldError[] = failures.map((failure) =>
      'in' in failure
        ? failure
        : {
            in: 'body',
            name: failure.field,
            pointer: `/${failure.field.replace(/\[(\d+)\]/g, '.$1').replaceAll('.', '/')}`,
            code: failure.code,
            detail: `${failure.code}: ${failure.detail}`,
          },
    );
    return new BillingException(
      BillingExceptionCode.CLAIM_EDITS_FAILED,
      `The claim fails ${errors.length} payer-rule edit${errors.length === 1 ? '' : 's'}: ${[...new Set(errors.map((e) => e.code))].join(', ')}`,
      errors,
    );
  }

  private entityOf(
    draft: ClaimDraft,
    ids: { id: string; patientControlNumber: string; frequencyCode: ClaimFrequencyCode; replacesClaimId?: string; now: string },
  ): ClaimEntity {
    const { claim } = draft.built;
    const { status: _status, statusHistory: _history, ...content } = claim;
    return {
      id: ids.id,
      accountId: draft.account.id,
      encounterId: draft.account.encounterId,
      patientId: draft.account.patient.id ?? null,
      payerId: claim.payer.payerId,
      kind: claim.kind,
      patientClass: draft.account.patientClass,
      frequencyCode: ids.frequencyCode,
      patientControlNumber: ids.patientControlNumber,
      replacesClaimId: ids.replacesClaimId ?? null,
      replacedByClaimId: null,
      payerClaimControlNumber: null,
      status: 'validated' satisfies ClaimStatus,
      totalCharge: claim.totalCharge.amount,
      expectedAllowed: draft.expected.allowedCents,
      expectedPatientShare: draft.expected.patientShareCents,
      expectedPayerPayment: draft.expected.payerPaymentCents,
      expectedContractual: draft.expected.contractualAllowanceCents,
      unpricedLines: draft.expected.unpricedLines,
      serviceDate: draft.built.serviceDate,
      timelyFilingDeadline: addDays(draft.built.serviceDate, draft.timelyFilingDays),
      claimJson: JSON.stringify(content),
      departmentsJson: JSON.stringify(draft.built.departments),
      interchangeId: null,
      createdAt: ids.now,
      updatedAt: ids.now,
      submittedAt: null,
    };
  }
}
