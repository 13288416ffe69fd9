import type {
  CreateEmployeeDto,
  CredentialDto,
  CredentialType,
  EmployeeDto,
  MoneyDto,
  PositionDto,
  TerminateEmployeeDto,
  UpdateEmployeeDto,
} from '@concord/contracts';
import type { FieldError } from '@concord/platform';
import { WorkforceConnectorException, WorkforceConnectorExceptionCode as Code } from '../workforce-connector.exception';
import type { PwErrorBody, PwHireRequest, PwJob, PwLicense, PwTerminateRequest, PwUpdateRequest, PwWorker } from './peoplewise-api.types';

/** Peoplewise (sandbox HR) JSON ↔ Concord's canonical workforce model. Pure functions. */

const DECIMAL = /^(0|[1-9]\d{0,9})\.(\d{2})$/;

function hourlyRateFrom(payRate: PwWorker['payRate']): MoneyDto {
  const match = DECIMAL.exec(payRate.amount);
  if (!match || payRate.currency !== 'USD' || payRate.basis !== 'HOURLY') {
    throw new WorkforceConnectorException(
      Code.INVALID_RESPONSE,
      'The HR system sent a pay rate that is not an hourly USD amount with two places',
    );
  }
  return { amount: Number(match[1]) * 100 + Number(match[2]), currency: 'USD' };
}

const decimal = (money: MoneyDto) => `${Math.floor(money.amount / 100)}.${String(money.amount % 100).padStart(2, '0')}`;
const payRate = (money: MoneyDto) => ({ amount: decimal(money), currency: 'USD' as const, basis: 'HOURLY' as const });

export const LICENSE_TYPES: Record<string, CredentialType> = {
  RN: 'rn-licence',
  LPN: 'lpn-licence',
  MD: 'physician-licence',
  DEA: 'dea-registration',
  BLS: 'bls-certification',
  ACLS: 'acls-certification',
};
export const LICENSE_CODES = Object.fromEntries(Object.entries(LICENSE_TYPES).map(([code, type]) => [type, code])) as Record<
  CredentialType,
  string
>;

function credentialType(code: string): CredentialType {
  const type = LICENSE_TYPES[code];
  if (!type)
    throw new WorkforceConnectorException(Code.INVALID_RESPONSE, `The HR system sent licence type ${code}, which Concord does not know`);
  return type;
}

export function employeeFromWorker(worker: PwWorker): EmployeeDto {
  return {
    id: worker.workerId,
    employeeNumber: worker.personNumber,
    name: { given: worker.legalName.firstName, family: worker.legalName.lastName },
    email: worker.workEmail ?? undefined,
    positionId: worker.jobId,
    positionTitle: worker.jobTitle ?? undefined,
    costCentre: worker.department,
    hourlyRate: hourlyRateFrom(worker.payRate),
    status: worker.workerStatus === 'ACTIVE' ? 'active' : 'terminated',
    hireDate: worker.originalHireDate,
    terminationDate: worker.terminationDate ?? undefined,
    managerId: worker.managerWorkerId ?? undefined,
    source: { system: 'workforce', recordId: worker.workerId, versionId: String(worker.version), lastUpdated: worker.lastUpdated },
  };
}

export function positionFromJob(job: PwJob): PositionDto {
  return {
    id: job.jobId,
    title: job.jobTitle,
    jobCode: job.jobCode,
    costCentre: job.department,
    requiredCredentialTypes: job.requiredLicenses.map(credentialType),
  };
}

export function credentialFromLicense(license: PwLicense): CredentialDto {
  return {
    id: license.licenseId,
    employeeId: license.workerId,
    type: credentialType(license.licenseType),
    licenceNumber: license.licenseNumber,
    issuer: license.issuingAuthority,
    issuedOn: license.issueDate ?? undefined,
    expiresOn: license.expirationDate,
  };
}

export function hireToPeoplewise(input: CreateEmployeeDto): PwHireRequest {
  return {
    ...(input.employeeNumber === undefined ? {} : { personNumber: input.employeeNumber }),
    legalName: { firstName: input.name.given, lastName: input.name.family },
    ...(input.email === undefined ? {} : { workEmail: input.email }),
    jobId: input.positionId,
    department: input.costCentre,
    payRate: payRate(input.hourlyRate),
    originalHireDate: input.hireDate,
    ...(input.managerId === undefined ? {} : { managerWorkerId: input.managerId }),
  };
}

