import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const SCHEDULING_ACCESS_STATUSES = ['active', 'deprovisioned'] as const;
export type SchedulingAccessStatus = (typeof SCHEDULING_ACCESS_STATUSES)[number];

/** An employee's access to staff scheduling (rosters, shift bids): provisioned on hire, withdrawn on termination. */
export class SchedulingAccessDto {
  @ApiProperty({ example: 'E10042' })
  employeeNumber!: string;

  @ApiProperty({ description: 'Cost centre whose rosters the employee is scheduled on', example: '6200' })
  costCentre!: string;

  @ApiPropertyOptional({ example: 'Staff Nurse II' })
  positionTitle?: string;

  @ApiProperty({ enum: SCHEDULING_ACCESS_STATUSES, example: 'active' })
  status!: SchedulingAccessStatus;

  @ApiPropertyOptional({ description: 'Last day the employee can be scheduled (set when deprovisioned)', example: '2027-03-31' })
  accessEndsOn?: string;

  @ApiProperty({ description: 'When the scheduling system last changed the record (ISO 8601)' })
  updatedAt!: string;
}
