export const SCIM_CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** Concord's extension for what payroll needs: position, hourly rate, hire and termination dates. */
export const SCIM_WORKFORCE_USER = 'urn:concord:params:scim:schemas:extension:workforce:2.0:User';
export const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface ScimUser {
  schemas: string[];
  id: string;
  externalId?: string;
  userName: string;
  name?: { givenName?: string; familyName?: string; formatted?: string };
  displayName?: string;
  title?: string;
  active?: boolean;
  emails?: { value: string; type?: string; primary?: boolean }[];
  [SCIM_ENTERPRISE_USER]?: {
    employeeNumber?: string;
    costCenter?: string;
    department?: string;
    manager?: { value?: string; $ref?: string; displayName?: string };
  };
  [SCIM_WORKFORCE_USER]?: { positionId?: string; hourlyRate?: string; currency?: string; hireDate?: string; terminationDate?: string };
  meta?: { resourceType?: string; created?: string; lastModified?: string; version?: string; location?: string };
}

export interface ScimListResponse<T> {
  schemas: string[];
  totalResults: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources?: T[];
}

export interface ScimPatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

export interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: string;
  detail?: string;
}