export function updateToPeoplewise(change: UpdateEmployeeDto): PwUpdateRequest {
  return {
    ...(change.name === undefined ? {} : { legalName: { firstName: change.name.given, lastName: change.name.family } }),
    ...(change.email === undefined ? {} : { workEmail: change.email }),
    ...(change.positionId === undefined ? {} : { jobId: change.positionId }),
    ...(change.costCentre === undefined ? {} : { department: change.costCentre }),
    ...(change.hourlyRate === undefined ? {} : { payRate: payRate(change.hourlyRate) }),
    ...(change.managerId === undefined ? {} : { managerWorkerId: change.managerId }),
  };
}

const REASONS: Record<string, PwTerminateRequest['reasonCode']> = {
  resignation: 'RESIGNATION',
  retirement: 'RETIREMENT',
  'end-of-contract': 'END_OF_CONTRACT',
  dismissal: 'DISMISSAL',
  other: 'OTHER',
};

export function terminationToPeoplewise(input: TerminateEmployeeDto): PwTerminateRequest {
  return {
    terminationDate: input.terminationDate,
    ...(input.reason === undefined ? {} : { reasonCode: REASONS[input.reason] ?? 'OTHER' }),
  };
}

const FIELDS: Record<string, string> = {
  personNumber: 'employeeNumber',
  'legalName.firstName': 'name.given',
  'legalName.lastName': 'name.family',
  legalName: 'name',
  workEmail: 'email',
  jobId: 'positionId',
  department: 'costCentre',
  payRate: 'hourlyRate',
  'payRate.amount': 'hourlyRate',
  originalHireDate: 'hireDate',
  managerWorkerId: 'managerId',
  reasonCode: 'reason',
};

const ERROR_CODES: Record<string, Code> = {
  NOT_FOUND: Code.NOT_FOUND,
  VALIDATION_ERROR: Code.INVALID_REQUEST,
  BAD_REQUEST: Code.INVALID_REQUEST,
  DUPLICATE: Code.CONFLICT,
  WORKER_STATE: Code.INVALID_STATE,
  VERSION_MISMATCH: Code.VERSION_CONFLICT,
  IDEMPOTENCY_KEY_REUSED: Code.IDEMPOTENCY_KEY_REUSED,
};

/** A Peoplewise error answer as a WorkforceConnectorException; 5xx bodies are not trusted for detail. */
export function errorFromPeoplewise(status: number, body: unknown, retryAfterMs?: number): WorkforceConnectorException {
  if (status === 429)
    return new WorkforceConnectorException(Code.SERVER_THROTTLED, 'The HR system refused the call: its rate limit was reached', status, {
      retryAfterMs,
    });
  if (status === 503 || status === 502)
    return new WorkforceConnectorException(Code.SERVER_UNAVAILABLE, `The HR system is unavailable (${status})`, status, { retryAfterMs });
  if (status === 504) return new WorkforceConnectorException(Code.SERVER_TIMEOUT, 'The HR system timed out', status);
  if (status >= 500 || status < 400) return new WorkforceConnectorException(Code.SERVER_ERROR, `The HR system failed (${status})`, status);
  const errors = isErrorBody(body) ? body.errors : [];
  const first = errors[0];
  const code =
    (first && ERROR_CODES[first.code]) ??
    (status === 404 ? Code.NOT_FOUND : status === 409 ? Code.CONFLICT : status === 412 ? Code.VERSION_CONFLICT : Code.INVALID_REQUEST);
  const fieldErrors: FieldError[] = errors
    .filter((error) => error.field)
    .map((error) => ({ in: 'body' as const, name: FIELDS[error.field!] ?? error.field!, detail: error.message }));
  const message = first
    ? `The HR system refused the request: ${errors.map((error) => error.message).join('; ')}`
    : `The HR system refused the request (${status})`;
  return new WorkforceConnectorException(code, message, status, { fieldErrors });
}

function isErrorBody(body: unknown): body is PwErrorBody {
  return !!body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors);
}
