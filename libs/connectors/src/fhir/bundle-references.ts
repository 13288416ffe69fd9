import type { Bundle, Resource } from '@medplum/fhirtypes';
import { missing } from './fhir-mapping.exception';

const UUID_URN = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The resources of a transaction or batch Bundle as they stand once stored: an entry without an id
 * takes the uuid of its `urn:uuid:` fullUrl, and every reference to an entry's fullUrl becomes
 * `Type/id`. References to nothing in the Bundle are left as they are. Pure: the Bundle is not changed.
 */
export function resolveBundleReferences(bundle: Bundle): Resource[] {
  const entries = (bundle.entry ?? []).map((entry, index) => {
    if (!entry.resource) throw missing(`Bundle.entry[${index}].resource`);
    const id = entry.resource.id ?? UUID_URN.exec(entry.fullUrl ?? '')?.[1];
    if (!id) throw missing(`Bundle.entry[${index}]`, 'needs a resource id or a urn:uuid fullUrl');
    return { fullUrl: entry.fullUrl, resource: { ...structuredClone(entry.resource), id } };
  });
  const targets = new Map<string, string>();
  for (const { fullUrl, resource } of entries) if (fullUrl) targets.set(fullUrl, `${resource.resourceType}/${resource.id}`);
  return entries.map(({ resource }) => rewrite(resource, targets) as Resource);
}

function rewrite(value: unknown, targets: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, targets));
  if (!value || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  for (const [key, item] of Object.entries(object)) {
    if (key === 'reference' && typeof item === 'string') object[key] = targets.get(item) ?? item;
    else object[key] = rewrite(item, targets);
  }
  return object;
}
