import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AddressDto } from '../patient/patient.dto';
import { SourceMetaDto } from '../common/source-meta.dto';

export const ORGANIZATION_KINDS = ['provider', 'payer', 'supplier', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** A facility, payer or other organisation (FHIR Organization). */
export class OrganizationDto {
  @ApiProperty({ description: 'Organization id at the source', example: 'concord-general' })
  id!: string;

  @ApiProperty({ example: 'Concord General Hospital' })
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS, example: 'provider' })
  kind!: OrganizationKind;

  @ApiPropertyOptional({ description: 'National Provider Identifier (type 2)', example: '1234567893' })
  npi?: string;

  @ApiPropertyOptional({ description: 'Employer Identification Number (tax id)', example: '12-3456789' })
  ein?: string;

  @ApiPropertyOptional({ description: 'Payer id at the clearinghouse (for payers)', example: 'MCRA1' })
  payerId?: string;

  @ApiPropertyOptional({ type: AddressDto })
  address?: AddressDto;

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
