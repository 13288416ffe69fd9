import type { Address, Coding, Identifier, Organization } from '@medplum/fhirtypes';
import { CodeSystem, IdentifierSystem, type OrganizationDto, type OrganizationKind } from '@concord/contracts';
import { checkedNpi, ehrSource, requiredId } from './clinical-references';
import { codeIn, lookup, when } from './fhir-coding';
import { missing } from './fhir-mapping.exception';
import { identifierValue } from './fhir-reference';
import { ConcordFhirSystem, FhirTerminology } from './fhir-systems';

/** organization-type → kind; a department (dept) belongs to a provider. */
const KIND_FROM_FHIR: Record<string, OrganizationKind> = {
  prov: 'provider',
  dept: 'provider',
  team: 'provider',
  ins: 'payer',
  pay: 'payer',
  bus: 'supplier',
  govt: 'other',
  edu: 'other',
  reli: 'other',
  crs: 'other',
  cg: 'other',
  other: 'other',
};

const KIND_TO_FHIR: Record<OrganizationKind, Coding> = {
  provider: { system: FhirTerminology.ORGANIZATION_TYPE, code: 'prov', display: 'Healthcare Provider' },
  payer: { system: FhirTerminology.ORGANIZATION_TYPE, code: 'pay', display: 'Payer' },
  supplier: { system: FhirTerminology.ORGANIZATION_TYPE, code: 'bus', display: 'Non-Healthcare Business or Corporation' },
  other: { system: FhirTerminology.ORGANIZATION_TYPE, code: 'other', display: 'Other' },
};

export interface OrganizationMappingOptions {
  /** Identifier system of payer ids at the clearinghouse (default Concord's). */
  payerIdSystem?: string;
}

/**
 * FHIR R4 Organization → canonical organization: NPI (check digit verified), EIN and payer id
 * identifiers, kind from organization-type (an untyped organization with a payer id is a payer),
 * the first address.
 */
export function organizationFromFhir(organization: Organization, options: OrganizationMappingOptions = {}): OrganizationDto {
  const id = requiredId(organization);
  if (!organization.name) throw missing('Organization.name', 'an organization needs a name');
  const identifiers = organization.identifier ?? [];
  const npiIndex = identifiers.findIndex((identifier) => identifier.system === IdentifierSystem.NPI && !!identifier.value);
  const payerId = identifierValue(identifiers, options.payerIdSystem ?? ConcordFhirSystem.PAYER_ID);
  const typeCode = organization.type?.map((type) => codeIn(type, FhirTerminology.ORGANIZATION_TYPE)).find(Boolean);
  const address = organization.address?.[0];
  return {
    id,
    name: organization.name,
    kind: lookup(KIND_FROM_FHIR, typeCode) ?? (payerId ? 'payer' : 'other'),
    ...when('npi', npiIndex === -1 ? undefined : checkedNpi(identifiers[npiIndex].value!, `Organization.identifier[${npiIndex}].value`)),
    ...when('ein', identifierValue(identifiers, FhirTerminology.US_EIN)),
    ...when('payerId', payerId),
    ...(address ? { address: addressFromFhir(address) } : {}),
    source: ehrSource(organization),
  };
}

/** Canonical organization → FHIR R4 Organization. */
export function organizationToFhir(organization: OrganizationDto, options: OrganizationMappingOptions = {}): Organization {
  const identifier: Identifier[] = [
    ...(organization.npi ? [{ system: IdentifierSystem.NPI, value: checkedNpi(organization.npi, 'OrganizationDto.npi') }] : []),
    ...(organization.ein
      ? [
          {
            type: { coding: [{ system: CodeSystem.V2_IDENTIFIER_TYPE, code: 'TAX' }] },
            system: FhirTerminology.US_EIN,
            value: organization.ein,
          },
        ]
      : []),
    ...(organization.payerId ? [{ system: options.payerIdSystem ?? ConcordFhirSystem.PAYER_ID, value: organization.payerId }] : []),
  ];
  const address = organization.address;
  return {
    resourceType: 'Organization',
    ...when('id', organization.id),
    ...when('identifier', identifier),
    active: true,
    type: [{ coding: [KIND_TO_FHIR[organization.kind]] }],
    name: organization.name,
    ...(address
      ? {
          address: [
            {
              ...when('line', address.line),
              ...when('city', address.city),
              ...when('state', address.state),
              ...when('postalCode', address.postalCode),
              ...when('country', address.country),
            },
          ],
        }
      : {}),
  };
}

function addressFromFhir(address: Address): NonNullable<OrganizationDto['address']> {
  return {
    line: address.line ?? [],
    ...when('city', address.city),
    ...when('state', address.state),
    ...when('postalCode', address.postalCode),
    ...when('country', address.country),
  };
}
