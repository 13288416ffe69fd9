import type { SandboxHr, Worker } from '../domain/sandbox-hr';
import { normalisePath } from './scim-filter';

export const SCIM_CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** Concord's extension: what payroll needs that the core and enterprise schemas do not carry. */
export const SCIM_WORKFORCE_USER = 'urn:concord:params:scim:schemas:extension:workforce:2.0:User';
export const SCIM_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface ScimUser {
  schemas: string[];
  id: string;
  externalId: string;
  userName: string;
  name: { givenName: string; familyName: string; formatted: string };
  displayName: string;
  title?: string;
  active: boolean;
  emails: { value: string; type: 'work'; primary: boolean }[];
  [SCIM_ENTERPRISE_USER]: {
    employeeNumber: string;
    costCenter: string;
    department?: string;
    manager?: { value: string; $ref: string; displayName?: string };
  };
  [SCIM_WORKFORCE_USER]: { positionId: string; hourlyRate: string; currency: 'USD'; hireDate: string; terminationDate?: string };
  meta: { resourceType: 'User'; created: string; lastModified: string; version: string; location: string };
}

const decimal = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** A worker as a SCIM 2.0 User with the enterprise extension (employee number, cost centre, manager). */
export function scimUserOf(worker: Worker, hr: SandboxHr, baseUrl: string): ScimUser {
  const manager = worker.managerId ? hr.listWorkers().find((candidate) => candidate.id === worker.managerId) : undefined;
  return {
    schemas: [SCIM_CORE_USER, SCIM_ENTERPRISE_USER, SCIM_WORKFORCE_USER],
    id: worker.id,
    externalId: worker.employeeNumber,
    userName: worker.userName,
    name: { givenName: worker.given, familyName: worker.family, formatted: `${worker.given} ${worker.family}` },
    displayName: `${worker.given} ${worker.family}`,
    title: hr.position(worker.positionId)?.title,
    active: worker.status === 'active',
    emails: [{ value: worker.email, type: 'work', primary: true }],
    [SCIM_ENTERPRISE_USER]: {
      employeeNumber: worker.employeeNumber,
      costCenter: worker.costCentre,
      ...(manager
        ? { manager: { value: manager.id, $ref: `${baseUrl}/Users/${manager.id}`, displayName: `${manager.given} ${manager.family}` } }
        : {}),
    },
    [SCIM_WORKFORCE_USER]: {
      positionId: worker.positionId,
      hourlyRate: decimal(worker.hourlyRateCents),
      currency: 'USD',
      hireDate: worker.hireDate,
      ...(worker.terminationDate ? { terminationDate: worker.terminationDate } : {}),
    },
    meta: {
      resourceType: 'User',
      created: worker.createdAt,
      lastModified: worker.updatedAt,
      version: `W/"${worker.version}"`,
      location: `${baseUrl}/Users/${worker.id}`,
    },
  };
}

/** Attribute values of a user by normalised (lower-case, core-prefix-free) path, for filters. */
export function scimAttributeReader(user: ScimUser): (path: string) => unknown {
  const enterprise = SCIM_ENTERPRISE_USER.toLowerCase();
  const workforce = SCIM_WORKFORCE_USER.toLowerCase();
  const values: Record<string, unknown> = {
    id: user.id,
    externalid: user.externalId,
    username: user.userName,
    displayname: user.displayName,
    title: user.title,
    active: user.active,
    'name.givenname': user.name.givenName,
    'name.familyname': user.name.familyName,
    'name.formatted': user.name.formatted,
    emails: user.emails.map((email) => email.value),
    'emails.value': user.emails.map((email) => email.value),
    'emails.type': user.emails.map((email) => email.type),
    'meta.created': user.meta.created,
    'meta.lastmodified': user.meta.lastModified,
    [`${enterprise}:employeenumber`]: user[SCIM_ENTERPRISE_USER].employeeNumber,
    [`${enterprise}:costcenter`]: user[SCIM_ENTERPRISE_USER].costCenter,
    [`${enterprise}:manager.value`]: user[SCIM_ENTERPRISE_USER].manager?.value,
    [`${enterprise}:manager`]: user[SCIM_ENTERPRISE_USER].manager?.value,
    [`${workforce}:positionid`]: user[SCIM_WORKFORCE_USER].positionId,
    [`${workforce}:hiredate`]: user[SCIM_WORKFORCE_USER].hireDate,
  };
  return (path) => values[normalisePath(path)];
}
