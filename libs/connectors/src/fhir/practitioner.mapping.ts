import type { HumanName, Practitioner } from '@medplum/fhirtypes';
import { IdentifierSystem, type PractitionerDto } from '@concord/contracts';
import { checkedNpi, ehrSource, requiredId } from './clinical-references';
import { codingFromFhir, codingIn, codingToFhir, when } from './fhir-coding';
import { missing } from './fhir-mapping.exception';
import { FhirTerminology } from './fhir-systems';

/**
 * FHIR R4 Practitioner → canonical practitioner: the NPI identifier (refused when its check digit
 * is wrong: a bad NPI on a claim is rejected by every payer), the official (else first current) name,
 * and a NUCC taxonomy specialty from qualification.
 */
export function practitionerFromFhir(practitioner: Practitioner): PractitionerDto {
  const id = requiredId(practitioner);
  const npiIndex = (practitioner.identifier ?? []).findIndex(
    (identifier) => identifier.system === IdentifierSystem.NPI && !!identifier.value,
  );
  const npi =
    npiIndex === -1 ? undefined : checkedNpi(practitioner.identifier![npiIndex].value!, `Practitioner.identifier[${npiIndex}].value`);
  const name = pickName(practitioner.name ?? []);
  if (!name?.family) throw missing('Practitioner.name.family', 'a practitioner needs a family name');
  const specialty = (practitioner.qualification ?? []).map((q) => codingIn(q.code, FhirTerminology.NUCC_TAXONOMY)).find(Boolean);
  return {
    id,
    ...when('npi', npi),
    family: name.family,
    given: name.given ?? [],
    ...(specialty ? { specialty: codingFromFhir(specialty) } : {}),
    source: ehrSource(practitioner),
  };
}

/** Canonical practitioner → FHIR R4 Practitioner. */
export function practitionerToFhir(practitioner: PractitionerDto): Practitioner {
  return {
    resourceType: 'Practitioner',
    ...when('id', practitioner.id),
    ...(practitioner.npi
      ? { identifier: [{ system: IdentifierSystem.NPI, value: checkedNpi(practitioner.npi, 'PractitionerDto.npi') }] }
      : {}),
    active: true,
    name: [{ use: 'official', family: practitioner.family, ...when('given', practitioner.given) }],
    ...(practitioner.specialty ? { qualification: [{ code: { coding: [codingToFhir(practitioner.specialty)] } }] } : {}),
  };
}

function pickName(names: HumanName[]): HumanName | undefined {
  const current = names.filter((name) => name.use !== 'old' && !name.period?.end);
  return current.find((name) => name.use === 'official') ?? current[0] ?? names[0];
}
