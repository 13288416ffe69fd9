import type { CredentialType } from '@concord/contracts';
import type { Position } from '../domain/hr-seed';
import type { License, SandboxHr, Worker } from '../domain/sandbox-hr';

/**
 * The sandbox HR system's own REST shapes ("Peoplewise HR API"): camelCase, nested legal name and
 * pay rate, upper-case codes, licence types by their short names.
 */
export const LICENSE_TYPE_CODES: Record<CredentialType, string> = {
  'rn-licence': 'RN',
  'lpn-licence': 'LPN',
  'physician-licence': 'MD',
  'dea-registration': 'DEA',
  'bls-certification': 'BLS',
  'acls-certification': 'ACLS',
};

export const LICENSE_TYPES_BY_CODE = Object.fromEntries(Object.entries(LICENSE_TYPE_CODES).map(([type, code]) => [code, type])) as Record<
  string,
  CredentialType
>;

export const REASON_CODES = {
  RESIGNATION: 'resignation',
  RETIREMENT: 'retirement',
  END_OF_CONTRACT: 'end-of-contract',
  DISMISSAL: 'dismissal',
  OTHER: 'other',
} as const;

const decimal = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

export function workerOf(worker: Worker, hr: SandboxHr) {
  return {
    workerId: worker.id,
    personNumber: worker.employeeNumber,
    legalName: { firstName: worker.given, lastName: worker.family },
    workEmail: worker.email,
    userName: worker.userName,
    jobId: worker.positionId,
    jobTitle: hr.position(worker.positionId)?.title ?? null,
    department: worker.costCentre,
    payRate: { amount: decimal(worker.hourlyRateCents), currency: 'USD', basis: 'HOURLY' },
    workerStatus: worker.status === 'active' ? 'ACTIVE' : 'TERMINATED',
    originalHireDate: worker.hireDate,
    terminationDate: worker.terminationDate ?? null,
    managerWorkerId: worker.managerId ?? null,
    version: worker.version,
    lastUpdated: worker.updatedAt,
  };
}

export function jobOf(position: Position) {
  return {
    jobId: position.id,
    jobTitle: position.title,
    jobCode: position.jobCode,
    department: position.costCentre,
    requiredLicenses: position.requiredCredentialTypes.map((type) => LICENSE_TYPE_CODES[type]),
  };
}

export function licenseOf(license: License) {
  return {
    licenseId: license.id,
    workerId: license.workerId,
    licenseType: LICENSE_TYPE_CODES[license.type],
    licenseNumber: license.licenceNumber,
    issuingAuthority: license.issuer,
    issueDate: license.issuedOn ?? null,
    expirationDate: license.expiresOn,
  };
}
