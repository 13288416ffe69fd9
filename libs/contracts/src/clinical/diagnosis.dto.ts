import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CodingDto } from '../common/coding.dto';
import { Phi } from '../phi/phi.decorator';

export const DIAGNOSIS_ROLES = ['admitting', 'principal', 'secondary', 'discharge', 'working'] as const;
export type DiagnosisRole = (typeof DIAGNOSIS_ROLES)[number];

/** A diagnosis on an encounter (FHIR Condition + Encounter.diagnosis, HL7 DG1): ICD-10-CM. */
export class DiagnosisDto {
  @ApiPropertyOptional({ description: 'Condition id at the EHR, when it has one', example: 'cond-m1712-aq' })
  id?: string;

  @ApiProperty({ type: CodingDto, description: 'ICD-10-CM code' })
  @Phi()
  code!: CodingDto;

  @ApiProperty({ enum: DIAGNOSIS_ROLES, example: 'principal' })
  role!: DiagnosisRole;

  @ApiProperty({ description: 'Rank on the encounter, 1 = first listed', example: 1 })
  rank!: number;

  @ApiPropertyOptional({ description: 'Present on admission indicator (Y, N, U, W)', example: 'Y' })
  presentOnAdmission?: string;
}
