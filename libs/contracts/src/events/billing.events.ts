import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ADJUSTMENT_GROUP_CODES, type AdjustmentGroupCode } from '../billing/remittance.dto';
import { CLAIM_KINDS, type ClaimKind } from '../billing/claim.dto';
import { MoneyDto } from '../common/money.dto';
import { defineEvent, type EventContract } from './event-contract';

/**
 * Billing events: facts about claims, remittances and postings that system-api publishes through
 * its outbox in the transaction that records them. Data is canonical and small: ids, codes and money
 * (integer cents); no names or birth dates. Claim and posting events are ordered by patient account.
 */

export const PATIENT_CLASSES = ['inpatient', 'outpatient'] as const;

/** One claim status from a 999 or 277CA (STC01: category, status, entity). */
export class ClaimStatusCodeEventDto {
  @ApiProperty({ description: 'Claim status category (STC01-1), or the 999 IK5/AK9 code for a 999 rejection', example: 'A7' })
  categoryCode!: string;

  @ApiProperty({ description: 'Claim status code (STC01-2)', example: '21' })
  statusCode!: string;

  @ApiPropertyOptional({ description: 'Entity identifier code (STC01-3)', example: 'IL' })
  entityCode?: string;
}

/** A claim's charges of one department (cost centre), with what the contract expects of them. */
export class ClaimDepartmentDto {
  @ApiProperty({ description: 'Department (cost centre) the charges were posted to', example: '6300' })
  departmentCode!: string;

  @ApiProperty({ type: MoneyDto, description: 'Gross charges of the department on the claim' })
  charge!: MoneyDto;

  @ApiProperty({
    type: MoneyDto,
    description: 'Share of the expected contractual allowance, allocated by charge (largest remainder, to the cent)',
  })
  expectedContractualAllowance!: MoneyDto;
}

export class ExpectedReimbursementDto {
  @ApiProperty({ type: MoneyDto, description: 'What the contract allows for the claim (DRG rate or fee schedule)' })
  allowed!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Expected patient share (deductible, coinsurance, copay)' })
  patientShare!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Expected payer payment: allowed minus patient share' })
  payerPayment!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Expected contractual allowance: charge minus allowed' })
  contractualAllowance!: MoneyDto;

  @ApiProperty({ description: 'Lines the contract does not price (their allowed amount counts as 0)', example: 0, type: 'integer' })
  unpricedLines!: number;
}

export class ClaimSubmittedDataDto {
  @ApiProperty({ example: 'clm-6f1c2d7e' })
  claimId!: string;

  @ApiProperty({ description: 'Patient account in the billing platform', example: 'CG-A-000001' })
  accountId!: string;

  @ApiPropertyOptional({ description: 'Encounter id at the EHR', example: 'enc-aq-tka' })
  encounterId?: string;

  @ApiPropertyOptional({ description: 'Patient id at the EHR', example: 'avery-quinn' })
  patientId?: string;

  @ApiProperty({ example: 'MCRA1' })
  payerId!: string;

  @ApiProperty({ enum: CLAIM_KINDS, example: 'institutional' })
  kind!: ClaimKind;

  @ApiProperty({ enum: PATIENT_CLASSES, description: 'Inpatient revenue (4000) or outpatient (4100)', example: 'inpatient' })
  patientClass!: (typeof PATIENT_CLASSES)[number];

  @ApiProperty({ description: 'CLM05-3: 1 original, 7 replacement, 8 void', example: '1' })
  frequencyCode!: string;

  @ApiPropertyOptional({
    description: 'The claim a replacement or void replaces (its revenue was recognised then)',
    example: 'clm-1b2c3d4e',
  })
  replacesClaimId?: string;

  @ApiProperty({ description: 'CLM01, echoed in the 277CA and 835', example: 'CG-A-000001-01' })
  patientControlNumber!: string;

  @ApiProperty({ type: MoneyDto, description: 'Total charge (CLM02)' })
  totalCharge!: MoneyDto;

  @ApiProperty({ type: ExpectedReimbursementDto })
  expected!: ExpectedReimbursementDto;

  @ApiProperty({ type: [ClaimDepartmentDto], description: 'Gross revenue by department: what the revenue journal posts at submission' })
  departments!: ClaimDepartmentDto[];

  @ApiProperty({ description: 'ISA13 of the 837 that carried the claim', example: '000000101' })
  interchangeControlNumber!: string;

  @ApiProperty({ description: 'Service date the payer timely-filing limit counts from', example: '2026-11-02' })
  serviceDate!: string;
}

export class ClaimAcknowledgedDataDto {
  @ApiProperty({ example: 'clm-6f1c2d7e' })
  claimId!: string;

