import { ApiProperty } from '@nestjs/swagger';
import { IsResourceId, RESOURCE_ID_PATTERN } from '@concord/contracts';

export class PatientIdParams {
  @ApiProperty({
    description: 'Patient id at the EHR (FHIR logical id)',
    example: 'avery-quinn',
    pattern: RESOURCE_ID_PATTERN.source,
    maxLength: 64,
  })
  @IsResourceId()
  id!: string;
}
