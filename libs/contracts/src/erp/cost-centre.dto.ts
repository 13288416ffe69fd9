import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A department of the hospital as a cost centre: where revenue, supply cost and payroll land. */
export class CostCentreDto {
  @ApiProperty({ description: 'Cost centre code', example: '6300' })
  code!: string;

  @ApiProperty({ example: 'Perioperative Services' })
  name!: string;

  @ApiProperty({ description: 'Whether postings are accepted', example: true })
  active!: boolean;

  @ApiPropertyOptional({ description: 'Facility the department belongs to', example: 'concord-general' })
  facilityId?: string;
}

export const COST_CENTRE_INVALID_REASONS = ['malformed', 'unknown', 'inactive'] as const;
export type CostCentreInvalidReason = (typeof COST_CENTRE_INVALID_REASONS)[number];

/** Whether a cost centre code may be posted to, and why not. */
export class CostCentreValidationDto {
  @ApiProperty({ example: '6300' })
  code!: string;

  @ApiProperty({ example: true })
  valid!: boolean;

  @ApiPropertyOptional({ enum: COST_CENTRE_INVALID_REASONS, description: 'Why the code cannot be posted to' })
  reason?: CostCentreInvalidReason;

  @ApiPropertyOptional({ type: CostCentreDto, description: 'The cost centre, when the ERP knows it' })
  costCentre?: CostCentreDto;
}
