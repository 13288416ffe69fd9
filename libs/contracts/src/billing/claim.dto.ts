import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CodingDto } from '../common/coding.dto';
import { MoneyDto } from '../common/money.dto';
import { Phi } from '../phi/phi.decorator';
import { IsCalendarDate } from '../validation/is-calendar-date.validator';
import { BillingProviderDto, ClaimPatientDto, SubscriberDto } from './billing-party.dto';
import { CLAIM_FILING_INDICATORS, type ClaimFilingIndicator } from './payer.dto';

/** 837P (005010X222A1) professional or 837I (005010X223A2) institutional. */
export const CLAIM_KINDS = ['professional', 'institutional'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Claim frequency (CLM05-3): 1 original, 7 replacement of a prior claim, 8 void of a prior claim. */
export const CLAIM_FREQUENCY_CODES = ['1', '7', '8'] as const;
export type ClaimFrequencyCode = (typeof CLAIM_FREQUENCY_CODES)[number];

/**
 * Claim lifecycle. draft → validated → submitted → acknowledged (999) → accepted | rejected (277CA)
 * → paid | partially-paid | denied (835). A rejected claim goes back to draft to be edited and resubmitted.
 */
export const CLAIM_STATUSES = [
  'draft',
  'validated',
  'submitted',
  'acknowledged',
  'accepted',
  'rejected',
  'paid',
  'partially-paid',
  'denied',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Which status may follow which; anything else is a lifecycle error. */
export const CLAIM_STATUS_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  draft: ['validated'],
  validated: ['draft', 'submitted'],
  submitted: ['acknowledged', 'rejected'],
  acknowledged: ['accepted', 'rejected'],
  accepted: ['paid', 'partially-paid', 'denied'],
  rejected: ['draft'],
  'partially-paid': ['paid'],
  paid: [],
  denied: [],
};

/** Whether a claim in status `from` may move to `to`. */
export function canTransitionClaimStatus(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_STATUS_TRANSITIONS[from].includes(to);
}

export const CLAIM_STATUS_SOURCES = ['user', 'edit', '999', '277CA', '835', 'system'] as const;
export type ClaimStatusSource = (typeof CLAIM_STATUS_SOURCES)[number];

/** One step in a claim's life, kept in order. */
export class ClaimStatusHistoryEntryDto {
  @ApiProperty({ enum: CLAIM_STATUSES, example: 'submitted' })
  @IsIn(CLAIM_STATUSES)
  status!: ClaimStatus;

  @ApiProperty({ description: 'When the claim entered the status (ISO 8601)', example: '2026-11-05T09:00:00.000Z' })
  @IsString()
  at!: string;

  @ApiPropertyOptional({ enum: CLAIM_STATUS_SOURCES, description: 'What moved the claim', example: '999' })
  @IsOptional()
  @IsIn(CLAIM_STATUS_SOURCES)
  source?: ClaimStatusSource;

  @ApiPropertyOptional({ description: 'Why, e.g. the 277CA status code or the failed edit', example: 'STC A7:21' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  reason?: string;

  @ApiPropertyOptional({ description: 'Interchange or acknowledgement that caused the change', example: '000000101' })
  @IsOptional()
  @IsString()
  reference?: string;
}

export const CLAIM_DIAGNOSIS_ROLES = ['principal', 'admitting', 'reason-for-visit', 'other'] as const;
export type ClaimDiagnosisRole = (typeof CLAIM_DIAGNOSIS_ROLES)[number];

/** A diagnosis on the claim (X12 HI). Lines point at diagnoses by their 1-based position in `diagnoses`. */
export class ClaimDiagnosisDto {
  @ApiProperty({ type: CodingDto, description: 'ICD-10-CM code, with its dot (the X12 form drops it)' })
  @ValidateNested()
  @Type(() => CodingDto)
  @Phi()
  code!: CodingDto;

  @ApiProperty({
    enum: CLAIM_DIAGNOSIS_ROLES,
    description: 'principal → ABK, admitting → ABJ, reason-for-visit → APR, other → ABF',
    example: 'principal',
  })
  @IsIn(CLAIM_DIAGNOSIS_ROLES)
  role!: ClaimDiagnosisRole;

  @ApiPropertyOptional({ description: 'Present on admission indicator (837I: Y, N, U, W, 1)', example: 'Y' })
  @IsOptional()
  @IsIn(['Y', 'N', 'U', 'W', '1'])
  presentOnAdmission?: string;
}

/** An ICD-10-PCS procedure on an institutional claim (X12 HI BBR/BBQ). */
export class ClaimProcedureDto {
  @ApiProperty({ type: CodingDto, description: 'ICD-10-PCS code' })
  @ValidateNested()
  @Type(() => CodingDto)
  @Phi()
  code!: CodingDto;

  @ApiProperty({ enum: ['principal', 'other'], example: 'principal' })
  @IsIn(['principal', 'other'])
  role!: 'principal' | 'other';

  @ApiProperty({ description: 'Date performed', example: '2026-11-02' })
  @IsCalendarDate()
  date!: string;
}

export const UNIT_BASIS_CODES = ['UN', 'DA', 'MJ'] as const;
export type UnitBasisCode = (typeof UNIT_BASIS_CODES)[number];

/** One service line (X12 loop 2400: SV1 for 837P, SV2 for 837I). */
export class ClaimLineDto {
  @ApiProperty({ description: 'Line number (LX01), 1-based', example: 1 })
  @IsInt()
  @Min(1)
  @Max(999)
  lineNumber!: number;

  @ApiPropertyOptional({ description: 'Charge id the line was billed from', example: 'chg-aq-rb-1' })
  @IsOptional()
  @IsString()
  chargeId?: string;

  @ApiPropertyOptional({ type: CodingDto, description: 'CPT or HCPCS code (required on 837P lines)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CodingDto)
  procedureCode?: CodingDto;

  @ApiPropertyOptional({ type: [String], description: 'Up to four CPT/HCPCS modifiers', example: ['LT'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @Matches(/^[0-9A-Z]{2}$/, { each: true })
  modifiers?: string[];

  @ApiPropertyOptional({ description: 'NUBC revenue code (required on 837I lines)', example: '0120' })
  @IsOptional()
  @Matches(/^\d{4}$/)
  revenueCode?: string;

  @ApiProperty({ description: 'Units of service', example: 2 })
  @IsPositive()
  @Max(99999)
  units!: number;

  @ApiProperty({ enum: UNIT_BASIS_CODES, description: 'UN units, DA days, MJ minutes', example: 'DA' })
  @IsIn(UNIT_BASIS_CODES)
  unitBasis!: UnitBasisCode;

  @ApiProperty({ type: MoneyDto, description: 'Line charge (units × unit price)' })
  @ValidateNested()
  @Type(() => MoneyDto)
  charge!: MoneyDto;

  @ApiPropertyOptional({ description: 'Date of service (DTP*472); required on 837P lines', example: '2026-11-02' })
  @IsOptional()
  @IsCalendarDate()
  serviceDate?: string;

  @ApiPropertyOptional({ description: 'Last date of service when the line spans days', example: '2026-11-04' })
  @IsOptional()
  @IsCalendarDate()
  serviceDateEnd?: string;

  @ApiPropertyOptional({ type: [Number], description: 'Up to four 1-based positions in the claim diagnoses (SV107)', example: [1] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  diagnosisPointers?: number[];

  @ApiPropertyOptional({ description: 'Place of service when it differs from the claim (SV105)', example: '11' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  placeOfService?: string;

  @ApiPropertyOptional({
    type: BillingProviderDto,
    description: 'Rendering provider of this line when it differs from the claim (loop 2420A)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => BillingProviderDto)
  renderingProvider?: BillingProviderDto;
}

/** The payer a claim is sent to, and its place in coordination of benefits. */
export class ClaimPayerDto {
  @ApiProperty({ description: 'Payer id (NM109 of loop 2010BB)', example: 'MCRA1' })
  @Matches(/^[0-9A-Z]{2,80}$/)
  payerId!: string;

  @ApiProperty({ example: 'Medicare Part A' })
  @IsString()
  @MaxLength(60)
  name!: string;

  @ApiProperty({ enum: CLAIM_FILING_INDICATORS, description: 'SBR09', example: 'MA' })
  @IsIn(CLAIM_FILING_INDICATORS)
  claimFilingIndicator!: ClaimFilingIndicator;

  @ApiProperty({ enum: ['P', 'S', 'T'], description: 'Payer responsibility sequence (SBR01): primary, secondary, tertiary', example: 'P' })
  @IsIn(['P', 'S', 'T'])
  responsibility!: 'P' | 'S' | 'T';
}

/** Admission facts an 837I carries (DTP*435 and CL1): all required on inpatient claims. */
export class AdmissionDto {
  @ApiPropertyOptional({ description: 'Admission date (DTP*435); required on inpatient claims', example: '2026-11-02' })
  @IsOptional()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ description: 'Admission hour HHMM', example: '0830' })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3])[0-5]\d$/)
  hour?: string;

  @ApiPropertyOptional({
    description: 'UB-04 priority (type) of admission (CL101): 1 emergency, 2 urgent, 3 elective ...; required on inpatient claims',
    example: '3',
  })
  @IsOptional()
  @Matches(/^\d$/)
  typeCode?: string;

  @ApiPropertyOptional({ description: 'UB-04 point of origin (CL102)', example: '1' })
  @IsOptional()
  @Matches(/^[0-9A-Z]$/)
  sourceCode?: string;

  @ApiPropertyOptional({ description: 'UB-04 patient discharge status (CL103)', example: '01' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  patientStatusCode?: string;
}

export class DatePeriodDto {
  @ApiProperty({ example: '2026-11-02' })
  @IsCalendarDate()
  start!: string;

  @ApiProperty({ example: '2026-11-04' })
  @IsCalendarDate()
  end!: string;
}

/** A claim to a payer: the canonical form of an 837P or 837I. */
export class ClaimDto {
  @ApiProperty({ description: 'Claim id in billing', example: 'clm-aq-tka-1' })
  @IsString()
  @MaxLength(64)
  id!: string;

  @ApiProperty({ enum: CLAIM_KINDS, example: 'institutional' })
  @IsIn(CLAIM_KINDS)
  kind!: ClaimKind;

  @ApiPropertyOptional({ description: 'Patient account the claim bills', example: 'acct-aq-tka' })
  @IsOptional()
  @IsString()
  accountId?: string;

  @ApiPropertyOptional({ description: 'Encounter id at the EHR', example: 'enc-aq-tka' })
  @IsOptional()
  @IsString()
  encounterId?: string;

  @ApiProperty({ description: 'Patient control number (CLM01), echoed back in 277CA TRN02 and 835 CLP01', example: 'CG-A-100234-01' })
  @Matches(/^[0-9A-Za-z-]{1,20}$/)
  patientControlNumber!: string;

  @ApiProperty({ enum: CLAIM_FREQUENCY_CODES, description: 'CLM05-3', example: '1' })
  @IsIn(CLAIM_FREQUENCY_CODES)
  frequencyCode!: ClaimFrequencyCode;

  @ApiPropertyOptional({
    description: "Payer's claim control number of the claim being replaced or voided (REF*F8); required on frequency 7 and 8",
    example: 'KHP2026110900017',
  })
  @IsOptional()
  @Matches(/^[0-9A-Za-z-]{1,50}$/)
  originalPayerClaimNumber?: string;

  @ApiPropertyOptional({ description: "Payer's claim control number once known (277CA REF*1K or 835 CLP07)", example: 'MCR26310000123' })
  @IsOptional()
  @IsString()
  payerClaimControlNumber?: string;

  @ApiPropertyOptional({
    description: 'Type of bill, four digits (837I): facility type, bill classification and frequency',
    example: '0111',
  })
  @IsOptional()
  @Matches(/^0\d{2}[0-9A-Z]$/)
  typeOfBill?: string;

  @ApiPropertyOptional({ description: 'Place of service code (837P, CLM05-1)', example: '11' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  placeOfService?: string;

  @ApiPropertyOptional({ type: AdmissionDto, description: 'Inpatient admission (837I)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AdmissionDto)
  admission?: AdmissionDto;

  @ApiPropertyOptional({ type: DatePeriodDto, description: 'Statement covers period (837I DTP*434)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DatePeriodDto)
  statementPeriod?: DatePeriodDto;

  @ApiPropertyOptional({ description: 'MS-DRG the stay was grouped to (837I HI*DR)', example: '470' })
  @IsOptional()
  @Matches(/^\d{3}$/)
  drg?: string;

  @ApiProperty({ type: [ClaimDiagnosisDto], description: 'Principal first; lines point into this list' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(25)
  @ValidateNested({ each: true })
  @Type(() => ClaimDiagnosisDto)
  diagnoses!: ClaimDiagnosisDto[];

  @ApiPropertyOptional({ type: [ClaimProcedureDto], description: 'ICD-10-PCS procedures (837I)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(25)
  @ValidateNested({ each: true })
  @Type(() => ClaimProcedureDto)
  procedures?: ClaimProcedureDto[];

  @ApiProperty({ type: [ClaimLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(999)
  @ValidateNested({ each: true })
  @Type(() => ClaimLineDto)
  lines!: ClaimLineDto[];

  @ApiProperty({ type: MoneyDto, description: 'Total charge (CLM02): the sum of the line charges' })
  @ValidateNested()
  @Type(() => MoneyDto)
  totalCharge!: MoneyDto;

  @ApiProperty({ type: BillingProviderDto, description: 'Billing provider (loop 2010AA): NPI, EIN and a street address' })
  @ValidateNested()
  @Type(() => BillingProviderDto)
  billingProvider!: BillingProviderDto;

  @ApiPropertyOptional({ type: BillingProviderDto, description: 'Rendering provider for the whole claim (837P loop 2310B)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BillingProviderDto)
  renderingProvider?: BillingProviderDto;

  @ApiPropertyOptional({ type: BillingProviderDto, description: 'Attending provider (837I loop 2310A)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BillingProviderDto)
  attendingProvider?: BillingProviderDto;

  @ApiProperty({ type: ClaimPayerDto })
  @ValidateNested()
  @Type(() => ClaimPayerDto)
  payer!: ClaimPayerDto;

  @ApiProperty({ type: SubscriberDto })
  @ValidateNested()
  @Type(() => SubscriberDto)
  subscriber!: SubscriberDto;

  @ApiProperty({ type: ClaimPatientDto, description: 'The patient: relationship self means the subscriber is the patient' })
  @ValidateNested()
  @Type(() => ClaimPatientDto)
  patient!: ClaimPatientDto;

  @ApiProperty({ enum: CLAIM_STATUSES, example: 'draft' })
  @IsIn(CLAIM_STATUSES)
  status!: ClaimStatus;

  @ApiProperty({ type: [ClaimStatusHistoryEntryDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ClaimStatusHistoryEntryDto)
  statusHistory!: ClaimStatusHistoryEntryDto[];
}
