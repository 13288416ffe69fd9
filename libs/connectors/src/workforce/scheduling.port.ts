import type { SchedulingAccessDto } from '@concord/contracts';

export interface SchedulingProvision {
  employeeNumber: string;
  costCentre: string;
  positionTitle?: string;
}

export interface SchedulingWriteOptions {
  /** Sent along so a write that timed out may be retried (the writes are repeatable anyway). */
  idempotencyKey: string;
}

/**
 * What Concord needs from the staff-scheduling system (hire-to-payroll): give a new or changed
 * employee access to their department's rosters, withdraw it when employment ends. Both are
 * repeatable (a provision states the whole record; a deprovision names the last day), so a retried
 * call changes nothing. Adapters throw WorkforceConnectorException.
 */
export abstract class SchedulingPort {
  abstract provision(input: SchedulingProvision, options: SchedulingWriteOptions): Promise<SchedulingAccessDto>;
  abstract deprovision(employeeNumber: string, accessEndsOn: string, options: SchedulingWriteOptions): Promise<SchedulingAccessDto>;
  /** The employee's scheduling record, or undefined when they were never provisioned. */
  abstract get(employeeNumber: string): Promise<SchedulingAccessDto | undefined>;
}
