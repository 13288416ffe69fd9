import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  answerEnvelope,
  X12IssueCode,
  buildAcknowledgements,
  type FunctionalAcknowledgement,
  readX12,
  writeAcknowledgementInterchange,
  type X12ReadResult,
  type X12ValidationIssue,
} from '@concord/connectors/x12';
import {
  BILLING_CLAIM_ACCEPTED,
  BILLING_CLAIM_ACKNOWLEDGED,
  BILLING_CLAIM_REJECTED,
  type ClaimAcknowledgementDto,
  type ClaimStatus,
  type ClaimStatusCodeEventDto,
  type EligibilityResponseDto,
} from '@concord/contracts';
import { EventBackbone } from '@concord/events';
import { APP_LOGGER, type AppLogger, type FieldError, RequestException, RequestExceptionCode, TransactionRunner } from '@concord/platform';
import { X12_CONTENT_TYPE } from '@concord/connectors/clearinghouse';
import type { EntityManager } from 'typeorm';
import { SystemApiConfig } from '../../system-api.config';
import { BillingException, BillingExceptionCode } from '../billing.exception';
import { ClaimStore } from '../claims/claim-store';
import { ClaimEntity, EligibilityInquiryEntity, X12InterchangeEntity } from '../entities';
import { RemittanceService } from '../remittances/remittance.service';
import { claimAcceptedData, claimAcknowledgedData, claimRejectedData } from '../shared/billing-event-data';
import { BillingSequences, INTERCHANGE_SEQUENCE } from '../shared/billing-sequences';
import { newId } from '../shared/ids';
import { decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor } from '../shared/paging';
import type {
  InboundListItemDto,
  InboundPageDto,
  InboundReceiptDto,
  InboundStatus,
  InboundSummaryDto,
  ListInboundQuery,
  X12IssueDto,
} from './dto/inbound.dto';

export type InboundChannel = 'folder' | 'rest' | 'realtime';

const MAX_STORED_ISSUES = 1_000;
const MAX_LISTED_ISSUES = 200;
const today = () => new Date().toISOString().slice(0, 10);
const emptySummary = (): InboundSummaryDto => ({ claims: [], remittances: [], eligibility: [], unmatched: [], notes: [] });

export function issueDto(issue: X12ValidationIssue): X12IssueDto {
  const l = issue.location;
  return {
    code: issue.code,
    severity: issue.severity,
    snip: issue.snip,
    message: issue.message,
    ...(l.interchangeControlNumber !== undefined ? { interchangeControlNumber: l.interchangeControlNumber } : {}),
    ...(l.groupControlNumber !== undefined ? { groupControlNumber: l.groupControlNumber } : {}),
    ...(l.transactionSetId !== undefined ? { transactionSetId: l.transactionSetId } : {}),
    ...(l.transactionSetControlNumber !== undefined ? { transactionSetControlNumber: l.transactionSetControlNumber } : {}),
    ...(l.segmentPosition !== undefined ? { segmentPosition: l.segmentPosition } : {}),
    ...(l.segmentId !== undefined ? { segmentId: l.segmentId } : {}),
    ...(l.loopId !== undefined ? { loopId: l.loopId } : {}),
    ...(l.elementPosition !== undefined ? { elementPosition: l.elementPosition } : {}),
    ...(l.componentPosition !== undefined ? { componentPosition: l.componentPosition } : {}),
  };
}

/** An issue as a problem's field error: the element (CLP04), where it is, and the engine's code and words. */
function fieldErrorOf(issue: X12IssueDto): FieldError & { code: string } {
  const element =
    issue.segmentId && issue.elementPosition
      ? `${issue.segmentId}${String(issue.elementPosition).padStart(2, '0')}`
      : (issue.segmentId ?? 'interchange');
  const where = [
    issue.interchangeControlNumber && `ISA13 ${issue.interchangeControlNumber}`,
    issue.transactionSetControlNumber && `ST02 ${issue.transactionSetControlNumber}`,
    issue.loopId && `loop ${issue.loopId}`,
    issue.segmentPosition !== undefined && `segment ${issue.segmentPosition}`,
  ].filter(Boolean);
  return {
    in: 'body',
    name: element,
    pointer: `/${[issue.interchangeControlNumber, issue.transactionSetControlNumber, issue.segmentPosition, issue.elementPosition].filter((p) => p !== undefined).join('/')}`,
    code: issue.code,
    detail: `${issue.code} (SNIP ${issue.snip}${where.length ? `, ${where.join(', ')}` : ''}): ${issue.message}`,
  };
}

