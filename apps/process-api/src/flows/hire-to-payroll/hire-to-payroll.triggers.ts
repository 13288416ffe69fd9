import {
  WORKFORCE_CREDENTIAL_EXPIRING,
  WORKFORCE_EMPLOYEE_HIRED,
  WORKFORCE_EMPLOYEE_TERMINATED,
  WORKFORCE_EMPLOYEE_UPDATED,
  type WorkforceCredentialExpiringData,
  type WorkforceEmployeeHiredData,
  type WorkforceEmployeeTerminatedData,
  type WorkforceEmployeeUpdatedData,
} from '@concord/contracts';
import type { CloudEvent } from '@concord/events';
import type { FlowStart } from '../../engine/flow-definition';

export type EmploymentChange = 'hired' | 'updated' | 'terminated';

export interface HireToPayrollState {
  change: EmploymentChange;
  employeeId: string;
  employeeNumber: string;
  costCentre: string;
  /** The HR system's employment status when the flow read the employee. */
  status?: string;
  terminationDate?: string;
  /** Pay date the change must reach payroll by, for the exception's impact (YYYY-MM-DD). */
  effectiveDate?: string;
  payrollStatus?: string;
  schedulingAccess?: string;
  expiringCredentials?: { credentialId: string; type: string; expiresOn: string }[];
}

export interface CredentialAlertState {
  credentialId: string;
  employeeId: string;
  employeeNumber?: string;
  type: string;
  expiresOn: string;
  daysUntilExpiry: number;
  renewedUntil?: string;
}

const CHANGES: Record<string, EmploymentChange> = {
  [WORKFORCE_EMPLOYEE_HIRED.type]: 'hired',
  [WORKFORCE_EMPLOYEE_UPDATED.type]: 'updated',
  [WORKFORCE_EMPLOYEE_TERMINATED.type]: 'terminated',
};

/**
 * One hire-to-payroll instance per announcement: the event id is the start key, so a redelivered
 * event (same id) lands on the instance it already started.
 */
export function hireToPayrollStart(event: CloudEvent): FlowStart<HireToPayrollState> | undefined {
  const change = CHANGES[event.type];
  if (!change) return undefined;
  const data = event.data as WorkforceEmployeeHiredData | WorkforceEmployeeUpdatedData | WorkforceEmployeeTerminatedData;
  if (!data?.employeeId || !data.employeeNumber) return undefined;
  const terminated = change === 'terminated' ? (data as WorkforceEmployeeTerminatedData) : undefined;
  const hired = change === 'hired' ? (data as WorkforceEmployeeHiredData) : undefined;
  return {
    startKey: event.id,
    businessKeys: { employee: data.employeeId, 'employee-number': data.employeeNumber },
    state: {
      change,
      employeeId: data.employeeId,
      employeeNumber: data.employeeNumber,
      costCentre: data.costCentre,
      ...(terminated ? { terminationDate: terminated.terminationDate, effectiveDate: terminated.terminationDate } : {}),
      ...(hired ? { effectiveDate: hired.hireDate } : {}),
    },
  };
}

/** One alert per announcement; system-api announces a credential once per expiry date, so one per renewal cycle. */
export function credentialAlertStart(event: CloudEvent): FlowStart<CredentialAlertState> | undefined {
  if (event.type !== WORKFORCE_CREDENTIAL_EXPIRING.type) return undefined;
  const data = event.data as WorkforceCredentialExpiringData;
  if (!data?.credentialId || !data.employeeId) return undefined;
  return {
    startKey: event.id,
    businessKeys: {
      employee: data.employeeId,
      credential: data.credentialId,
      ...(data.employeeNumber ? { 'employee-number': data.employeeNumber } : {}),
    },
    state: {
      credentialId: data.credentialId,
      employeeId: data.employeeId,
      ...(data.employeeNumber ? { employeeNumber: data.employeeNumber } : {}),
      type: data.type,
      expiresOn: data.expiresOn,
      daysUntilExpiry: data.daysUntilExpiry,
    },
  };
}
