import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  BILLING_GENDERS,
  type BillingGender,
  IsCalendarDate,
  IsResourceId,
  MoneyDto,
  PATIENT_ACCOUNT_STATUSES,
  PATIENT_RELATIONSHIPS,
  type PatientAccountStatus,
  type PatientRelationship,
  Phi,
  RESOURCE_ID_PATTERN,
} from '@concord/contracts';
import { AddressInputDto, DiagnosisInputDto, NameInputDto, ProcedureInputDto, ProviderInputDto } from '../../shared/billing-inputs.dto';

export const PATIENT_CLASSES = ['inpatient', 'outpatient'] as const;
export type PatientClass = (typeof PATIENT_CLASSES)[number];

export class BillingPersonDto {
  @ApiProperty({ type: NameInputDto })
  @ValidateNested()
  @Type(() => NameInputDto)
  @Phi()
  name!: NameInputDto;

  @ApiPropertyOptional({ example: '1984-02-01', format: 'date', maxLength: 10 })
  @IsOptional()
  @IsCalendarDate()
  @Phi()
  birthDate?: string;

  @ApiPropertyOptional({ enum: BILLING_GENDERS, example: 'female' })
  @IsOptional()
  @IsIn(BILLING_GENDERS)
  gender?: BillingGender;

  @ApiPropertyOptional({ type: AddressInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AddressInputDto)
  @Phi()
  address?: AddressInputDto;
}

export class AccountPatientDto extends BillingPersonDto {
  @ApiPropertyOptional({ description: 'Patient id at the EHR', example: 'avery-quinn', pattern: RESOURCE_ID_PATTERN.source, maxLength: 64 })
  @IsOptional()
  @IsResourceId()
  id?: string;

  @ApiProperty({ description: 'Medical record number', example: 'CG-100234', pattern: '^[A-Za-z0-9-]{1,40}$', maxLength: 40 })
  @Matches(/^[A-Za-z0-9-]{1,40}$/)
  @Phi()
  mrn!: string;
}

export class AccountCoverageInputDto {
  @ApiProperty({ description: 'Order of benefits: 1 primary, 2 secondary, 3 tertiary', minimum: 1, maximum: 3, example: 1 })
  @IsInt()
  @Min(1)
  @Max(3)
  order!: number;

  @ApiProperty({ description: 'Payer id at the clearinghouse', example: 'MCRA1', pattern: '^[0-9A-Z]{2,80}$', maxLength: 80 })
  @Matches(/^[0-9A-Z]{2,80}$/)
  payerId!: string;

