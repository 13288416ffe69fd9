import type {
  CreateEmployeeDto,
  EmployeeDto,
  EmployeeQueryDto,
  MoneyDto,
  TerminateEmployeeDto,
  UpdateEmployeeDto,
} from '@concord/contracts';
import { WorkforceConnectorException, WorkforceConnectorExceptionCode as Code } from '../workforce-connector.exception';
import { SCIM_CORE_USER, SCIM_ENTERPRISE_USER, SCIM_WORKFORCE_USER, type ScimPatchOperation, type ScimUser } from './scim.types';

/** SCIM 2.0 User (core + enterprise + Concord workforce extension) ↔ canonical Employee. Pure functions. */

const DECIMAL = /^(0|[1-9]\d{0,9})\.(\d{2})$/;
const decimal = (money: MoneyDto) => `${Math.floor(money.amount / 100)}.${String(money.amount % 100).padStart(2, '0')}`;

/** A string as a SCIM filter literal: quoted, with quotes and backslashes escaped. */
export function scimString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** The filter for an employee query, or undefined for everyone. */
export function scimFilterFor(query: EmployeeQueryDto): string | undefined {
  const clauses = [
    query.employeeNumber === undefined ? undefined : `${SCIM_ENTERPRISE_USER}:employeeNumber eq ${scimString(query.employeeNumber)}`,
    query.costCentre === undefined ? undefined : `${SCIM_ENTERPRISE_USER}:costCenter eq ${scimString(query.costCentre)}`,
    query.status === undefined ? undefined : `active eq ${query.status === 'active'}`,
  ].filter((clause): clause is string => clause !== undefined);
  return clauses.length ? clauses.join(' and ') : undefined;
}

const versionOf = (version: string | undefined) => /^(?:W\/)?"(.*)"$/.exec(version ?? '')?.[1];

export function employeeFromScimUser(user: ScimUser): EmployeeDto {
  const enterprise = user[SCIM_ENTERPRISE_USER] ?? {};
  const workforce = user[SCIM_WORKFORCE_USER];
  if (!workforce?.positionId || !workforce.hourlyRate || !workforce.hireDate) {
    throw new WorkforceConnectorException(
      Code.INVALID_RESPONSE,
      `SCIM user ${user.id} lacks the workforce extension (positionId, hourlyRate, hireDate) payroll needs`,
    );
  }
  const rate = DECIMAL.exec(workforce.hourlyRate);
  if (!rate || (workforce.currency ?? 'USD') !== 'USD')
    throw new WorkforceConnectorException(
      Code.INVALID_RESPONSE,
      `SCIM user ${user.id} has an hourly rate that is not a USD amount with two places`,
    );
  const employeeNumber = enterprise.employeeNumber ?? user.externalId;
  if (!employeeNumber || !enterprise.costCenter)
    throw new WorkforceConnectorException(Code.INVALID_RESPONSE, `SCIM user ${user.id} lacks an employee number or cost centre`);
  const primaryEmail = user.emails?.find((email) => email.primary) ?? user.emails?.[0];
  const version = versionOf(user.meta?.version);
  return {
    id: user.id,
    employeeNumber,
    name: { given: user.name?.givenName ?? '', family: user.name?.familyName ?? '' },
    email: primaryEmail?.value,
    positionId: workforce.positionId,
    positionTitle: user.title,
    costCentre: enterprise.costCenter,
    hourlyRate: { amount: Number(rate[1]) * 100 + Number(rate[2]), currency: 'USD' },
    status: user.active === false ? 'terminated' : 'active',
    hireDate: workforce.hireDate,
    terminationDate: workforce.terminationDate,
    managerId: enterprise.manager?.value,
    source: {
      system: 'workforce',
      recordId: user.id,
      ...(version === undefined ? {} : { versionId: version }),
      ...(user.meta?.lastModified ? { lastUpdated: user.meta.lastModified } : {}),
    },
  };
}

/** A hire as a SCIM user to create. SCIM needs a userName: the work email. */
export function scimUserForHire(input: CreateEmployeeDto): Omit<ScimUser, 'id' | 'meta'> {
  if (!input.email)
    throw new WorkforceConnectorException(Code.INVALID_REQUEST, 'A SCIM hire needs the work email as its userName', undefined, {
      fieldErrors: [{ in: 'body', name: 'email', detail: 'required for SCIM' }],
    });
  return {
    schemas: [SCIM_CORE_USER, SCIM_ENTERPRISE_USER, SCIM_WORKFORCE_USER],
    userName: input.email,
    name: { givenName: input.name.given, familyName: input.name.family },
    active: true,
    emails: [{ value: input.email, type: 'work', primary: true }],
    [SCIM_ENTERPRISE_USER]: {
      ...(input.employeeNumber === undefined ? {} : { employeeNumber: input.employeeNumber }),
      costCenter: input.costCentre,
      ...(input.managerId === undefined ? {} : { manager: { value: input.managerId } }),
    },
    [SCIM_WORKFORCE_USER]: {
      positionId: input.positionId,
      hourlyRate: decimal(input.hourlyRate),
      currency: 'USD',
      hireDate: input.hireDate,
    },
  };
}

export function scimPatchForUpdate(change: UpdateEmployeeDto): ScimPatchOperation[] {
  const operations: ScimPatchOperation[] = [];
  if (change.name)
    operations.push({ op: 'replace', path: 'name', value: { givenName: change.name.given, familyName: change.name.family } });
  if (change.email !== undefined) operations.push({ op: 'replace', path: 'emails[type eq "work"].value', value: change.email });
  if (change.costCentre !== undefined)
    operations.push({ op: 'replace', path: `${SCIM_ENTERPRISE_USER}:costCenter`, value: change.costCentre });
  if (change.managerId !== undefined)
    operations.push({ op: 'replace', path: `${SCIM_ENTERPRISE_USER}:manager`, value: { value: change.managerId } });
  if (change.positionId !== undefined)
    operations.push({ op: 'replace', path: `${SCIM_WORKFORCE_USER}:positionId`, value: change.positionId });
  if (change.hourlyRate !== undefined)
    operations.push({ op: 'replace', path: `${SCIM_WORKFORCE_USER}:hourlyRate`, value: decimal(change.hourlyRate) });
  return operations;
}

export function scimPatchForTermination(input: TerminateEmployeeDto): ScimPatchOperation[] {
  return [{ op: 'replace', value: { active: false, [SCIM_WORKFORCE_USER]: { terminationDate: input.terminationDate } } }];
}
