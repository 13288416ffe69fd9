import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SourceMetaDto } from '../common/source-meta.dto';

/** A place of care (FHIR Location, HL7 PL): a ward, bed, operating room or clinic, owned by a department. */
export class LocationDto {
  @ApiProperty({ description: 'Location id at the EHR', example: 'cg-or-3' })
  id!: string;

  @ApiProperty({ example: 'Concord General OR 3' })
  name!: string;

  @ApiPropertyOptional({ description: 'Department (cost centre) that runs the location', example: '6300' })
  departmentCode?: string;

  @ApiPropertyOptional({ description: 'Facility (Organization id) the location belongs to', example: 'concord-general' })
  facilityId?: string;

  @ApiPropertyOptional({ description: 'Point of care / room / bed as the EHR names them', example: '4W^412^B' })
  bed?: string;

  @ApiProperty({ type: SourceMetaDto })
  source!: SourceMetaDto;
}
