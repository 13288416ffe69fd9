import { normalizeOperationOutcome } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { FhirMappingException, FhirMappingExceptionCode, resolveBundleReferences } from '@concord/connectors/fhir';
import type { SandboxFhirRepository } from './sandbox-fhir.repository';

export interface BundleLoadReport {
  /** Resources stored, by type. */
  loaded: Record<string, number>;
  /** Entries refused, by position, with the validator's reasons (paths and rules, no values). */
  rejected: { entry: number; resourceType: string; reasons: string[] }[];
}

/**
 * Imports a transaction or batch Bundle such as Synthea writes: `urn:uuid:` references become
 * `Type/<uuid>` and each resource is stored under its uuid (PUT semantics), so loading the same
 * Bundle again changes nothing. Entries that fail R4 validation are reported and skipped.
 */
export async function loadTransactionBundle(repository: SandboxFhirRepository, bundle: Bundle): Promise<BundleLoadReport> {
  if (bundle.resourceType !== 'Bundle' || (bundle.type !== 'transaction' && bundle.type !== 'batch' && bundle.type !== 'collection')) {
    // A searchset or a document is not something to import.
    throw new FhirMappingException(
      FhirMappingExceptionCode.UNSUPPORTED_RECORD,
      'Bundle.type',
      'only transaction, batch and collection Bundles can be loaded',
    );
  }
  const resources: Resource[] = resolveBundleReferences(bundle);
  const report: BundleLoadReport = { loaded: {}, rejected: [] };
  for (const [entry, resource] of resources.entries()) {
    try {
      await repository.updateResource(resource);
      report.loaded[resource.resourceType] = (report.loaded[resource.resourceType] ?? 0) + 1;
    } catch (error) {
      const outcome = normalizeOperationOutcome(error);
      report.rejected.push({
        entry,
        resourceType: resource.resourceType,
        reasons: outcome.issue.map((issue) => `${issue.expression?.join(', ') ?? ''} ${issue.details?.text ?? issue.code}`.trim()),
      });
    }
  }
  return report;
}