  @ApiProperty({ example: 'CG-A-000001' })
  accountId!: string;

  @ApiProperty({ example: 'CG-A-000001-01' })
  patientControlNumber!: string;

  @ApiProperty({ description: 'IK501 of the 999: A accepted, E accepted with errors noted', enum: ['A', 'E'], example: 'A' })
  acknowledgementCode!: string;

  @ApiProperty({ description: 'ISA13 of the 837 acknowledged', example: '000000101' })
  interchangeControlNumber!: string;
}

export class ClaimAcceptedDataDto {
  @ApiProperty({ example: 'clm-6f1c2d7e' })
  claimId!: string;

  @ApiProperty({ example: 'CG-A-000001' })
  accountId!: string;

  @ApiProperty({ example: 'CG-A-000001-01' })
  patientControlNumber!: string;

  @ApiProperty({ example: 'MCRA1' })
  payerId!: string;

  @ApiPropertyOptional({
    description: "Payer's claim control number (277CA REF*1K); REF*F8 of a corrected claim",
    example: 'MCR2026110500001',
  })
  payerClaimControlNumber?: string;

  @ApiProperty({ type: [ClaimStatusCodeEventDto] })
  statuses!: ClaimStatusCodeEventDto[];
}

export class ClaimRejectedDataDto {
  @ApiProperty({ example: 'clm-6f1c2d7e' })
  claimId!: string;

  @ApiProperty({ example: 'CR-A-000003' })
  accountId!: string;

  @ApiProperty({ example: 'CR-A-000003-01' })
  patientControlNumber!: string;

  @ApiProperty({ example: 'BMCD1' })
  payerId!: string;

  @ApiProperty({ enum: ['999', '277CA'], description: 'What rejected the claim', example: '277CA' })
  source!: '999' | '277CA';

  @ApiProperty({ type: [ClaimStatusCodeEventDto], description: 'The STC codes (277CA), or the 999 error codes' })
  statuses!: ClaimStatusCodeEventDto[];

  @ApiProperty({
    description: 'Why, in words (codes and positions only, never patient data)',
    example: 'STC A7:21 missing or invalid information',
  })
  reason!: string;

  @ApiProperty({ type: MoneyDto, description: 'Amount at risk: the claim total' })
  amountAtRisk!: MoneyDto;

  @ApiProperty({ description: 'Last day the payer accepts the claim (service date + timely filing days)', example: '2027-11-10' })
  timelyFilingDeadline!: string;

  @ApiProperty({ description: 'Days left before the timely filing deadline (negative once passed)', example: 350, type: 'integer' })
  daysToTimelyFiling!: number;
}

export class RemittanceReceivedDataDto {
  @ApiProperty({ example: 'rmt-3e4f5a6b' })
  remittanceId!: string;

  @ApiPropertyOptional({ example: 'MCRA1' })
  payerId?: string;

  @ApiProperty({ description: 'Check or EFT trace number (TRN02)', example: 'EFT202611200001' })
  traceNumber!: string;

  @ApiProperty({ type: MoneyDto, description: 'Total actual provider payment (BPR02)' })
  totalPaid!: MoneyDto;

  @ApiProperty({ description: 'BPR04: ACH, CHK, NON …', example: 'ACH' })
  paymentMethod!: string;

  @ApiPropertyOptional({ example: '2026-11-20' })
  paymentDate?: string;

  @ApiProperty({ type: 'integer', example: 1 })
  claimPaymentCount!: number;

  @ApiProperty({ type: 'integer', description: 'Claim payments matched to a claim by CLP01', example: 1 })
  matchedCount!: number;

  @ApiProperty({ type: 'integer', description: 'Claim payments listed for work (no claim with that CLP01)', example: 0 })
  unmatchedCount!: number;

  @ApiProperty({ type: MoneyDto, description: 'Provider-level adjustments (PLB) of the remittance' })
  providerAdjustments!: MoneyDto;
}

/** The sum of one adjustment group and reason across a claim payment (claim and line CAS). */
export class AdjustmentTotalDto {
  @ApiProperty({ enum: ADJUSTMENT_GROUP_CODES, example: 'CO' })
  group!: AdjustmentGroupCode;

  @ApiProperty({ description: 'CARC', example: '45' })
  reasonCode!: string;

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;
}

/** What one department's share of a claim payment posts to: cash, contractual allowance, patient A/R. */
export class PaymentDepartmentDto {
  @ApiProperty({ example: '6300' })
  departmentCode!: string;

