import type { Bundle, Resource } from '@medplum/fhirtypes';

/** One value, or several (repeated as `name=a&name=b`, e.g. two `_include`s); undefined is left out. */
export type SearchParameterValue = string | number | boolean | undefined | readonly (string | number)[];
export type SearchParameters = Record<string, SearchParameterValue>;

/** One page of a search: what matched, what the server added for `_include`/`_revinclude`, and the way on. */
export interface SearchPage<T extends Resource> {
  /** Entries with search mode "match" (or no mode and the searched type). */
  matches: T[];
  /** Entries the server included (search mode "include", or no mode and another type). */
  included: Resource[];
  /** Total matches across all pages, when the server counted them. */
  total?: number;
  /** Absolute URL of the next page, when there is one. */
  next?: string;
  bundle: Bundle;
}

/** Encodes search parameters in order, repeating array values. */
export function searchQuery(parameters: SearchParameters): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) query.append(name, String(item));
    else query.append(name, String(value));
  }
  return query.toString();
}

/**
 * Splits a searchset Bundle into matches and included resources. OperationOutcome entries (search
 * mode "outcome": warnings about the search itself) are neither.
 */
export function searchPageOf<T extends Resource>(bundle: Bundle, resourceType: string | undefined): SearchPage<T> {
  const matches: T[] = [];
  const included: Resource[] = [];
  for (const entry of bundle.entry ?? []) {
    const resource = entry.resource;
    if (!resource) continue;
    const mode = entry.search?.mode;
    if (mode === 'outcome' || (mode === undefined && resource.resourceType === 'OperationOutcome')) continue;
    const isMatch = mode === 'match' || (mode === undefined && (resourceType === undefined || resource.resourceType === resourceType));
    if (isMatch) matches.push(resource as T);
    else included.push(resource);
  }
  const next = bundle.link?.find((link) => link.relation === 'next')?.url;
  return { matches, included, ...(bundle.total !== undefined ? { total: bundle.total } : {}), ...(next ? { next } : {}), bundle };
}

/** The resource type a search URL is about (`.../Encounter?...` → Encounter), if the path ends in one. */
export function resourceTypeOfSearchUrl(url: string): string | undefined {
  const path = url.split(/[?#]/)[0] ?? '';
  const last = path.split('/').filter(Boolean).pop();
  return last && /^[A-Z][A-Za-z]+$/.test(last) ? last : undefined;
}