  @ApiPropertyOptional({ description: 'Member id at the payer', example: '1EG4TE5MK73', maxLength: 80, pattern: '^[A-Za-z0-9-]{1,80}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,80}$/)
  @Phi()
  memberId?: string;

  @ApiPropertyOptional({ description: 'Group or policy number', example: 'KHP-GOLD-2026', maxLength: 50, pattern: '^[A-Za-z0-9-]{1,50}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,50}$/)
  groupNumber?: string;

  @ApiProperty({ enum: PATIENT_RELATIONSHIPS, description: "Patient's relationship to the subscriber", example: 'self' })
  @IsIn(PATIENT_RELATIONSHIPS)
  relationship!: PatientRelationship;

  @ApiPropertyOptional({ type: BillingPersonDto, description: 'The insured, when not the patient' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BillingPersonDto)
  @Phi()
  subscriber?: BillingPersonDto;
}

export class AdmissionInfoDto {
  @ApiProperty({ example: '2026-11-02', format: 'date', maxLength: 10 })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ description: 'HHMM', example: '0830', pattern: '^([01][0-9]|2[0-3])[0-5][0-9]$', maxLength: 4 })
  @IsOptional()
  @Matches(/^([01]\d|2[0-3])[0-5]\d$/)
  hour?: string;

  @ApiPropertyOptional({ description: 'UB-04 priority (type) of admission', example: '3', pattern: '^[0-9]$', maxLength: 1 })
  @IsOptional()
  @Matches(/^\d$/)
  typeCode?: string;

  @ApiPropertyOptional({ description: 'UB-04 point of origin', example: '1', pattern: '^[0-9A-Z]$', maxLength: 1 })
  @IsOptional()
  @Matches(/^[0-9A-Z]$/)
  sourceCode?: string;
}

export class DischargeInfoDto {
  @ApiProperty({ example: '2026-11-04', format: 'date', maxLength: 10 })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({ description: 'UB-04 patient discharge status', example: '01', pattern: '^[0-9]{2}$', maxLength: 2 })
  @IsOptional()
  @Matches(/^\d{2}$/)
  statusCode?: string;
}

export class CreateAccountDto {
  @ApiProperty({
    description: 'Encounter id at the EHR (one account per encounter)',
    example: 'enc-aq-tka',
    pattern: RESOURCE_ID_PATTERN.source,
    maxLength: 64,
  })
  @IsResourceId()
  encounterId!: string;

  @ApiPropertyOptional({ description: 'Visit number (PV1-19)', example: 'V-CG-7781', maxLength: 40, pattern: '^[A-Za-z0-9-]{1,40}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,40}$/)
  visitNumber?: string;

  @ApiProperty({
    description: 'Facility (Organization id)',
    example: 'concord-general',
    pattern: RESOURCE_ID_PATTERN.source,
    maxLength: 64,
  })
  @IsResourceId()
  facilityId!: string;

  @ApiProperty({ enum: PATIENT_CLASSES, example: 'inpatient' })
  @IsIn(PATIENT_CLASSES)
  patientClass!: PatientClass;

  @ApiPropertyOptional({
    description: 'Department (cost centre) responsible for the stay',
    example: '6100',
    pattern: '^[A-Z0-9]{2,10}$',
    maxLength: 10,
  })
  @IsOptional()
  @Matches(/^[A-Z0-9]{2,10}$/)
  departmentCode?: string;

  @ApiProperty({ type: AccountPatientDto })
  @ValidateNested()
  @Type(() => AccountPatientDto)
  patient!: AccountPatientDto;

  @ApiProperty({ type: AdmissionInfoDto })
  @ValidateNested()
  @Type(() => AdmissionInfoDto)
  admission!: AdmissionInfoDto;

  @ApiPropertyOptional({ type: DischargeInfoDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DischargeInfoDto)
  discharge?: DischargeInfoDto;

  @ApiPropertyOptional({ type: ProviderInputDto, description: 'Attending (837I) or rendering (837P) provider' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProviderInputDto)
  attending?: ProviderInputDto;

  @ApiProperty({
    type: [AccountCoverageInputDto],
    description: 'Payers in coordination-of-benefits order; empty for self-pay',
    maxItems: 3,
  })
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => AccountCoverageInputDto)
  coverages!: AccountCoverageInputDto[];
}

export class UpdateAccountDto {
  @ApiPropertyOptional({
    type: [AccountCoverageInputDto],
    description: 'Replaces the coverages (e.g. a member id added after a rejection)',
    maxItems: 3,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @ValidateNested({ each: true })
  @Type(() => AccountCoverageInputDto)
  coverages?: AccountCoverageInputDto[];

  @ApiPropertyOptional({ type: DischargeInfoDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DischargeInfoDto)
  discharge?: DischargeInfoDto;

  @ApiPropertyOptional({ type: ProviderInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProviderInputDto)
  attending?: ProviderInputDto;

  @ApiPropertyOptional({ enum: ['billed', 'closed'], example: 'closed' })
  @IsOptional()
  @IsIn(['billed', 'closed'])
  status?: 'billed' | 'closed';

  @ApiPropertyOptional({
    description: 'The account version the change was decided on (as If-Match); a stale one is 409',
    example: 'W/"7"',
    maxLength: 40,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  ifMatch?: string;
}

export class SetCodingDto {
  @ApiProperty({ enum: ['final', 'provisional'], example: 'final' })
  @IsIn(['final', 'provisional'])
  status!: 'final' | 'provisional';

  @ApiPropertyOptional({ description: 'MS-DRG', example: '470', pattern: '^[0-9]{3}$', maxLength: 3 })
  @IsOptional()
  @Matches(/^\d{3}$/)
  drg?: string;

  @ApiProperty({ type: [DiagnosisInputDto], maxItems: 25 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(25)
  @ValidateNested({ each: true })
  @Type(() => DiagnosisInputDto)
  diagnoses!: DiagnosisInputDto[];

  @ApiProperty({ type: [ProcedureInputDto], maxItems: 25 })
  @IsArray()
  @ArrayMaxSize(25)
  @ValidateNested({ each: true })
  @Type(() => ProcedureInputDto)
  procedures!: ProcedureInputDto[];
}

export class AccountCodingDto extends SetCodingDto {
  @ApiPropertyOptional({ example: '2026-11-04T12:00:00.000Z', maxLength: 30 })
  codedAt?: string;
}

export class AccountBalancesDto {
  @ApiProperty({ type: MoneyDto }) charges!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) insurancePayments!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) patientPayments!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) adjustments!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'Patient responsibility moved from the payers' }) transfersToPatient!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'What the payers still owe' }) insuranceBalance!: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: 'What the patient owes' }) patientBalance!: MoneyDto;
  @ApiProperty({ type: MoneyDto }) total!: MoneyDto;
}

/** A patient account: the canonical PatientAccount with the registration and coding claims are built from. */
export class AccountDto {
  @ApiProperty({ description: 'Account id (the account number)', example: 'CG-A-000001' })
  id!: string;

  @ApiProperty({ description: 'Account number; claims use it in CLM01', example: 'CG-A-000001' })
  accountNumber!: string;

  @ApiProperty({ example: 'enc-aq-tka' })
  encounterId!: string;

  @ApiPropertyOptional({ example: 'V-CG-7781' })
  visitNumber?: string;

  @ApiProperty({ example: 'concord-general' })
  facilityId!: string;

  @ApiProperty({ enum: PATIENT_CLASSES, example: 'inpatient' })
  patientClass!: PatientClass;

  @ApiPropertyOptional({ example: '6100' })
  departmentCode?: string;

  @ApiProperty({ type: AccountPatientDto })
  @Phi()
  patient!: AccountPatientDto;

  @ApiProperty({ type: AdmissionInfoDto })
  admission!: AdmissionInfoDto;

  @ApiPropertyOptional({ type: DischargeInfoDto })
  discharge?: DischargeInfoDto;

  @ApiPropertyOptional({ type: ProviderInputDto })
  attending?: ProviderInputDto;

  @ApiProperty({ type: [AccountCoverageInputDto] })
  coverages!: AccountCoverageInputDto[];

  @ApiPropertyOptional({ type: AccountCodingDto })
  @Phi()
  coding?: AccountCodingDto;

  @ApiProperty({ enum: PATIENT_ACCOUNT_STATUSES, example: 'ready-to-bill' })
  status!: PatientAccountStatus;

  @ApiProperty({ type: AccountBalancesDto })
  balances!: AccountBalancesDto;

  @ApiProperty({ description: 'Version for If-Match (ifMatch in PATCH)', example: 'W/"7"' })
  version!: string;

  @ApiProperty({ example: '2026-11-02T09:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2026-11-04T12:00:00.000Z' })
  updatedAt!: string;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountDto] })
  items!: AccountDto[];

  @ApiPropertyOptional({ description: 'Pass as `cursor` to get the next page; absent on the last page' })
  nextCursor?: string;
}

export class AccountIdParams {
  @ApiProperty({
    description: 'Account id (number) in the billing platform',
    example: 'CG-A-000001',
    pattern: RESOURCE_ID_PATTERN.source,
    maxLength: 64,
  })
  @IsResourceId()
  id!: string;
}

export class ListAccountsQuery {
  @ApiPropertyOptional({ example: 'enc-aq-tka', pattern: RESOURCE_ID_PATTERN.source, maxLength: 64 })
  @IsOptional()
  @IsResourceId()
  encounterId?: string;

  @ApiPropertyOptional({ example: 'CG-100234', pattern: '^[A-Za-z0-9-]{1,40}$', maxLength: 40 })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,40}$/)
  mrn?: string;

  @ApiPropertyOptional({ enum: PATIENT_ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(PATIENT_ACCOUNT_STATUSES)
  status?: PatientAccountStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 200, description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
