/**
 * Scopes: SMART v2 for clinical resources (`system/Patient.rs`, `patient/Encounter.r`, `user/*.cruds`)
 * and `<domain>/<Resource>.<cruds>` for everything else (`billing/Claim.cu`, `admin/Client.c`).
 * SMART v1 suffixes (`.read`, `.write`, `.*`) are accepted and read as their v2 equivalents.
 */
export const CLINICAL_CONTEXTS = ['patient', 'user', 'system'] as const;
export type ClinicalContext = (typeof CLINICAL_CONTEXTS)[number];

export interface ParsedScope {
  prefix: string;
  resource: string;
  permissions: string;
}

const SCOPE = /^([a-z][a-z-]*)\/(\*|[A-Za-z][A-Za-z0-9]*)\.(\*|read|write|c?r?u?d?s?)$/;
const V1: Record<string, string> = { '*': 'cruds', read: 'rs', write: 'cud' };

export function parseScope(scope: string): ParsedScope | undefined {
  const match = SCOPE.exec(scope);
  if (!match) return undefined;
  const [, prefix, resource, rawPermissions] = match as unknown as [string, string, string, string];
  const permissions = V1[rawPermissions] ?? rawPermissions;
  if (!permissions) return undefined;
  return { prefix, resource, permissions };
}

export function isClinicalContext(prefix: string): prefix is ClinicalContext {
  return (CLINICAL_CONTEXTS as readonly string[]).includes(prefix);
}

/**
 * Whether granted scopes satisfy a required one. A clinical requirement (written with any of
 * patient/user/system) is met by a grant in any clinical context; the patient-context binding is
 * enforced separately, against the token's `patient` claim.
 */
export function scopeSatisfied(granted: readonly string[], required: string): boolean {
  const need = parseScope(required);
  if (!need) return false;
  return granted.some((scope) => {
    const have = parseScope(scope);
    if (!have) return false;
    const sameContext = isClinicalContext(need.prefix) ? isClinicalContext(have.prefix) : have.prefix === need.prefix;
    const sameResource = have.resource === '*' || have.resource === need.resource;
    return sameContext && sameResource && [...need.permissions].every((p) => have.permissions.includes(p));
  });
}

/** The scopes among `requested` that `allowed` permits (each must be satisfied in full). */
export function grantableScopes(allowed: readonly string[], requested: readonly string[]): string[] {
  return requested.filter(
    (scope) => parseScope(scope) !== undefined && allowed.some((a) => scopeSatisfied([a], scope) && samePrefixFamily(a, scope)),
  );
}

/** A `system/` grant does not make a `patient/` scope requestable and vice versa: contexts stay as registered. */
function samePrefixFamily(allowed: string, requested: string): boolean {
  return parseScope(allowed)?.prefix === parseScope(requested)?.prefix;
}
