import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IdentifierDto } from '../common/identifier.dto';
import { SourceMetaDto } from '../common/source-meta.dto';
import { Phi } from '../phi/phi.decorator';

export const ADMINISTRATIVE_GENDERS = ['male', 'female', 'other', 'unknown'] as const;
export type AdministrativeGender = (typeof ADMINISTRATIVE_GENDERS)[number];

export const CONTACT_POINT_SYSTEMS = ['phone', 'fax', 'email', 'pager', 'url', 'sms', 'other'] as const;
export type ContactPointSystem = (typeof CONTACT_POINT_SYSTEMS)[number];

export class HumanNameDto {
  @ApiPropertyOptional({ example: 'Quinn' })
  family?: string;

  @ApiProperty({ type: [String], example: ['Avery'] })
  given!: string[];

  @ApiPropertyOptional({ description: 'Full name as the source system displays it', example: 'Avery Quinn' })
  text?: string;
}

export class ContactPointDto {
  @ApiProperty({ enum: CONTACT_POINT_SYSTEMS, example: 'phone' })
  system!: ContactPointSystem;

  @ApiProperty({ example: '+1-555-0142' })
  value!: string;

  @ApiPropertyOptional({ example: 'home' })
  use?: string;
}

export class AddressDto {
  @ApiProperty({ type: [String], example: ['12 Harbour Lane'] })
  line!: string[];

  @ApiPropertyOptional({ example: 'Concord' })
  city?: string;

  @ApiPropertyOptional({ example: 'NH' })
  state?: string;

  @ApiPropertyOptional({ example: '03301' })
  postalCode?: string;

  @ApiPropertyOptional({ example: 'US' })
  country?: string;
}

/** Canonical Patient: vendor-neutral demographics shared by every layer. */
export class PatientDto {
  @ApiProperty({ description: 'Patient id at the EHR (FHIR logical id)', example: 'avery-quinn' })
  id!: string;

  @ApiPropertyOptional({ description: 'Medical record number in the enterprise MRN namespace', example: 'CG-100234' })
  @Phi()
  mrn?: string;

  @ApiProperty({ type: [IdentifierDto] })
  @Phi()
  identifiers!: IdentifierDto[];

  @ApiProperty({ type: HumanNameDto })
  @Phi()
  name!: HumanNameDto;

  @ApiProperty({ enum: ADMINISTRATIVE_GENDERS, example: 'female' })
  gender!: AdministrativeGender;

  @ApiPropertyOptional({ description: 'Date of birth (YYYY-MM-DD)', example: '1957-03-14' })
  @Phi()
  birthDate?: string;

  @ApiProperty({ example: false })
  deceased!: boolean;

  @ApiProperty({ type: [ContactPointDto] })
  @Phi()
  telecom!: ContactPointDto[];

  @ApiProperty({ type: [AddressDto] })
  @Phi()
  addresses!: AddressDto[];

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
