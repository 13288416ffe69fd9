import type { Bundle, Identifier, Reference, Resource } from '@medplum/fhirtypes';
import { unresolved } from './fhir-mapping.exception';

/** `Type/id`, an absolute `.../Type/id` (optionally `/_history/v`); not contained (`#x`) or `urn:uuid:` references. */
const LITERAL = /^(?:https?:\/\/[^?#]+\/)?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** The id a literal reference points to, if it points to the given resource type. */
export function referenceId(reference: Reference | undefined, resourceType: string): string | undefined {
  const match = reference?.reference ? LITERAL.exec(reference.reference) : null;
  return match && match[1] === resourceType ? match[2] : undefined;
}

/** The resource type a reference names, from its literal reference or its `type`. */
export function referenceType(reference: Reference | undefined): string | undefined {
  const match = reference?.reference ? LITERAL.exec(reference.reference) : null;
  return match?.[1] ?? reference?.type;
}

/** A reference to `Type/id`. */
export function literalReference<T extends Resource>(resourceType: T['resourceType'], id: string, display?: string): Reference<T> {
  return { reference: `${resourceType}/${id}`, ...(display ? { display } : {}) };
}

/** A logical reference by business identifier (the target's id at the EHR need not be known). */
export function identifierReference<T extends Resource>(
  resourceType: T['resourceType'],
  system: string,
  value: string,
  display?: string,
): Reference<T> {
  return { type: resourceType, identifier: { system, value }, ...(display ? { display } : {}) };
}

/** The value of the first identifier with this system. */
export function identifierValue(identifiers: Identifier[] | Identifier | undefined, system: string): string | undefined {
  const list = Array.isArray(identifiers) ? identifiers : identifiers ? [identifiers] : [];
  return list.find((identifier) => identifier.system === system && typeof identifier.value === 'string' && identifier.value)?.value;
}

/** Finds the resources references point to, among resources the caller fetched (`_include`, a Bundle). */
export interface ReferenceResolver {
  resolve<T extends Resource>(reference: Reference | undefined, resourceType: T['resourceType']): T | undefined;
  /** Every known resource of a type (e.g. Conditions that point back at an Encounter). */
  all<T extends Resource>(resourceType: T['resourceType']): T[];
}

/** No resources at all: only what references carry themselves is used. */
export const NO_RESOURCES: ReferenceResolver = {
  resolve: () => undefined,
  all: () => [],
};

/**
 * Resources by `Type/id` and by Bundle fullUrl, so that `Encounter/e1`, `https://ehr/fhir/Encounter/e1`
 * and a transaction's `urn:uuid:...` all resolve.
 */
export class ResourceIndex implements ReferenceResolver {
  private readonly byKey = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();

  constructor(resources: Iterable<Resource> = []) {
    for (const resource of resources) this.add(resource);
  }

  static fromBundle(bundle: Bundle): ResourceIndex {
    const index = new ResourceIndex();
    for (const entry of bundle.entry ?? []) if (entry.resource) index.add(entry.resource, entry.fullUrl);
    return index;
  }

  add(resource: Resource, fullUrl?: string): this {
    if (resource.id) this.byKey.set(`${resource.resourceType}/${resource.id}`, resource);
    if (fullUrl) this.byKey.set(fullUrl, resource);
    const list = this.byType.get(resource.resourceType) ?? [];
    list.push(resource);
    this.byType.set(resource.resourceType, list);
    return this;
  }

  resolve<T extends Resource>(reference: Reference | undefined, resourceType: T['resourceType']): T | undefined {
    const text = reference?.reference;
    if (!text) return undefined;
    const id = referenceId(reference, resourceType);
    const found = (id ? this.byKey.get(`${resourceType}/${id}`) : undefined) ?? this.byKey.get(text);
    return found?.resourceType === resourceType ? (found as T) : undefined;
  }

  all<T extends Resource>(resourceType: T['resourceType']): T[] {
    return (this.byType.get(resourceType) ?? []) as T[];
  }
}

/** The resource a required reference points to, or a precise UNRESOLVED_REFERENCE. */
export function requireResolved<T extends Resource>(
  resolver: ReferenceResolver,
  reference: Reference | undefined,
  resourceType: T['resourceType'],
  path: string,
): T {
  const found = resolver.resolve<T>(reference, resourceType);
  if (!found) throw unresolved(path, `the ${resourceType} it refers to is not among the resources given to the mapping`);
  return found;
}