/**
 * Every X12 interchange that comes in (clearinghouse inbound folder, REST, real-time answers) goes
 * through here: read and validated whole (SNIP 1–4), stored with its issues and the 999 that answers
 * it, then, only when it has no error, applied in one transaction by transaction set — 999s and
 * 277CAs move claims, 835s record remittances, 271s answer eligibility inquiries. Identical content
 * is stored once and applied once; the postings of its remittances follow the commit.
 */
@Injectable()
export class InboundX12Service {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly sequences: BillingSequences,
    private readonly claims: ClaimStore,
    private readonly remittances: RemittanceService,
    private readonly backbone: EventBackbone,
    private readonly config: SystemApiConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  /** Takes an interchange over REST: answers a receipt, or a problem that names every error (the 999 is stored). */
  async receiveOverRest(body: unknown): Promise<InboundReceiptDto> {
    if (typeof body !== 'string')
      throw new RequestException(RequestExceptionCode.UNSUPPORTED_MEDIA_TYPE, `Send the interchange as ${X12_CONTENT_TYPE}`);
    const receipt = await this.receive(body, 'rest');
    if (receipt.status === 'not-x12')
      throw new BillingException(
        BillingExceptionCode.X12_NOT_X12,
        `The body is not an X12 interchange (no ISA header); kept as ${receipt.id}`,
        receipt.issues.slice(0, MAX_LISTED_ISSUES).map(fieldErrorOf),
      );
    if (receipt.status === 'rejected')
      throw new BillingException(
        BillingExceptionCode.X12_INTERCHANGE_REJECTED,
        `Interchange ${receipt.controlNumber ?? '(unknown)'} has ${receipt.errorCount} error${receipt.errorCount === 1 ? '' : 's'}; nothing of it was applied. ` +
          `It is kept as ${receipt.id}; its 999 is at GET /billing/v1/inbound/x12/${receipt.id}/acknowledgement`,
        receipt.issues
          .filter((issue) => issue.severity === 'error')
          .slice(0, MAX_LISTED_ISSUES)
          .map(fieldErrorOf),
      );
    return receipt;
  }

