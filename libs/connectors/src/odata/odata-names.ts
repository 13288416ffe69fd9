import { invalidQuery } from './odata.exception';

// OData allows Unicode letters in identifiers; SAP's APIs use ASCII only, and refusing the rest keeps
// every name that reaches a URL free of characters that would need escaping.
const SIMPLE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A property, entity set or parameter name; throws INVALID_QUERY naming `role` otherwise. */
export function assertIdentifier(name: string, role: string): string {
  if (typeof name !== 'string' || !SIMPLE_IDENTIFIER.test(name)) throw invalidQuery(`${role} is not a valid OData identifier`);
  return name;
}

/** A property path through navigation properties, e.g. `to_Supplier/SupplierName`. */
export function assertPropertyPath(path: string, role: string): string {
  if (typeof path !== 'string' || !path.split('/').every((segment) => SIMPLE_IDENTIFIER.test(segment)))
    throw invalidQuery(`${role} is not a valid OData property path`);
  return path;
}

/** An action or function name, optionally namespace-qualified (`API_SUPPLIERINVOICE_PROCESS_SRV.Release`). */
export function assertOperationName(name: string, role: string): string {
  if (typeof name !== 'string' || !name.split('.').every((segment) => SIMPLE_IDENTIFIER.test(segment)))
    throw invalidQuery(`${role} is not a valid OData operation name`);
  return name;
}
