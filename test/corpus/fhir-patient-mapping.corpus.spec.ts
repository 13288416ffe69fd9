import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateResource } from '@medplum/core';
import type { Patient, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMINISTRATIVE_GENDERS } from '@concord/contracts';
import { patientFromFhir, patientToFhir } from '@concord/connectors/fhir';
import { indexFhirDefinitions } from '../../apps/sandbox/src/ehr/fhir-definitions';

// Public FHIR R4 samples (HL7 spec examples, Synthea bundles) beside the repository; see ../shared/fixtures/SOURCES.md.
const fixtures = process.env.CONCORD_FIXTURES_DIR ?? resolve(process.cwd(), '..', 'shared', 'fixtures');
const fhirDir = join(fixtures, 'fhir');

function patientsIn(resource: Resource): Patient[] {
  if (resource.resourceType === 'Patient') return [resource];
  if (resource.resourceType === 'Bundle') return (resource.entry ?? []).flatMap((e) => (e.resource ? patientsIn(e.resource) : []));
  return [];
}

const corpus = existsSync(fhirDir)
  ? readdirSync(fhirDir)
      .filter((file) => file.endsWith('.json'))
      .flatMap((file) =>
        patientsIn(JSON.parse(readFileSync(join(fhirDir, file), 'utf8')) as Resource).map((patient) => ({ file, patient })),
      )
  : [];

describe('FHIR Patient mapping over the public corpus', () => {
  beforeAll(() => indexFhirDefinitions());

  it('finds patients in the corpus', () => {
    expect(existsSync(fhirDir), `fixtures folder ${fhirDir}`).toBe(true);
    expect(corpus.length).toBeGreaterThanOrEqual(4);
  });

  it.each(corpus.map(({ file, patient }) => [file, patient] as const))(
    '%s: maps to a canonical Patient and back to valid FHIR R4',
    (_file, patient) => {
      const canonical = patientFromFhir(patient);
      expect(ADMINISTRATIVE_GENDERS).toContain(canonical.gender);
      expect(canonical.identifiers.every((i) => i.system && i.value)).toBe(true);
      if (patient.birthDate) expect(canonical.birthDate).toBe(patient.birthDate);
      const official = patient.name?.find((n) => n.use === 'official') ?? patient.name?.[0];
      if (official?.family) expect(canonical.name.family).toBe(official.family);

      const back = patientToFhir(canonical);
      const errors = validateResource(back).filter((issue) => issue.severity === 'error');
      expect(errors).toEqual([]);
      expect(patientFromFhir(back)).toMatchObject({
        gender: canonical.gender,
        birthDate: canonical.birthDate,
        identifiers: canonical.identifiers,
      });
    },
  );
});
