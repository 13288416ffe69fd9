import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MoneyDto } from '../common/money.dto';
import { CREDENTIAL_TYPES, type CredentialType } from '../workforce/credential.dto';
import { EMPLOYMENT_STATUSES, type EmploymentStatus } from '../workforce/employee.dto';
import { defineEvent, type EventContract } from './event-contract';

// Events of the workforce domain (hire-to-payroll). The HR system is the system of record; system-api
// publishes right after its call with ids derived from the idempotency key. Names, e-mail addresses
// and licence numbers stay out of the data: consumers read them from /workforce/v1 when they need them.

export class WorkforceEmployeeHiredData {
  @ApiProperty({ description: 'Employee id in the HR system', example: 'W-1042' })
  employeeId!: string;

  @ApiProperty({ example: 'E10042' })
  employeeNumber!: string;

  @ApiProperty({ example: 'POS-RN2-6200' })
  positionId!: string;

  @ApiPropertyOptional({ example: 'Staff Nurse II' })
  positionTitle?: string;

  @ApiProperty({ description: 'Cost centre that carries the labour cost', example: '6200' })
  costCentre!: string;

  @ApiProperty({ type: MoneyDto, description: 'Pay per hour' })
  hourlyRate!: MoneyDto;

  @ApiProperty({ example: '2026-11-02' })
  hireDate!: string;

  @ApiPropertyOptional({ example: 'W-1002' })
  managerId?: string;
}

export class WorkforceEmployeeUpdatedData {
  @ApiProperty({ example: 'W-1042' })
  employeeId!: string;

  @ApiProperty({ example: 'E10042' })
  employeeNumber!: string;

  @ApiProperty({
    type: [String],
    description: 'Fields the change set (name and e-mail only as names)',
    example: ['costCentre', 'hourlyRate'],
  })
  changedFields!: string[];

  @ApiProperty({ example: 'POS-RN2-6200' })
  positionId!: string;

  @ApiProperty({ example: '6300' })
  costCentre!: string;

  @ApiProperty({ type: MoneyDto })
  hourlyRate!: MoneyDto;

  @ApiProperty({ enum: EMPLOYMENT_STATUSES, example: 'active' })
  status!: EmploymentStatus;
}

export class WorkforceEmployeeTerminatedData {
  @ApiProperty({ example: 'W-1042' })
  employeeId!: string;

  @ApiProperty({ example: 'E10042' })
  employeeNumber!: string;

  @ApiProperty({ description: 'Last day of employment', example: '2027-03-31' })
  terminationDate!: string;

  @ApiPropertyOptional({ enum: ['resignation', 'retirement', 'end-of-contract', 'dismissal', 'other'], example: 'resignation' })
  reason?: string;

  @ApiProperty({ example: '6200' })
  costCentre!: string;
}

export class WorkforceCredentialExpiringData {
  @ApiProperty({ example: 'LIC-2001' })
  credentialId!: string;

  @ApiProperty({ example: 'W-1042' })
  employeeId!: string;

  @ApiPropertyOptional({ example: 'E10042' })
  employeeNumber?: string;

  @ApiProperty({ enum: CREDENTIAL_TYPES, example: 'rn-licence' })
  type!: CredentialType;

  @ApiProperty({ example: '2026-11-22' })
  expiresOn!: string;

  @ApiProperty({ type: 'integer', description: 'Days from the check to the expiry (negative once expired)', example: 20 })
  daysUntilExpiry!: number;

  @ApiProperty({ description: 'Day of the check', example: '2026-11-02' })
  checkedOn!: string;
}

export const WORKFORCE_EMPLOYEE_HIRED = defineEvent<WorkforceEmployeeHiredData>({
  type: 'workforce.employee.hired.v1',
  dataClass: WorkforceEmployeeHiredData,
  aggregateType: 'employee',
  orderingKey: (data) => data.employeeId,
  summary: 'An employee was hired in the HR system of record',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const WORKFORCE_EMPLOYEE_UPDATED = defineEvent<WorkforceEmployeeUpdatedData>({
  type: 'workforce.employee.updated.v1',
  dataClass: WorkforceEmployeeUpdatedData,
  aggregateType: 'employee',
  orderingKey: (data) => data.employeeId,
  summary: 'An employee’s position, cost centre, pay rate or manager changed',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const WORKFORCE_EMPLOYEE_TERMINATED = defineEvent<WorkforceEmployeeTerminatedData>({
  type: 'workforce.employee.terminated.v1',
  dataClass: WorkforceEmployeeTerminatedData,
  aggregateType: 'employee',
  orderingKey: (data) => data.employeeId,
  summary: 'An employee’s employment ends: deprovision scheduling and end payroll',
  containsPhi: false,
  deadLetterPolicy: 'hold',
});

export const WORKFORCE_CREDENTIAL_EXPIRING = defineEvent<WorkforceCredentialExpiringData>({
  type: 'workforce.credential.expiring.v1',
  dataClass: WorkforceCredentialExpiringData,
  aggregateType: 'employee',
  orderingKey: (data) => data.employeeId,
  summary: 'A licence or certification expires soon (or has expired): once per credential and expiry date',
  containsPhi: false,
  deadLetterPolicy: 'continue',
});

/** Event types the workforce domain publishes (`workforce.<entity>.<fact>.v<major>`). */
export const WORKFORCE_EVENTS: EventContract[] = [
  WORKFORCE_EMPLOYEE_HIRED,
  WORKFORCE_EMPLOYEE_UPDATED,
  WORKFORCE_EMPLOYEE_TERMINATED,
  WORKFORCE_CREDENTIAL_EXPIRING,
];