  /** Reads, stores and (when valid) applies one inbound interchange. Never throws for bad input. */
  async receive(content: string, channel: InboundChannel, fileName?: string): Promise<InboundReceiptDto> {
    const sha = createHash('sha256').update(content).digest('hex');
    const seen = await this.transactions.run((manager) =>
      manager.findOneBy(X12InterchangeEntity, { direction: 'inbound', contentSha256: sha }),
    );
    if (seen) return { ...(await this.receiptOf(seen)), duplicateOf: seen.id };

    const maxSnipLevel = this.config.BILLING_INBOUND_SNIP_LEVEL;
    const read = readX12(content);
    const acknowledgements = buildAcknowledgements(read, { maxSnipLevel });
    const issues = read.issues.filter((issue) => issue.snip <= maxSnipLevel || issue.code === X12IssueCode.NOT_X12);
    const errors = issues.filter((issue) => issue.severity === 'error');
    const sets = read.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactionSets));
    let status: InboundStatus = read.interchanges.length === 0 ? 'not-x12' : errors.length ? 'rejected' : 'applied';

    let row: X12InterchangeEntity;
    try {
      row = await this.transactions.run(async (manager) => {
        const answers: string[] = [];
        for (const { interchange, ta1, functionalAcknowledgements } of acknowledgements.interchanges) {
          const control = await this.sequences.next(manager, INTERCHANGE_SEQUENCE);
          try {
            answers.push(
              writeAcknowledgementInterchange(
                { ta1, functionalAcknowledgements },
                answerEnvelope(interchange.header, { interchange: control, group: control }),
              ),
            );
          } catch (error) {
            // An envelope too broken to answer (no usable ids) still gets stored with its issues.
            this.logger.warn({ err: error }, 'no acknowledgement could be written for an inbound interchange');
          }
        }
        const summary = emptySummary();
        const entity: X12InterchangeEntity = {
          id: newId('x12'),
          direction: 'inbound',
          channel,
          fileName: fileName?.slice(0, 200) ?? null,
          contentSha256: sha,
          controlNumber: read.interchanges[0]?.header.controlNumber.slice(0, 9) || null,
          groupControlNumber: read.interchanges[0]?.groups[0]?.header.controlNumber.slice(0, 9) || null,
          senderId: read.interchanges[0]?.header.senderId.slice(0, 15) || null,
          transactionSets: sets
            .map((set) => set.kind ?? (/^\d{3}$/.test(set.header.id) ? set.header.id : '?'))
            .join(',')
            .slice(0, 200),
          status,
          errorCount: errors.length,
          issuesJson: JSON.stringify(issues.slice(0, MAX_STORED_ISSUES).map(issueDto)),
          acknowledgement: answers.length ? answers.join('\n') : null,
          summaryJson: null,
          content,
          receivedAt: new Date().toISOString(),
          processedAt: null,
          attempts: 1,
          lastError: null,
        };
        await manager.insert(X12InterchangeEntity, entity);
        if (status === 'applied') {
          const applied = await this.apply(manager, entity.id, read, summary);
          if (!applied) status = 'ignored';
          entity.status = status;
        }
        entity.summaryJson = JSON.stringify(summary);
        entity.processedAt = new Date().toISOString();
        await manager.update(
          X12InterchangeEntity,
          { id: entity.id },
          { status: entity.status, summaryJson: entity.summaryJson, processedAt: entity.processedAt },
        );
        return entity;
      });
    } catch (error) {
      // The same content arriving twice at once: the loser reads the winner's receipt.
      const winner = await this.transactions.run((manager) =>
        manager.findOneBy(X12InterchangeEntity, { direction: 'inbound', contentSha256: sha }),
      );
      if (winner) return { ...(await this.receiptOf(winner)), duplicateOf: winner.id };
      throw error;
    }
    this.logger.info(
      { interchangeId: row.id, channel, status: row.status, transactionSets: row.transactionSets, errors: row.errorCount },
      'inbound X12 interchange received',
    );
    const summary = JSON.parse(row.summaryJson ?? '{}') as InboundSummaryDto;
    await this.remittances.postRemittances(summary.remittances.filter((r) => !r.duplicate).map((r) => r.remittanceId));
    return this.receiptOf(row);
  }

  async get(id: string): Promise<InboundReceiptDto> {
    const row = await this.transactions.run((manager) => manager.findOneBy(X12InterchangeEntity, { id, direction: 'inbound' }));
    if (!row) throw new BillingException(BillingExceptionCode.INTERCHANGE_NOT_FOUND, `No inbound interchange ${id}`);
    return this.receiptOf(row);
  }

  async acknowledgement(id: string): Promise<string> {
    const row = await this.transactions.run((manager) => manager.findOneBy(X12InterchangeEntity, { id, direction: 'inbound' }));
    if (!row) throw new BillingException(BillingExceptionCode.INTERCHANGE_NOT_FOUND, `No inbound interchange ${id}`);
    if (!row.acknowledgement)
      throw new BillingException(
        BillingExceptionCode.INTERCHANGE_NOT_FOUND,
        `Interchange ${id} is not X12, so no 999 or TA1 can answer it`,
      );
    return row.acknowledgement;
  }

  async list(query: ListInboundQuery): Promise<InboundPageDto> {
    const offset = decodeCursor(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [rows, total] = await this.transactions.run((manager) =>
      manager.findAndCount(X12InterchangeEntity, {
        where: { direction: 'inbound', ...(query.status ? { status: query.status } : {}) },
        order: { receivedAt: 'DESC', id: 'ASC' },
        skip: offset,
        take: limit,
      }),
    );
    return {
      items: rows.map((row) => this.listItemOf(row)),
      ...(offset + limit < total ? { nextCursor: encodeCursor(offset + limit) } : {}),
    };
  }

  // ---- applying -------------------------------------------------------------------------------

  /** Applies every transaction set in the caller's transaction; false when none was one Concord applies. */
  private async apply(manager: EntityManager, interchangeId: string, read: X12ReadResult, summary: InboundSummaryDto): Promise<boolean> {
    let applied = false;
    for (const interchange of read.interchanges)
      for (const group of interchange.groups)
        for (const set of group.transactionSets) {
          const content = set.content;
          if (!content) continue;
          switch (content.kind) {
            case '999':
              await this.apply999(manager, content.acknowledgement, interchange.header.controlNumber, summary);
              applied = true;
              break;
            case '277CA':
              await this.apply277(manager, content.acknowledgement, interchange.header.controlNumber, summary);
              applied = true;
              break;
            case '835':
              await this.remittances.record(manager, interchangeId, content.remittance, summary);
              applied = true;
              break;
            case '271':
              await this.apply271(manager, content.responses, interchangeId, summary);
              applied = true;
              break;
            case '837P':
            case '837I':
            case '270':
              summary.notes.push(`${content.kind} ${set.header.controlNumber}: not an answer Concord applies; acknowledged and kept`);
              break;
          }
        }
    return applied;
  }

  /** A 999 answers one of Concord's 837s (or 270s): its group control number names it. */
  private async apply999(
    manager: EntityManager,
    ack: FunctionalAcknowledgement,
    reference: string,
    summary: InboundSummaryDto,
  ): Promise<void> {
    const outbound = await manager.findOneBy(X12InterchangeEntity, {
      direction: 'outbound',
      groupControlNumber: String(Number(ack.groupControlNumber)),
      senderId: this.config.BILLING_SUBMITTER_ID,
    });
    if (!outbound) {
      summary.unmatched.push({ kind: '999', reference: ack.groupControlNumber });
      return;
    }
    const setAck = ack.transactionSets[0];
    const accepted = setAck ? setAck.status === 'A' || setAck.status === 'E' : ack.status === 'A' || ack.status === 'E';
    const codes = setAck ? setAck.errorCodes : ack.groupErrorCodes;
    if (outbound.transactionSets === '270') {
      const inquiry = await manager.findOneBy(EligibilityInquiryEntity, { outboundInterchangeId: outbound.id });
      if (inquiry && !accepted) {
        await manager.update(
          EligibilityInquiryEntity,
          { id: inquiry.id },
          {
            status: 'rejected',
            responseJson: JSON.stringify({ acknowledgement: 'R', errorCodes: codes }),
            answeredAt: new Date().toISOString(),
          },
        );
        summary.eligibility.push({ inquiryId: inquiry.id, traceNumber: inquiry.traceNumber, status: 'rejected' });
      }
      return;
    }
    for (const claim of await this.claims.byInterchange(manager, outbound.id)) {
      if (claim.status !== 'submitted') {
        summary.notes.push(`999 for claim ${claim.patientControlNumber}: the claim is already ${claim.status}, no change`);
        continue;
      }
      if (accepted) {
        await this.moveClaim(manager, claim, 'acknowledged', '999', `999 ${setAck?.status ?? ack.status}`, reference, summary);
        await this.backbone.outbox.add(manager, {
          type: BILLING_CLAIM_ACKNOWLEDGED,
          data: claimAcknowledgedData(claim, setAck?.status ?? ack.status, outbound.controlNumber ?? ''),
          subject: `Claim/${claim.id}`,
        });
      } else {
        const statuses = codes.map((code) => ({ categoryCode: 'IK5', statusCode: code }));
        const reason = `999 rejected the transaction set (IK5 R${codes.length ? `, codes ${codes.join(' ')}` : ''})`;
        await this.moveClaim(manager, claim, 'rejected', '999', reason, reference, summary);
        await this.backbone.outbox.add(manager, {
          type: BILLING_CLAIM_REJECTED,
          data: claimRejectedData(claim, '999', statuses, reason, today()),
          subject: `Claim/${claim.id}`,
        });
      }
    }
  }

  /** A 277CA accepts or rejects claims by their patient control number (TRN02). */
  private async apply277(
    manager: EntityManager,
    ack: ClaimAcknowledgementDto,
    reference: string,
    summary: InboundSummaryDto,
  ): Promise<void> {
    for (const item of ack.claims) {
      const claim = await this.claims.byPatientControlNumber(manager, item.patientControlNumber);
      if (!claim) {
        summary.unmatched.push({ kind: '277CA', reference: item.patientControlNumber });
        continue;
      }
      const statuses: ClaimStatusCodeEventDto[] = item.statuses.map((s) => ({
        categoryCode: s.categoryCode,
        statusCode: s.statusCode,
        ...(s.entityCode ? { entityCode: s.entityCode } : {}),
      }));
      const stc = `STC ${statuses.map((s) => `${s.categoryCode}:${s.statusCode}${s.entityCode ? `:${s.entityCode}` : ''}`).join(' ')}`;
      if (item.payerClaimControlNumber && item.outcome === 'accepted' && !claim.payerClaimControlNumber) {
        claim.payerClaimControlNumber = item.payerClaimControlNumber.slice(0, 50);
        await manager.update(ClaimEntity, { id: claim.id }, { payerClaimControlNumber: claim.payerClaimControlNumber });
      }
      if (item.outcome === 'pending') {
        summary.notes.push(`277CA for claim ${claim.patientControlNumber}: ${stc}, pending`);
        continue;
      }
      if (claim.status !== 'submitted' && claim.status !== 'acknowledged') {
        summary.notes.push(`277CA for claim ${claim.patientControlNumber}: the claim is already ${claim.status}, no change`);
        continue;
      }
      if (item.outcome === 'accepted') {
        await this.moveClaim(manager, claim, 'accepted', '277CA', stc, item.payerClaimControlNumber ?? reference, summary);
        await this.backbone.outbox.add(manager, {
          type: BILLING_CLAIM_ACCEPTED,
          data: claimAcceptedData(claim, statuses),
          subject: `Claim/${claim.id}`,
        });
      } else {
        await this.moveClaim(manager, claim, 'rejected', '277CA', stc, reference, summary);
        await this.backbone.outbox.add(manager, {
          type: BILLING_CLAIM_REJECTED,
          data: claimRejectedData(claim, '277CA', statuses, stc, today()),
          subject: `Claim/${claim.id}`,
        });
      }
    }
  }

  /** A 271 answers an inquiry by its trace number (TRN02). */
  private async apply271(
    manager: EntityManager,
    responses: readonly EligibilityResponseDto[],
    interchangeId: string,
    summary: InboundSummaryDto,
  ): Promise<void> {
    for (const response of responses) {
      const inquiry = response.traceNumber
        ? await manager.findOneBy(EligibilityInquiryEntity, { traceNumber: response.traceNumber })
        : null;
      if (!inquiry) {
        summary.unmatched.push({ kind: '271', reference: response.traceNumber ?? '(no trace)' });
        continue;
      }
      const status = response.rejections.length ? 'rejected' : 'answered';
      await manager.update(
        EligibilityInquiryEntity,
        { id: inquiry.id },
        { status, responseJson: JSON.stringify(response), inboundInterchangeId: interchangeId, answeredAt: new Date().toISOString() },
      );
      summary.eligibility.push({ inquiryId: inquiry.id, traceNumber: inquiry.traceNumber, status });
    }
  }

  private async moveClaim(
    manager: EntityManager,
    claim: ClaimEntity,
    to: ClaimStatus,
    source: '999' | '277CA',
    reason: string,
    reference: string,
    summary: InboundSummaryDto,
  ): Promise<void> {
    const from = claim.status;
    const moved = await this.claims.move(manager, claim, to, { source, reason, reference });
    if (moved) summary.claims.push({ claimId: claim.id, patientControlNumber: claim.patientControlNumber, source, from, to });
    else summary.notes.push(`${source} for claim ${claim.patientControlNumber}: no way from ${from} to ${to}`);
  }

  // ---- views ----------------------------------------------------------------------------------

  private async receiptOf(row: X12InterchangeEntity): Promise<InboundReceiptDto> {
    const summary = row.summaryJson ? (JSON.parse(row.summaryJson) as InboundSummaryDto) : emptySummary();
    // Posting states are read now: they move on after the receipt was first written.
    for (const remittance of summary.remittances) {
      if (remittance.duplicate || !remittance.postings.length) continue;
      const current = await this.remittances.get(remittance.remittanceId);
      remittance.postings = current.claimPayments.map((p) => ({
        claimPaymentId: p.id,
        ...(p.claimId ? { claimId: p.claimId } : {}),
        patientControlNumber: p.patientControlNumber,
        postingStatus: p.postingStatus,
      }));
    }
    return {
      ...this.listItemOf(row),
      issues: JSON.parse(row.issuesJson) as X12IssueDto[],
      ...(row.acknowledgement ? { acknowledgement: row.acknowledgement } : {}),
      summary,
    };
  }

  private listItemOf(row: X12InterchangeEntity): InboundListItemDto {
    return {
      id: row.id,
      status: row.status as InboundStatus,
      channel: row.channel,
      ...(row.fileName ? { fileName: row.fileName } : {}),
      ...(row.controlNumber ? { controlNumber: row.controlNumber } : {}),
      transactionSets: row.transactionSets ? row.transactionSets.split(',') : [],
      errorCount: row.errorCount,
      receivedAt: row.receivedAt,
    };
  }
}
