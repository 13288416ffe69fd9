import { ApiPropertyOptional } from '@nestjs/swagger';
import { Phi } from '../phi/phi.decorator';

/**
 * Who a clinical record belongs to. FHIR sources know the EHR's patient id; HL7 v2 feeds know the
 * MRN (PID-3). At least one of the two is always present.
 */
export class PatientReferenceDto {
  @ApiPropertyOptional({ description: 'Patient id at the EHR (FHIR logical id)', example: 'avery-quinn' })
  id?: string;

  @ApiPropertyOptional({ description: 'Medical record number in the enterprise MRN namespace', example: 'CG-100234' })
  @Phi()
  mrn?: string;
}
