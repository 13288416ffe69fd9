import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CodingDto, PeriodDto } from '../common/coding.dto';
import { MoneyDto } from '../common/money.dto';
import { Phi } from '../phi/phi.decorator';
import { PersonNameDto } from './billing-party.dto';

/** CAS adjustment group codes in 5010: contractual, patient responsibility, other, payer initiated. */
export const ADJUSTMENT_GROUP_CODES = ['CO', 'PR', 'OA', 'PI'] as const;
export type AdjustmentGroupCode = (typeof ADJUSTMENT_GROUP_CODES)[number];

/** One adjustment (an X12 CAS triplet): why charge and payment differ. Positive reduces the payment. */
export class AdjustmentDto {
  @ApiProperty({ enum: ADJUSTMENT_GROUP_CODES, example: 'CO' })
  group!: AdjustmentGroupCode;

  @ApiProperty({
    type: CodingDto,
    description: 'Claim adjustment reason code (CARC)',
    example: { system: 'https://x12.org/codes/claim-adjustment-reason-codes', code: '45' },
  })
  reason!: CodingDto;

  @ApiProperty({ type: MoneyDto, example: { amount: 1370000, currency: 'USD' } })
  amount!: MoneyDto;

  @ApiPropertyOptional({ description: 'Adjusted units, when the payer reports them', example: 1 })
  quantity?: number;
}

/** A service line of a claim payment (X12 loop 2110, SVC). */
export class ServicePaymentDto {
  @ApiPropertyOptional({ type: CodingDto, description: 'CPT/HCPCS (SVC01 qualifier HC) or other adjudicated code' })
  procedureCode?: CodingDto;

  @ApiPropertyOptional({ type: [String], example: ['LT'] })
  modifiers?: string[];

  @ApiPropertyOptional({ description: 'Revenue code (SVC01 qualifier NU, or SVC04)', example: '0278' })
  revenueCode?: string;

  @ApiProperty({ type: MoneyDto, description: 'Line charge (SVC02)' })
  charge!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Line paid (SVC03)' })
  paid!: MoneyDto;

  @ApiPropertyOptional({ description: 'Paid units (SVC05)', example: 1 })
  units?: number;

  @ApiPropertyOptional({ description: 'Service date (DTM*472, or DTM*150 start)', example: '2026-11-10' })
  serviceDate?: string;

  @ApiPropertyOptional({ description: 'Service period end (DTM*151)', example: '2026-11-10' })
  serviceDateEnd?: string;

  @ApiPropertyOptional({ description: 'Line item control number sent on the claim (REF*6R)', example: '1' })
  lineControlNumber?: string;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Allowed amount (AMT*B6)' })
  allowed?: MoneyDto;

  @ApiProperty({ type: [AdjustmentDto] })
  adjustments!: AdjustmentDto[];

  @ApiProperty({ type: [CodingDto], description: 'Remittance advice remark codes (LQ*HE)' })
  remarks!: CodingDto[];
}

/** CLP02 claim status codes used in 5010 835s. */
export const CLAIM_PAYMENT_STATUS_CODES = ['1', '2', '3', '4', '19', '20', '21', '22', '23', '25'] as const;
export type ClaimPaymentStatusCode = (typeof CLAIM_PAYMENT_STATUS_CODES)[number];

/** The payer's decision on one claim (X12 loop 2100, CLP). */
export class ClaimPaymentDto {
  @ApiProperty({ description: 'Patient control number (CLP01 = CLM01 of the claim)', example: 'CG-A-100234-01' })
  patientControlNumber!: string;

  @ApiProperty({
    enum: CLAIM_PAYMENT_STATUS_CODES,
    description: 'CLP02: 1 processed as primary, 2 secondary, 3 tertiary, 4 denied, 22 reversal ...',
    example: '1',
  })
  statusCode!: string;

  @ApiProperty({ type: MoneyDto, description: 'Total charge (CLP03)' })
  charge!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Paid (CLP04)' })
  paid!: MoneyDto;

  @ApiPropertyOptional({ type: MoneyDto, description: 'Patient responsibility (CLP05)' })
  patientResponsibility?: MoneyDto;

  @ApiPropertyOptional({ description: 'Claim filing indicator (CLP06)', example: 'MA' })
  claimFilingIndicator?: string;

