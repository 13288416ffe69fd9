import type { Organization, Patient, Practitioner, PractitionerRole, Reference } from '@medplum/fhirtypes';
import { IdentifierSystem, type PatientReferenceDto } from '@concord/contracts';
import { invalid, missing, unsupportedRecord } from './fhir-mapping.exception';
import {
  identifierReference,
  identifierValue,
  literalReference,
  type ReferenceResolver,
  referenceId,
  referenceType,
} from './fhir-reference';
import { ConcordFhirSystem } from './fhir-systems';
import { isValidNpi } from './npi';

/** Whose record it is: the EHR patient id from a literal reference, the MRN from a logical one (or the Patient given). */
export function patientReferenceFromFhir(reference: Reference | undefined, resolver: ReferenceResolver, path: string): PatientReferenceDto {
  if (!reference) throw missing(path);
  const type = referenceType(reference);
  if (type && type !== 'Patient') throw unsupportedRecord(path, `refers to a ${type}; Concord records belong to one Patient`);
  const id = referenceId(reference, 'Patient');
  const patient = resolver.resolve<Patient>(reference, 'Patient');
  const mrn = identifierValue(reference.identifier, IdentifierSystem.MRN) ?? identifierValue(patient?.identifier, IdentifierSystem.MRN);
  const patientId = id ?? patient?.id;
  if (!patientId && !mrn) throw missing(path, 'names neither a Patient id nor an MRN');
  return { ...(patientId ? { id: patientId } : {}), ...(mrn ? { mrn } : {}) };
}

/** `Patient/<id>` (with the MRN beside it when known), or a logical reference by MRN alone. */
export function patientReferenceToFhir(patient: PatientReferenceDto, path: string): Reference<Patient> {
  if (!patient.id && !patient.mrn) throw missing(path, 'needs the patient id or MRN');
  return {
    ...(patient.id ? literalReference<Patient>('Patient', patient.id) : { type: 'Patient' }),
    ...(patient.mrn ? { identifier: { system: IdentifierSystem.MRN, value: patient.mrn } } : {}),
  };
}

/**
 * The NPI of the practitioner a reference names: on the reference itself, or on the Practitioner
 * (or PractitionerRole, or its Practitioner) it resolves to. An NPI with a bad check digit is refused.
 */
export function npiFromReference(reference: Reference | undefined, resolver: ReferenceResolver, path: string): string | undefined {
  if (!reference) return undefined;
  const onReference = identifierValue(reference.identifier, IdentifierSystem.NPI);
  if (onReference) return checkedNpi(onReference, `${path}.identifier.value`);
  const practitioner = resolver.resolve<Practitioner>(reference, 'Practitioner');
  const role = resolver.resolve<PractitionerRole>(reference, 'PractitionerRole');
  const viaRole = role ? resolver.resolve<Practitioner>(role.practitioner, 'Practitioner') : undefined;
  const npi =
    identifierValue(practitioner?.identifier, IdentifierSystem.NPI) ??
    identifierValue(role?.identifier, IdentifierSystem.NPI) ??
    identifierValue(viaRole?.identifier, IdentifierSystem.NPI);
  return npi ? checkedNpi(npi, `${path} (resolved).identifier.value`) : undefined;
}

export function checkedNpi(npi: string, path: string): string {
  if (!isValidNpi(npi)) throw invalid(path, 'is not a valid NPI (10 digits with a Luhn check digit over the 80840 prefix)');
  return npi;
}

/** A practitioner by NPI, for written resources (the practitioner's id at the EHR need not be known). */
export function practitionerReference(npi: string, path: string): Reference<Practitioner> {
  return identifierReference<Practitioner>('Practitioner', IdentifierSystem.NPI, checkedNpi(npi, path));
}

/** A department (cost centre) by its code. */
export function departmentReference(code: string): Reference<Organization> {
  return identifierReference<Organization>('Organization', ConcordFhirSystem.COST_CENTRE, code);
}

/** The cost centre of a reference to a department Organization: on the reference, or on the Organization it resolves to. */
export function departmentFromReference(reference: Reference | undefined, resolver: ReferenceResolver): string | undefined {
  if (!reference) return undefined;
  return (
    identifierValue(reference.identifier, ConcordFhirSystem.COST_CENTRE) ??
    identifierValue(resolver.resolve<Organization>(reference, 'Organization')?.identifier, ConcordFhirSystem.COST_CENTRE)
  );
}

/** Source metadata of a record read from the EHR. */
export function ehrSource(resource: { id?: string; meta?: { versionId?: string; lastUpdated?: string } }): {
  system: 'ehr';
  recordId: string;
  versionId?: string;
  lastUpdated?: string;
} {
  return {
    system: 'ehr',
    recordId: resource.id ?? '',
    ...(resource.meta?.versionId ? { versionId: resource.meta.versionId } : {}),
    ...(resource.meta?.lastUpdated ? { lastUpdated: resource.meta.lastUpdated } : {}),
  };
}

/** The resource id, which every record read from the EHR has. */
export function requiredId(resource: { resourceType: string; id?: string }): string {
  if (!resource.id) throw missing(`${resource.resourceType}.id`, 'a record read from the EHR must have its id');
  return resource.id;
}
