import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../validation/is-calendar-date.validator';
import { Phi } from '../phi/phi.decorator';
import { IsNpi } from './npi.validator';

/** A postal address as claims carry it (X12 N3/N4): at most two street lines, US state and ZIP. */
export class PostalAddressDto {
  @ApiProperty({ type: [String], description: 'One or two street lines (N301, N302)', example: ['100 Hospital Drive'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsString({ each: true })
  @MaxLength(55, { each: true })
  line!: string[];

  @ApiProperty({ example: 'Concord' })
  @IsString()
  @MaxLength(30)
  city!: string;

  @ApiProperty({ description: 'US state or territory code', example: 'NH' })
  @Matches(/^[A-Z]{2}$/)
  state!: string;

  @ApiProperty({ description: 'ZIP code, 5 or 9 digits without hyphen (billing providers need all 9)', example: '033012512' })
  @Matches(/^\d{5}(\d{4})?$/)
  postalCode!: string;
}

/** A person's name as X12 NM1 carries it. */
export class PersonNameDto {
  @ApiProperty({ description: 'Last name (NM103)', example: 'Quinn' })
  @IsString()
  @MaxLength(60)
  family!: string;

  @ApiProperty({ type: [String], description: 'First name, then middle names (NM104, NM105)', example: ['Avery'] })
  @IsArray()
  @IsString({ each: true })
  @MaxLength(35, { each: true })
  given!: string[];
}

export const BILLING_GENDERS = ['male', 'female', 'unknown'] as const;
export type BillingGender = (typeof BILLING_GENDERS)[number];

/** An organisation or practitioner that bills or renders (X12 loops 2010AA, 2310A/B, 2420A). */
export class BillingProviderDto {
  @ApiProperty({ description: 'Organisation name, or the practitioner family name', example: 'Concord General Hospital' })
  @IsString()
  @MaxLength(60)
  name!: string;

  @ApiPropertyOptional({ description: 'First name when the provider is a person', example: 'Morgan' })
  @IsOptional()
  @IsString()
  @MaxLength(35)
  firstName?: string;

  @ApiProperty({ description: 'NPI (NM109 with NM108 XX)', example: '1234567893' })
  @IsNpi()
  npi!: string;

  @ApiPropertyOptional({ description: 'Employer Identification Number (REF*EI), with or without the hyphen', example: '12-3456789' })
  @IsOptional()
  @Matches(/^\d{2}-?\d{7}$/)
  ein?: string;

  @ApiPropertyOptional({ description: 'Health care provider taxonomy code (PRV03)', example: '282N00000X' })
  @IsOptional()
  @Matches(/^[0-9A-Z]{9}X$/)
  taxonomy?: string;

  @ApiPropertyOptional({ type: PostalAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  address?: PostalAddressDto;
}

/** The insured person (X12 loop 2000B/2010BA) and the plan they hold. */
export class SubscriberDto {
  @ApiPropertyOptional({
    description: 'Member id at the payer (NM109 with NM108 MI); a claim cannot go out without it',
    example: '1EG4TE5MK73',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  @Phi()
  memberId?: string;

  @ApiProperty({ type: PersonNameDto })
  @ValidateNested()
  @Type(() => PersonNameDto)
  @Phi()
  name!: PersonNameDto;

  @ApiPropertyOptional({ description: 'Birth date (DMG02)', example: '1957-03-14' })
  @IsOptional()
  @IsCalendarDate()
  @Phi()
  birthDate?: string;

  @ApiPropertyOptional({ enum: BILLING_GENDERS, example: 'female' })
  @IsOptional()
  @IsIn(BILLING_GENDERS)
  gender?: BillingGender;

  @ApiPropertyOptional({ type: PostalAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  @Phi()
  address?: PostalAddressDto;

  @ApiPropertyOptional({ description: 'Group or policy number (SBR03)', example: 'KHP-GOLD-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  groupNumber?: string;
}

/** Patient's relationship to the subscriber; X12 PAT01 / SBR02 individual relationship codes. */
export const PATIENT_RELATIONSHIPS = ['self', 'spouse', 'child', 'other'] as const;
export type PatientRelationship = (typeof PATIENT_RELATIONSHIPS)[number];

/** The patient when not the subscriber (X12 loop 2000C/2010CA). */
export class ClaimPatientDto {
  @ApiProperty({ enum: PATIENT_RELATIONSHIPS, description: "Patient's relationship to the subscriber", example: 'child' })
  @IsIn(PATIENT_RELATIONSHIPS)
  relationship!: PatientRelationship;

  @ApiPropertyOptional({ type: PersonNameDto, description: 'Required unless the relationship is self' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonNameDto)
  @Phi()
  name?: PersonNameDto;

  @ApiPropertyOptional({ example: '2012-06-01' })
  @IsOptional()
  @IsCalendarDate()
  @Phi()
  birthDate?: string;

  @ApiPropertyOptional({ enum: BILLING_GENDERS })
  @IsOptional()
  @IsIn(BILLING_GENDERS)
  gender?: BillingGender;

  @ApiPropertyOptional({ type: PostalAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PostalAddressDto)
  @Phi()
  address?: PostalAddressDto;
}
