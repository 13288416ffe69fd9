import { indexSearchParameter } from '@medplum/core';
import type { SearchParameter } from '@medplum/fhirtypes';

/**
 * Search parameters the sandbox EHR adds to R4's, so that every clinical record can be searched
 * the same way (`encounter`, `patient`, `date`). R4 has `ChargeItem?context` and
 * `Condition?onset-date`; these are conveniences for demos and are listed in the CapabilityStatement.
 * Connectors should use the standard names, which work against any EHR.
 */
export const SANDBOX_SEARCH_PARAMETERS: SearchParameter[] = [
  {
    resourceType: 'SearchParameter',
    url: 'https://fhir.concord.health/SearchParameter/ChargeItem-encounter',
    name: 'encounter',
    status: 'active',
    description: 'The encounter a charge belongs to (ChargeItem.context when it is an Encounter)',
    code: 'encounter',
    base: ['ChargeItem'],
    type: 'reference',
    expression: 'ChargeItem.context',
    target: ['Encounter'],
  },
  {
    resourceType: 'SearchParameter',
    url: 'https://fhir.concord.health/SearchParameter/ChargeItem-date',
    name: 'date',
    status: 'active',
    description: 'When the charged service happened (ChargeItem.occurrence)',
    code: 'date',
    base: ['ChargeItem'],
    type: 'date',
    expression: 'ChargeItem.occurrence',
  },
  {
    resourceType: 'SearchParameter',
    url: 'https://fhir.concord.health/SearchParameter/Condition-date',
    name: 'date',
    status: 'active',
    description: 'When the condition was recorded (Condition.recordedDate)',
    code: 'date',
    base: ['Condition'],
    type: 'date',
    expression: 'Condition.recordedDate',
  },
];

let indexed = false;

export function indexSandboxSearchParameters(): void {
  if (indexed) return;
  for (const parameter of SANDBOX_SEARCH_PARAMETERS) indexSearchParameter(parameter);
  indexed = true;
}
