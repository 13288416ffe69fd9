import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ADMINISTRATIVE_GENDERS, type AdministrativeGender, IdentifierDto, SourceMetaDto } from '@concord/contracts';

export class PatientReferenceDto {
  @ApiProperty({ example: 'morgan-quinn' })
  id!: string;

  @ApiPropertyOptional({ example: 'CR-200902' })
  mrn?: string;
}

export class PatientSummaryDto {
  @ApiProperty({ example: 'avery-quinn' })
  id!: string;

  @ApiPropertyOptional({ example: 'CG-100234' })
  mrn?: string;

  @ApiProperty({ description: 'Name for display: given names then family name', example: 'Avery Quinn' })
  displayName!: string;

  @ApiPropertyOptional({ example: 'Quinn' })
  familyName?: string;

  @ApiProperty({ type: [String], example: ['Avery'] })
  givenNames!: string[];

  @ApiProperty({ enum: ADMINISTRATIVE_GENDERS, example: 'female' })
  gender!: AdministrativeGender;

  @ApiPropertyOptional({ example: '1957-03-14' })
  birthDate?: string;

  @ApiPropertyOptional({ description: 'Age in whole years today (UTC)', example: 69 })
  ageYears?: number;

  @ApiProperty({ example: false })
  deceased!: boolean;

  @ApiProperty({ type: [IdentifierDto] })
  identifiers!: IdentifierDto[];

  @ApiPropertyOptional({ example: '+1-555-0142' })
  phone?: string;

  @ApiPropertyOptional({ example: 'jordan.rivera@example.org' })
  email?: string;

  @ApiProperty({
    type: [PatientReferenceDto],
    description: 'Other EHR patients with the same family name and birth date: candidates for an identity review',
  })
  possibleDuplicates!: PatientReferenceDto[];

  @ApiProperty({ type: [SourceMetaDto], description: 'Records this summary was composed from' })
  sources!: SourceMetaDto[];
}
