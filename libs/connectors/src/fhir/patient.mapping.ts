import type { ContactPoint as FhirContactPoint, HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import {
  ADMINISTRATIVE_GENDERS,
  type AddressDto,
  type AdministrativeGender,
  CodeSystem,
  CONTACT_POINT_SYSTEMS,
  type ContactPointDto,
  type HumanNameDto,
  type IdentifierDto,
  IdentifierSystem,
  type PatientDto,
} from '@concord/contracts';

/** FHIR R4 Patient → canonical Patient. Pure; ignores what the canonical model does not carry. */
export function patientFromFhir(patient: Patient): PatientDto {
  const identifiers = (patient.identifier ?? []).filter(hasSystemAndValue).map(identifierFromFhir);
  return {
    id: patient.id ?? '',
    mrn: identifiers.find((i) => i.system === IdentifierSystem.MRN)?.value ?? identifiers.find((i) => i.type === 'MR')?.value,
    identifiers,
    name: nameFromFhir(pickName(patient.name ?? [])),
    gender: genderFromFhir(patient.gender),
    birthDate: patient.birthDate,
    deceased: patient.deceasedBoolean ?? patient.deceasedDateTime !== undefined,
    telecom: (patient.telecom ?? [])
      .filter(isUsableContactPoint)
      .map((t) => ({ system: t.system, value: t.value, ...(t.use ? { use: t.use } : {}) })),
    addresses: (patient.address ?? []).map((a): AddressDto => ({
      line: a.line ?? [],
      ...(a.city ? { city: a.city } : {}),
      ...(a.state ? { state: a.state } : {}),
      ...(a.postalCode ? { postalCode: a.postalCode } : {}),
      ...(a.country ? { country: a.country } : {}),
    })),
    source: {
      system: 'ehr',
      recordId: patient.id ?? '',
      ...(patient.meta?.versionId ? { versionId: patient.meta.versionId } : {}),
      ...(patient.meta?.lastUpdated ? { lastUpdated: patient.meta.lastUpdated } : {}),
    },
  };
}

/** Canonical Patient → FHIR R4 Patient (for writes to the EHR). */
export function patientToFhir(patient: PatientDto): Patient {
  return {
    resourceType: 'Patient',
    ...(patient.id ? { id: patient.id } : {}),
    ...(patient.identifiers.length
      ? {
          identifier: patient.identifiers.map((i) => ({
            system: i.system,
            value: i.value,
            ...(i.type ? { type: { coding: [{ system: CodeSystem.V2_IDENTIFIER_TYPE, code: i.type }] } } : {}),
          })),
        }
      : {}),
    name: [
      {
        use: 'official',
        ...(patient.name.family ? { family: patient.name.family } : {}),
        ...(patient.name.given.length ? { given: patient.name.given } : {}),
        ...(patient.name.text ? { text: patient.name.text } : {}),
      },
    ],
    gender: patient.gender,
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    deceasedBoolean: patient.deceased,
    ...(patient.telecom.length
      ? {
          telecom: patient.telecom.map((t) => ({
            system: t.system,
            value: t.value,
            ...(t.use ? { use: t.use as FhirContactPoint['use'] } : {}),
          })),
        }
      : {}),
    ...(patient.addresses.length
      ? { address: patient.addresses.map(({ line, ...rest }) => ({ ...(line.length ? { line } : {}), ...rest })) }
      : {}),
  };
}

function hasSystemAndValue(identifier: Identifier): identifier is Identifier & { system: string; value: string } {
  return typeof identifier.system === 'string' && typeof identifier.value === 'string';
}

function identifierFromFhir(identifier: Identifier & { system: string; value: string }): IdentifierDto {
  const type = identifier.type?.coding?.find((c) => c.system === CodeSystem.V2_IDENTIFIER_TYPE)?.code;
  return { system: identifier.system, value: identifier.value, ...(type ? { type } : {}) };
}

/** The official name if there is one, else the usual one, else the first that is not old. */
function pickName(names: HumanName[]): HumanName | undefined {
  const current = names.filter((n) => n.use !== 'old' && !n.period?.end);
  return current.find((n) => n.use === 'official') ?? current.find((n) => n.use === 'usual') ?? current[0] ?? names[0];
}

function nameFromFhir(name: HumanName | undefined): HumanNameDto {
  if (!name) return { given: [] };
  const given = name.given ?? [];
  const text = name.text ?? ([...given, name.family].filter(Boolean).join(' ') || undefined);
  return { ...(name.family ? { family: name.family } : {}), given, ...(text ? { text } : {}) };
}

function genderFromFhir(gender: string | undefined): AdministrativeGender {
  return (ADMINISTRATIVE_GENDERS as readonly string[]).includes(gender ?? '') ? (gender as AdministrativeGender) : 'unknown';
}

function isUsableContactPoint(contact: FhirContactPoint): contact is FhirContactPoint & ContactPointDto {
  return typeof contact.value === 'string' && (CONTACT_POINT_SYSTEMS as readonly string[]).includes(contact.system ?? '');
}
