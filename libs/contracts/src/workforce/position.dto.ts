import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A budgeted position (job in a department). */
export class PositionDto {
  @ApiProperty({ example: 'POS-RN2-6200' })
  id!: string;

  @ApiProperty({ example: 'Staff Nurse II' })
  title!: string;

  @ApiPropertyOptional({ description: 'Job code in the HR job catalogue', example: 'RN2' })
  jobCode?: string;

  @ApiProperty({ example: '6200' })
  costCentre!: string;

  @ApiProperty({ type: [String], description: 'Credential types a holder must keep current', example: ['rn-licence'] })
  requiredCredentialTypes!: string[];
}
