import type { TerminationInput, WorkerChange } from '../domain/sandbox-hr';
import { normalisePath } from './scim-filter';
import { SCIM_ENTERPRISE_USER, SCIM_PATCH_OP, SCIM_WORKFORCE_USER } from './scim-user';

export type ScimType =
  'invalidFilter' | 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'mutability' | 'uniqueness' | 'noTarget' | 'tooMany';

/** A SCIM protocol error (RFC 7644 §3.12), raised by the SCIM layer before or instead of the domain. */
export class ScimRequestError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    detail: string,
  ) {
    super(detail);
  }
}

export interface ScimPatchPlan {
  change: WorkerChange;
  /** Present when the patch sets active to false (with the workforce extension's terminationDate, if given). */
  terminate?: TerminationInput;
  /** The workforce extension's terminationDate, which only goes with active false. */
  terminationDate?: string;
  /** active set to true (a no-op on an active worker, refused on a terminated one). */
  activate: boolean;
}

const ENTERPRISE = SCIM_ENTERPRISE_USER.toLowerCase();
const WORKFORCE = SCIM_WORKFORCE_USER.toLowerCase();
const DECIMAL = /^(0|[1-9]\d{0,7})\.\d{2}$/;
const invalidValue = (detail: string) => new ScimRequestError(400, 'invalidValue', detail);
const str = (value: unknown, path: string): string => {
  if (typeof value !== 'string' || !value) throw invalidValue(`${path} must be a non-empty string`);
  return value;
};

/**
 * Turns a PatchOp body into the HR change it asks for. Supports add/replace on the mutable
 * attributes (name, emails, active, enterprise costCenter and manager, the workforce extension's
 * positionId, hourlyRate and terminationDate) with or without a path, and remove on manager.
 */
export function planScimPatch(body: unknown): ScimPatchPlan {
  if (!body || typeof body !== 'object') throw new ScimRequestError(400, 'invalidSyntax', 'The body must be a PatchOp');
  const { schemas, Operations } = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(schemas) || !schemas.includes(SCIM_PATCH_OP))
    throw new ScimRequestError(400, 'invalidSyntax', `schemas must contain ${SCIM_PATCH_OP}`);
  if (!Array.isArray(Operations) || !Operations.length)
    throw new ScimRequestError(400, 'invalidSyntax', 'Operations must list at least one operation');
  if (Operations.length > 50) throw new ScimRequestError(400, 'tooMany', 'At most 50 operations per request');
  const plan: ScimPatchPlan = { change: {}, activate: false };
  for (const operation of Operations as unknown[]) {
    if (!operation || typeof operation !== 'object') throw new ScimRequestError(400, 'invalidSyntax', 'Each operation must be an object');
    const { op, path, value } = operation as { op?: unknown; path?: unknown; value?: unknown };
    const kind = typeof op === 'string' ? op.toLowerCase() : '';
    if (kind !== 'add' && kind !== 'replace' && kind !== 'remove')
      throw new ScimRequestError(400, 'invalidSyntax', 'op must be add, replace or remove');
    if (path !== undefined && typeof path !== 'string') throw new ScimRequestError(400, 'invalidPath', 'path must be a string');
    if (kind === 'remove') {
      if (path === undefined) throw new ScimRequestError(400, 'noTarget', 'remove needs a path');
      const target = normalisePath(path);
      if (target !== `${ENTERPRISE}:manager` && target !== `${ENTERPRISE}:manager.value`)
        throw new ScimRequestError(400, 'mutability', `${path} cannot be removed`);
      plan.change.managerId = null;
      continue;
    }
    if (path === undefined) {
      if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new ScimRequestError(400, 'invalidValue', 'Without a path, value must be an object of attributes');
      for (const [attribute, attributeValue] of Object.entries(value as Record<string, unknown>)) {
        if (attribute.toLowerCase() === ENTERPRISE || attribute.toLowerCase() === WORKFORCE) {
          if (!attributeValue || typeof attributeValue !== 'object') throw invalidValue(`${attribute} must be an object`);
          for (const [extensionAttribute, extensionValue] of Object.entries(attributeValue as Record<string, unknown>)) {
            apply(plan, `${attribute}:${extensionAttribute}`, extensionValue);
          }
        } else apply(plan, attribute, attributeValue);
      }
    } else apply(plan, path, value);
  }
  if (plan.terminationDate !== undefined) {
    if (!plan.terminate) throw invalidValue(`${SCIM_WORKFORCE_USER}:terminationDate goes together with active false`);
    plan.terminate.terminationDate = plan.terminationDate;
  }
  return plan;
}

function apply(plan: ScimPatchPlan, path: string, value: unknown): void {
  const target = normalisePath(path);
  switch (target) {
    case 'active':
      if (typeof value !== 'boolean') throw invalidValue('active must be true or false');
      if (value) plan.activate = true;
      else plan.terminate = {};
      return;
    case 'name': {
      if (!value || typeof value !== 'object') throw invalidValue('name must be an object');
      const name = value as { givenName?: unknown; familyName?: unknown };
      if (name.givenName !== undefined) plan.change.given = str(name.givenName, 'name.givenName');
      if (name.familyName !== undefined) plan.change.family = str(name.familyName, 'name.familyName');
      return;
    }
    case 'name.givenname':
      plan.change.given = str(value, 'name.givenName');
      return;
    case 'name.familyname':
      plan.change.family = str(value, 'name.familyName');
      return;
    case 'emails': {
      const list = Array.isArray(value) ? (value as { value?: unknown; primary?: unknown }[]) : [];
      const primary = list.find((email) => email?.primary === true) ?? list[0];
      plan.change.email = str(primary?.value, 'emails.value');
      return;
    }
    case 'emails[type eq "work"].value':
      plan.change.email = str(value, path);
      return;
    case `${ENTERPRISE}:costcenter`:
      plan.change.costCentre = str(value, path);
      return;
    case `${ENTERPRISE}:manager`:
      plan.change.managerId =
        value === null ? null : str(typeof value === 'object' ? (value as { value?: unknown }).value : value, `${path}.value`);
      return;
    case `${ENTERPRISE}:manager.value`:
      plan.change.managerId = str(value, path);
      return;
    case `${WORKFORCE}:positionid`:
      plan.change.positionId = str(value, path);
      return;
    case `${WORKFORCE}:hourlyrate`: {
      const rate = str(value, path);
      if (!DECIMAL.test(rate)) throw invalidValue(`${path} must be a decimal amount with two places`);
      const [whole = '0', cents = '0'] = rate.split('.');
      plan.change.hourlyRateCents = Number(whole) * 100 + Number(cents);
      return;
    }
    case `${WORKFORCE}:terminationdate`:
      plan.terminationDate = str(value, path);
      return;
    case 'username':
    case 'id':
    case 'externalid':
    case 'title':
    case 'displayname':
    case `${ENTERPRISE}:employeenumber`:
    case `${WORKFORCE}:hiredate`:
    case 'meta':
    case 'schemas':
      throw new ScimRequestError(400, 'mutability', `${path} cannot be changed here`);
    default:
      throw new ScimRequestError(400, 'invalidPath', `${path} is not a supported attribute`);
  }
}
