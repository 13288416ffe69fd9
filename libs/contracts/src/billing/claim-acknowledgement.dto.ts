import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto } from '../common/money.dto';
import { Phi } from '../phi/phi.decorator';
import { PersonNameDto } from './billing-party.dto';

/**
 * What a 277CA says about a claim. A2 (accepted into adjudication) and A5 (split) accept it; A3, A4,
 * A6, A7 and A8 reject it; A0 and A1 only acknowledge receipt.
 */
export const CLAIM_ACKNOWLEDGEMENT_OUTCOMES = ['accepted', 'rejected', 'pending'] as const;
export type ClaimAcknowledgementOutcome = (typeof CLAIM_ACKNOWLEDGEMENT_OUTCOMES)[number];

/** One STC status: category (A1 … A8), status code and the entity it concerns. */
export class ClaimStatusCodeDto {
  @ApiProperty({ description: 'Claim status category code (STC01-1)', example: 'A7' })
  categoryCode!: string;

  @ApiProperty({ description: 'Claim status code (STC01-2)', example: '21' })
  statusCode!: string;

  @ApiPropertyOptional({ description: 'Entity identifier code (STC01-3), e.g. IL subscriber', example: 'IL' })
  entityCode?: string;
}

/** The clearinghouse's or payer's acknowledgement of one claim (X12 277CA loop 2200D). */
export class ClaimAcknowledgementItemDto {
  @ApiProperty({ description: 'Patient control number (TRN02 = CLM01)', example: 'BMCD-A-1' })
  patientControlNumber!: string;

  @ApiPropertyOptional({ description: "Payer's claim control number (REF*1K)", example: 'BMCD2026111000042' })
  payerClaimControlNumber?: string;

  @ApiPropertyOptional({ description: 'Billing provider NPI (loop 2100C)', example: '1234567893' })
  billingProviderNpi?: string;

  @ApiPropertyOptional({ description: 'Billing provider name (loop 2100C)', example: 'Concord Riverside Clinic' })
  billingProviderName?: string;

  @ApiPropertyOptional({ type: PersonNameDto, description: 'Patient name (loop 2100D)' })
  @Phi()
  patientName?: PersonNameDto;

  @ApiPropertyOptional({ description: 'Patient member id (loop 2100D), when the payer has one', example: 'KHP-44718-01' })
  @Phi()
  patientMemberId?: string;

  @ApiProperty({ enum: CLAIM_ACKNOWLEDGEMENT_OUTCOMES, example: 'rejected' })
  outcome!: ClaimAcknowledgementOutcome;

  @ApiProperty({ type: [ClaimStatusCodeDto] })
  statuses!: ClaimStatusCodeDto[];

  @ApiPropertyOptional({ type: MoneyDto, description: 'Total claim charge (STC04)' })
  totalCharge?: MoneyDto;

  @ApiPropertyOptional({ description: 'Status effective date (STC02)', example: '2026-11-06' })
  statusDate?: string;

  @ApiPropertyOptional({ description: 'Service date or first day of the period (DTP*472)', example: '2026-11-10' })
  serviceDate?: string;
}

/** A 277CA claim acknowledgement (005010X214): the outcome of each claim of a submitted 837. */
export class ClaimAcknowledgementDto {
  @ApiProperty({ description: 'Information source (payer or clearinghouse) name', example: 'Concord Sandbox Clearinghouse' })
  sourceName!: string;

  @ApiPropertyOptional({ description: 'Information source id', example: 'CONCORDCH' })
  sourceId?: string;

  @ApiPropertyOptional({ description: 'Date the source processed the claims (DTP*050)', example: '2026-11-06' })
  receiptDate?: string;

  @ApiProperty({ type: [ClaimAcknowledgementItemDto] })
  claims!: ClaimAcknowledgementItemDto[];
}