  @ApiProperty({ type: MoneyDto, description: 'Gross charges of the department on the claim' })
  charge!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Payer payment allocated to the department' })
  paid!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Contractual adjustments (group CO) allocated to the department' })
  contractualAdjustment!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Patient responsibility (group PR) allocated to the department' })
  patientResponsibility!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Other and payer-initiated adjustments (OA, PI) allocated to the department' })
  otherAdjustment!: MoneyDto;
}

export class PaymentPostedDataDto {
  @ApiProperty({ example: 'clm-6f1c2d7e' })
  claimId!: string;

  @ApiProperty({ example: 'CG-A-000001' })
  accountId!: string;

  @ApiProperty({ example: 'rmt-3e4f5a6b' })
  remittanceId!: string;

  @ApiProperty({ description: 'The claim payment (CLP) posted', example: 'cpy-7a8b9c0d' })
  claimPaymentId!: string;

  @ApiProperty({ example: 'CG-A-000001-01' })
  patientControlNumber!: string;

  @ApiPropertyOptional({ example: 'MCR2026110500001' })
  payerClaimControlNumber?: string;

  @ApiProperty({ example: 'MCRA1' })
  payerId!: string;

  @ApiProperty({ description: 'CLP02: 1/2/3 processed, 4 denied, 22 reversal of an earlier payment', example: '1' })
  claimStatusCode!: string;

  @ApiProperty({ description: 'A reversal (CLP02 22): every amount is negative and undoes an earlier posting', example: false })
  reversal!: boolean;

  @ApiProperty({ type: MoneyDto, description: 'Claim charge (CLP03)' })
  charge!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Paid by the payer (CLP04): cash' })
  paid!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Contractual adjustments (group CO): contractual allowance' })
  contractualAdjustment!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Patient responsibility (group PR): moved from payer A/R to patient A/R' })
  patientResponsibility!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: 'Other and payer-initiated adjustments (OA, PI)' })
  otherAdjustment!: MoneyDto;

  @ApiProperty({ type: [AdjustmentTotalDto], description: 'Adjustments by group and CARC, claim and line level together' })
  adjustments!: AdjustmentTotalDto[];

  @ApiProperty({ type: [PaymentDepartmentDto], description: 'The same amounts by department, allocated by charge to the cent' })
  departments!: PaymentDepartmentDto[];

  @ApiPropertyOptional({ type: MoneyDto, description: 'Payer payment the contract led to expect' })
  expectedPayerPayment?: MoneyDto;

  @ApiProperty({ description: 'Check or EFT trace number of the remittance', example: 'EFT202611200001' })
  traceNumber!: string;

  @ApiPropertyOptional({ example: '2026-11-20' })
  paymentDate?: string;
}

export class ClaimDeniedDataDto {
  @ApiProperty({ example: 'clm-6f1c2d7e' })
  claimId!: string;

  @ApiProperty({ example: 'CG-A-000001' })
  accountId!: string;

  @ApiProperty({ example: 'CG-A-000001-01' })
  patientControlNumber!: string;

  @ApiProperty({ example: 'KHP01' })
  payerId!: string;

  @ApiPropertyOptional({ example: 'KHP2026111000003' })
  payerClaimControlNumber?: string;

  @ApiProperty({ example: 'rmt-3e4f5a6b' })
  remittanceId!: string;

  @ApiProperty({ type: MoneyDto, description: 'Amount at risk: the denied charge' })
  amountAtRisk!: MoneyDto;

  @ApiProperty({ type: [AdjustmentTotalDto], description: 'The denial reasons (CARC) and amounts' })
  adjustments!: AdjustmentTotalDto[];

  @ApiProperty({ type: [String], description: 'Remittance advice remark codes (RARC)', example: ['N130'] })
  remarkCodes!: string[];

  @ApiProperty({ description: 'Last day a corrected claim is accepted', example: '2027-05-08' })
  timelyFilingDeadline!: string;

  @ApiProperty({ type: 'integer', example: 164 })
  daysToTimelyFiling!: number;
}

export class ChargePostedDataDto {
  @ApiProperty({ example: 'CR-A-000002' })
  accountId!: string;

  @ApiProperty({ description: 'Charge id in the billing platform', example: 'CHG-0000007' })
  chargeId!: string;

  @ApiPropertyOptional({ example: 'enc-jr-visit' })
  encounterId?: string;

  @ApiProperty({ example: 'LAB-STREP' })
  chargeCode!: string;

  @ApiProperty({ type: 'integer', description: 'Units; negative for a credit', example: 1 })
  quantity!: number;

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;

  @ApiProperty({ example: '6500' })
  departmentCode!: string;

  @ApiProperty({ example: '2026-11-09' })
  serviceDate!: string;

