import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { BillingPort } from '@concord/connectors/billing';
import { ClearinghousePort } from '@concord/connectors/clearinghouse';
import { write270 } from '@concord/connectors/x12';
import type { EligibilityRequestDto, EligibilityResponseDto } from '@concord/contracts';
import { TransactionRunner } from '@concord/platform';
import { SystemApiConfig } from '../../system-api.config';
import { BillingException, BillingExceptionCode, translateConnectorError } from '../billing.exception';
import { EligibilityInquiryEntity, X12InterchangeEntity } from '../entities';
import { BillingReferenceService } from '../reference/reference.service';
import { BillingSequences, INTERCHANGE_SEQUENCE } from '../shared/billing-sequences';
import { newId } from '../shared/ids';
import { InboundX12Service } from '../x12/inbound-x12.service';
import { X12Parties } from '../x12/x12-parties';
import type { CreateEligibilityInquiryDto, EligibilityInquiryDto } from './dto/eligibility.dto';

/**
 * Eligibility: a 270 built from an account's coverage goes to the clearinghouse's real-time
 * endpoint; the 271 (or the 999 refusing the 270) that comes back takes the same inbound path as
 * every other interchange, which records the answer on the inquiry.
 */
@Injectable()
export class EligibilityService {
  constructor(
    private readonly billing: BillingPort,
    private readonly reference: BillingReferenceService,
    private readonly transactions: TransactionRunner,
    private readonly sequences: BillingSequences,
    private readonly parties: X12Parties,
    private readonly clearinghouse: ClearinghousePort,
    private readonly inbound: InboundX12Service,
    private readonly config: SystemApiConfig,
  ) {}

  async inquire(input: CreateEligibilityInquiryDto): Promise<EligibilityInquiryDto> {
    let request: EligibilityRequestDto;
    try {
      const account = await this.billing.getAccount(input.accountId);
      const coverage = account.coverages.find((c) => c.order === (input.coverageOrder ?? 1));
      if (!coverage)
        throw new BillingException(
          BillingExceptionCode.INVALID_BILLING_REQUEST,
          `Account ${account.id} has no coverage ${input.coverageOrder ?? 1}`,
          [{ in: 'body', name: 'coverageOrder', detail: 'the account has no coverage of that order' }],
        );
      const [payer, facility] = await Promise.all([this.reference.payer(coverage.payerId), this.reference.facility(account.facilityId)]);
      const subscriber = coverage.relationship === 'self' || !coverage.subscriber ? account.patient : coverage.subscriber;
      request = {
        traceNumber: '',
        payerId: payer.payerId,
        payerName: payer.name,
        provider: { name: facility.name, npi: facility.npi, ein: facility.ein },
        subscriber: {
          ...(coverage.memberId ? { memberId: coverage.memberId } : {}),
          name: subscriber.name,
          ...(subscriber.birthDate ? { birthDate: subscriber.birthDate } : {}),
          ...(subscriber.gender ? { gender: subscriber.gender } : {}),
        },
        ...(coverage.relationship !== 'self'
          ? {
              dependent: {
                relationship: coverage.relationship,
                name: account.patient.name,
                ...(account.patient.birthDate ? { birthDate: account.patient.birthDate } : {}),
                ...(account.patient.gender ? { gender: account.patient.gender } : {}),
              },
            }
          : {}),
        serviceDate: input.serviceDate ?? account.admission.date,
        serviceTypeCodes: input.serviceTypeCodes ?? ['30'],
      };
      const { id, outboundId, text } = await this.transactions.run(async (manager) => {
        const control = await this.sequences.next(manager, INTERCHANGE_SEQUENCE);
        const now = new Date();
        request.traceNumber = `ELG-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${String(control).padStart(9, '0')}`;
        const content = write270([request], { ...this.parties.envelope(control, now), reference: request.traceNumber });
        const outbound: X12InterchangeEntity = {
          id: newId('x12'),
          direction: 'outbound',
          channel: 'realtime',
          fileName: null,
          contentSha256: createHash('sha256').update(content).digest('hex'),
          controlNumber: String(control).padStart(9, '0'),
          groupControlNumber: String(control),
          senderId: this.config.BILLING_SUBMITTER_ID,
          transactionSets: '270',
          status: 'pending',
          errorCount: 0,
          issuesJson: '[]',
          acknowledgement: null,
          summaryJson: null,
          content,
          receivedAt: now.toISOString(),
          processedAt: null,
          attempts: 0,
          lastError: null,
        };
        const inquiry: EligibilityInquiryEntity = {
          id: newId('elg'),
          traceNumber: request.traceNumber,
          payerId: payer.payerId,
          accountId: account.id,
          status: 'pending',
          requestJson: JSON.stringify(request),
          responseJson: null,
          outboundInterchangeId: outbound.id,
          inboundInterchangeId: null,
          createdAt: now.toISOString(),
          answeredAt: null,
        };
        await manager.insert(X12InterchangeEntity, outbound);
        await manager.insert(EligibilityInquiryEntity, inquiry);
        return { id: inquiry.id, outboundId: outbound.id, text: content };
      });
      let answer: string;
      try {
        answer = await this.clearinghouse.inquire(text);
      } catch (error) {
        await this.transactions.run((manager) =>
          manager.update(
            X12InterchangeEntity,
            { id: outboundId },
            { attempts: 1, lastError: error instanceof Error ? error.message.slice(0, 500) : 'failed' },
          ),
        );
        throw error;
      }
      await this.transactions.run((manager) =>
        manager.update(
          X12InterchangeEntity,
          { id: outboundId },
          { status: 'delivered', attempts: 1, processedAt: new Date().toISOString() },
        ),
      );
      await this.inbound.receive(answer, 'realtime');
      return this.get(id);
    } catch (error) {
      throw translateConnectorError(error, BillingExceptionCode.ACCOUNT_NOT_FOUND);
    }
  }

  async get(id: string): Promise<EligibilityInquiryDto> {
    const row = await this.transactions.run((manager) => manager.findOneBy(EligibilityInquiryEntity, { id }));
    if (!row) throw new BillingException(BillingExceptionCode.ELIGIBILITY_INQUIRY_NOT_FOUND, `No eligibility inquiry ${id}`);
    const response = row.responseJson
      ? (JSON.parse(row.responseJson) as EligibilityResponseDto | { acknowledgement: string; errorCodes: string[] })
      : undefined;
    return {
      id: row.id,
      traceNumber: row.traceNumber,
      payerId: row.payerId,
      ...(row.accountId ? { accountId: row.accountId } : {}),
      status: row.status,
      request: JSON.parse(row.requestJson) as EligibilityRequestDto,
      ...(response && 'errorCodes' in response ? { acknowledgementErrors: response.errorCodes } : response ? { response } : {}),
      outboundInterchangeId: row.outboundInterchangeId ?? '',
      ...(row.inboundInterchangeId ? { inboundInterchangeId: row.inboundInterchangeId } : {}),
      createdAt: row.createdAt,
      ...(row.answeredAt ? { answeredAt: row.answeredAt } : {}),
    };
  }
}