  @ApiPropertyOptional({ description: "Payer's claim control number (CLP07); REF*F8 of a corrected claim", example: 'MCR26310000123' })
  payerClaimControlNumber?: string;

  @ApiPropertyOptional({ description: 'Facility type code (CLP08)', example: '11' })
  facilityTypeCode?: string;

  @ApiPropertyOptional({ description: 'Claim frequency code (CLP09)', example: '1' })
  frequencyCode?: string;

  @ApiPropertyOptional({ description: 'DRG code (CLP11)', example: '470' })
  drg?: string;

  @ApiPropertyOptional({ description: 'Patient member id at the payer (NM1*QC)', example: '1EG4TE5MK73' })
  @Phi()
  patientMemberId?: string;

  @ApiPropertyOptional({ type: PersonNameDto })
  @Phi()
  patientName?: PersonNameDto;

  @ApiPropertyOptional({ type: PeriodDto, description: 'Statement period (DTM*232/233)' })
  statementPeriod?: PeriodDto;

  @ApiProperty({ type: [AdjustmentDto], description: 'Claim-level adjustments (CAS in loop 2100)' })
  adjustments!: AdjustmentDto[];

  @ApiProperty({ type: [ServicePaymentDto] })
  serviceLines!: ServicePaymentDto[];

  @ApiProperty({ type: [CodingDto], description: 'Claim-level remark codes (MIA/MOA)' })
  remarks!: CodingDto[];
}

/** A provider-level adjustment (PLB): not tied to a claim; positive reduces the payment. */
export class ProviderAdjustmentDto {
  @ApiProperty({ description: 'Provider identifier (PLB01)', example: '1234567893' })
  providerId!: string;

  @ApiProperty({ description: 'Fiscal period end (PLB02)', example: '2026-12-31' })
  fiscalPeriodDate!: string;

  @ApiProperty({ description: 'Adjustment reason code (PLB03-1), e.g. WO overpayment recovery, L6 interest', example: 'L6' })
  reasonCode!: string;

  @ApiPropertyOptional({ description: 'Reference (PLB03-2)', example: 'CG-A-100234-01' })
  reference?: string;

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;
}

/** A remittance advice (X12 835): one payment and the claims it pays. */
export class RemittanceDto {
  @ApiProperty({ description: 'Payer name (N1*PR)', example: 'Medicare Part A' })
  payerName!: string;

  @ApiPropertyOptional({ description: 'Payer id (N1*PR N104 or REF*2U)', example: 'MCRA1' })
  payerId?: string;

  @ApiProperty({ description: 'Payee name (N1*PE)', example: 'Concord General Hospital' })
  payeeName!: string;

  @ApiPropertyOptional({ description: 'Payee NPI (N1*PE with XX)', example: '1234567893' })
  payeeNpi?: string;

  @ApiPropertyOptional({ description: 'Payee tax id (N1*PE with FI, or REF*TJ)', example: '123456789' })
  payeeTaxId?: string;

  @ApiProperty({ description: 'Transaction handling code (BPR01): I remittance with payment, H notification only ...', example: 'I' })
  handlingCode!: string;

  @ApiProperty({ type: MoneyDto, description: 'Total actual provider payment (BPR02)' })
  totalPaid!: MoneyDto;

  @ApiProperty({ description: 'Payment method (BPR04): ACH, CHK, FWT, BOP, NON', example: 'ACH' })
  paymentMethod!: string;

  @ApiPropertyOptional({ description: 'Payment or issue date (BPR16)', example: '2026-11-20' })
  paymentDate?: string;

  @ApiProperty({ description: 'Check or EFT trace number (TRN02)', example: 'EFT20261120001' })
  traceNumber!: string;

  @ApiPropertyOptional({ description: 'Payer identifier in the trace (TRN03)', example: '1999999999' })
  originatingCompanyId?: string;

  @ApiPropertyOptional({ description: 'Production date (DTM*405)', example: '2026-11-19' })
  productionDate?: string;

  @ApiProperty({ type: [ClaimPaymentDto] })
  claimPayments!: ClaimPaymentDto[];

  @ApiProperty({ type: [ProviderAdjustmentDto] })
  providerAdjustments!: ProviderAdjustmentDto[];
}