  @ApiPropertyOptional({ description: 'The charge in the system that captured it (an EHR ChargeItem)', example: 'chg-jr-strep' })
  sourceChargeId?: string;

  @ApiProperty({
    type: [String],
    description: 'Claims of the account already submitted: a late charge that needs a corrected claim (frequency 7)',
    example: ['clm-6f1c2d7e'],
  })
  lateForClaimIds!: string[];
}

export const BILLING_CLAIM_SUBMITTED = 'billing.claim.submitted.v1';
export const BILLING_CLAIM_ACKNOWLEDGED = 'billing.claim.acknowledged.v1';
export const BILLING_CLAIM_ACCEPTED = 'billing.claim.accepted.v1';
export const BILLING_CLAIM_REJECTED = 'billing.claim.rejected.v1';
export const BILLING_CLAIM_DENIED = 'billing.claim.denied.v1';
export const BILLING_REMITTANCE_RECEIVED = 'billing.remittance.received.v1';
export const BILLING_PAYMENT_POSTED = 'billing.payment.posted.v1';
export const BILLING_CHARGE_POSTED = 'billing.charge.posted.v1';

const byAccount = (data: { accountId: string }) => data.accountId;

/** Event types the billing domain publishes (`billing.<entity>.<fact>.v<major>`). */
export const BILLING_EVENTS: EventContract[] = [
  defineEvent<ClaimSubmittedDataDto>({
    type: BILLING_CLAIM_SUBMITTED,
    dataClass: ClaimSubmittedDataDto,
    aggregateType: 'claim',
    orderingKey: byAccount,
    summary: 'A claim went to the clearinghouse as an 837: gross revenue by department and the contract’s expected reimbursement',
    containsPhi: false,
    deadLetterPolicy: 'hold',
  }),
  defineEvent<ClaimAcknowledgedDataDto>({
    type: BILLING_CLAIM_ACKNOWLEDGED,
    dataClass: ClaimAcknowledgedDataDto,
    aggregateType: 'claim',
    orderingKey: byAccount,
    summary: 'The clearinghouse’s 999 accepted the transaction set carrying the claim',
    containsPhi: false,
    deadLetterPolicy: 'hold',
  }),
  defineEvent<ClaimAcceptedDataDto>({
    type: BILLING_CLAIM_ACCEPTED,
    dataClass: ClaimAcceptedDataDto,
    aggregateType: 'claim',
    orderingKey: byAccount,
    summary: 'A 277CA accepted the claim into adjudication, with the payer’s claim control number',
    containsPhi: false,
    deadLetterPolicy: 'hold',
  }),
  defineEvent<ClaimRejectedDataDto>({
    type: BILLING_CLAIM_REJECTED,
    dataClass: ClaimRejectedDataDto,
    aggregateType: 'claim',
    orderingKey: byAccount,
    summary: 'A 999 or 277CA rejected the claim: STC codes, reason, amount at risk and days left before timely filing',
    containsPhi: false,
    deadLetterPolicy: 'hold',
  }),
  defineEvent<ClaimDeniedDataDto>({
    type: BILLING_CLAIM_DENIED,
    dataClass: ClaimDeniedDataDto,
    aggregateType: 'claim',
    orderingKey: byAccount,
    summary: 'An 835 denied the claim (CLP02 4): CARC and RARC codes and the amount at risk',
    containsPhi: false,
    deadLetterPolicy: 'hold',
  }),
  defineEvent<RemittanceReceivedDataDto>({
    type: BILLING_REMITTANCE_RECEIVED,
    dataClass: RemittanceReceivedDataDto,
    aggregateType: 'remittance',
    orderingKey: (data) => data.remittanceId,
    summary: 'An 835 was received and matched: how many claim payments found their claim and how many wait for work',
    containsPhi: false,
    deadLetterPolicy: 'continue',
  }),
  defineEvent<PaymentPostedDataDto>({
    type: BILLING_PAYMENT_POSTED,
    dataClass: PaymentPostedDataDto,
    aggregateType: 'claim',
    orderingKey: byAccount,
    summary: 'A claim payment was posted to the billing platform: cash, contractual allowance and patient A/R, by department',
    containsPhi: false,
    deadLetterPolicy: 'hold',
  }),
  defineEvent<ChargePostedDataDto>({
    type: BILLING_CHARGE_POSTED,
    dataClass: ChargePostedDataDto,
    aggregateType: 'account',
    orderingKey: byAccount,
    summary: 'A charge was posted to a patient account (late for a submitted claim when lateForClaimIds is not empty)',
    containsPhi: false,
    deadLetterPolicy: 'continue',
  }),
];
