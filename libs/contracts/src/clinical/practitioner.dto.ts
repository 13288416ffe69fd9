import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CodingDto } from '../common/coding.dto';
import { SourceMetaDto } from '../common/source-meta.dto';

/** A clinician (FHIR Practitioner, HL7 XCN): providers are identified by their NPI. */
export class PractitionerDto {
  @ApiProperty({ description: 'Practitioner id at the EHR', example: 'dr-ellis-park' })
  id!: string;

  @ApiPropertyOptional({ description: 'National Provider Identifier (10 digits, Luhn check digit)', example: '1245319599' })
  npi?: string;

  @ApiProperty({ example: 'Park' })
  family!: string;

  @ApiProperty({ type: [String], example: ['Ellis'] })
  given!: string[];

  @ApiPropertyOptional({ type: CodingDto, description: 'Specialty (NUCC taxonomy)' })
  specialty?: CodingDto;

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
