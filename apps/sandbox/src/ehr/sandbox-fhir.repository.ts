import {
  badRequest,
  evalFhirPath,
  getSearchParameter,
  type IncludeTarget,
  isReference,
  Operator,
  OperationOutcomeError,
  type SearchRequest,
  validateResource,
} from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Reference, Resource, ResourceType } from '@medplum/fhirtypes';

/** Search result parameters (`_id` and friends) the memory repository understands as filters. */
const SPECIAL_FILTERS = new Set(['_id', '_lastUpdated', '_tag', '_profile', '_security', '_source']);
/** `_include:iterate` follows what it included, this many rounds at most. */
const MAX_INCLUDE_ROUNDS = 4;

/** Told about every write, so a store can keep a copy (see FhirJsonFileStore). */
export interface RepositoryListener {
  stored(resource: Resource): void;
  deleted(resourceType: string, id: string): void;
}

/**
 * Medplum's MemoryRepository with what a sandbox EHR needs and it lacks: every write is validated
 * against the R4 structure definitions (also inside batches and transactions); searches refuse
 * unknown parameters instead of silently matching nothing, accept bare ids for reference
 * parameters (`patient=avery-quinn`), mark matches, and honour `_include`, `_include:iterate` and
 * `_revinclude` for any reference search parameter.
 */
export class SandboxFhirRepository extends MemoryRepository {
  private listener?: RepositoryListener;

  listen(listener: RepositoryListener): void {
    this.listener = listener;
  }

  override async createResource<T extends Resource>(resource: T): Promise<T & { id: string }> {
    assertValid(resource);
    const stored = await super.createResource(resource);
    this.listener?.stored(stored);
    return stored;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    this.listener?.deleted(resourceType, id);
  }

  override async search<T extends Resource>(request: SearchRequest<T>): Promise<Bundle<T & { id: string }>> {
    const normalised = normaliseFilters(request);
    const bundle = await super.search(normalised);
    const matches = (bundle.entry ?? []).map((entry): BundleEntry<T & { id: string }> => ({ ...entry, search: { mode: 'match' } }));
    const included = await this.included(
      matches.map((entry) => entry.resource).filter((resource): resource is T & { id: string } => !!resource),
      request,
    );
    const entry = [...matches, ...included.map((resource) => ({ resource, search: { mode: 'include' as const } }))];
    return { ...bundle, ...(entry.length ? { entry: entry as BundleEntry<T & { id: string }>[] } : {}) };
  }

  /** Resources `_include` and `_revinclude` add to the matches, each once, none of them a match. */
  private async included(matches: Resource[], request: SearchRequest): Promise<Resource[]> {
    if (!request.include?.length && !request.revInclude?.length) return [];
    const seen = new Set(matches.map(key));
    const found: Resource[] = [];
    const add = (resource: Resource) => {
      if (seen.has(key(resource))) return false;
      seen.add(key(resource));
      found.push(resource);
      return true;
    };
    let frontier = matches;
    for (let round = 0; round < MAX_INCLUDE_ROUNDS && frontier.length; round++) {
      const added: Resource[] = [];
      for (const target of request.include ?? []) {
        if (round > 0 && target.modifier !== 'iterate') continue;
        for (const resource of await this.forwardIncludes(frontier, target)) if (add(resource)) added.push(resource);
      }
      for (const target of request.revInclude ?? []) {
        if (round > 0 && target.modifier !== 'iterate') continue;
        for (const resource of await this.reverseIncludes(frontier, target)) if (add(resource)) added.push(resource);
      }
      frontier = added;
    }
    return found;
  }

  /** `_include=Encounter:patient`: the resources the matches refer to through that parameter. */
  private async forwardIncludes(resources: Resource[], target: IncludeTarget): Promise<Resource[]> {
    const parameter = referenceParameter(target);
    const out: Resource[] = [];
    for (const resource of resources.filter((r) => r.resourceType === target.resourceType)) {
      const references = evalFhirPath(parameter.expression!, resource).filter((value): value is Reference => isReference(value));
      for (const reference of references) {
        const [type, id] = (reference.reference ?? '').split('/');
        if (!type || !id || (target.targetType && type !== target.targetType)) continue;
        try {
          out.push(await this.readResource(type, id));
        } catch {
          // A dangling reference includes nothing, as on any FHIR server.
        }
      }
    }
    return out;
  }

  /** `_revinclude=Procedure:encounter`: the resources that refer to the matches through that parameter. */
  private async reverseIncludes(resources: Resource[], target: IncludeTarget): Promise<Resource[]> {
    referenceParameter(target);
    const out: Resource[] = [];
    for (const resource of resources) {
      const bundle = await super.search({
        resourceType: target.resourceType as ResourceType,
        filters: [{ code: target.searchParam, operator: Operator.EQUALS, value: `${resource.resourceType}/${resource.id}` }],
      });
      for (const entry of bundle.entry ?? []) if (entry.resource) out.push(entry.resource);
    }
    return out;
  }
}

function key(resource: Resource): string {
  return `${resource.resourceType}/${resource.id}`;
}

function assertValid(resource: Resource): void {
  // validateResource throws an OperationOutcomeError (400) listing every structural error.
  const issues = validateResource(resource).filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
  if (issues.length) throw new OperationOutcomeError({ resourceType: 'OperationOutcome', issue: issues });
}

function referenceParameter(target: IncludeTarget) {
  const parameter = getSearchParameter(target.resourceType, target.searchParam);
  if (parameter?.type !== 'reference' || !parameter.expression) {
    throw new OperationOutcomeError(badRequest(`${target.resourceType}:${target.searchParam} is not a reference search parameter`));
  }
  return parameter;
}

/**
 * Refuses unknown parameters (a typo must not look like "no results") and turns a bare id given to
 * a reference parameter into `Type/id` when the parameter names one type, or one type named like it.
 */
function normaliseFilters<T extends Resource>(request: SearchRequest<T>): SearchRequest<T> {
  const filters = (request.filters ?? []).map((filter) => {
    if (SPECIAL_FILTERS.has(filter.code) || /[:.]/.test(filter.code)) return filter;
    const parameter = getSearchParameter(request.resourceType, filter.code);
    if (!parameter) throw new OperationOutcomeError(badRequest(`Unknown search parameter for ${request.resourceType}: ${filter.code}`));
    if (parameter.type !== 'reference') return filter;
    const targets = parameter.target ?? [];
    const named = targets.find((type) => type.toLowerCase() === filter.code.toLowerCase());
    const type = targets.length === 1 ? targets[0] : named;
    if (!type) return filter;
    const value = filter.value
      .split(',')
      .map((item) => (/^[A-Za-z0-9\-.]{1,64}$/.test(item) ? `${type}/${item}` : item))
      .join(',');
    return { ...filter, value };
  });
  return { ...request, filters };
}
