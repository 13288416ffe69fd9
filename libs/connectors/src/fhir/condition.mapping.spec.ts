import type { Condition } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeSystem, DIAGNOSIS_ROLES, type DiagnosisDto } from '@concord/contracts';
import { diagnosisFromFhir, diagnosisToFhir } from './condition.mapping';
import { FhirMappingException, FhirMappingExceptionCode as Code } from './fhir-mapping.exception';
import { FhirTerminology } from './fhir-systems';
import { indexR4Definitions, r4StructureErrors } from './r4-definitions';

beforeAll(() => indexR4Definitions());

const m1712: DiagnosisDto = {
  id: 'cond-m1712-aq',
  code: { system: CodeSystem.ICD10_CM, code: 'M17.12', display: 'Unilateral primary osteoarthritis, left knee' },
  role: 'principal',
  rank: 1,
  presentOnAdmission: 'Y',
};

function mappingError(map: () => unknown): FhirMappingException {
  try {
    map();
  } catch (error) {
    expect(error).toBeInstanceOf(FhirMappingException);
    return error as FhirMappingException;
  }
  throw new Error('expected a FhirMappingException');
}

describe('diagnosisToFhir and diagnosisFromFhir', () => {
  it('writes an encounter-diagnosis Condition coded in ICD-10-CM', () => {
    expect(diagnosisToFhir(m1712, { patient: { id: 'avery-quinn' }, encounterId: 'enc-aq-tka' })).toStrictEqual({
      resourceType: 'Condition',
      id: 'cond-m1712-aq',
      verificationStatus: { coding: [{ system: FhirTerminology.CONDITION_VERIFICATION, code: 'confirmed' }] },
      category: [{ coding: [{ system: FhirTerminology.CONDITION_CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
      code: { coding: [{ system: CodeSystem.ICD10_CM, code: 'M17.12', display: 'Unilateral primary osteoarthritis, left knee' }] },
      subject: { reference: 'Patient/avery-quinn' },
      encounter: { reference: 'Encounter/enc-aq-tka' },
    });
  });

  it.each(DIAGNOSIS_ROLES.map((role) => ({ role })))('a $role diagnosis: valid R4, and reads back with its encounter use', ({ role }) => {
    const diagnosis = { ...m1712, role };
    const fhir = diagnosisToFhir(diagnosis, { patient: { mrn: 'CG-100234' } });
    expect(r4StructureErrors(fhir)).toStrictEqual([]);
    expect(diagnosisFromFhir(fhir, { role, rank: 1, presentOnAdmission: 'Y' })).toStrictEqual(diagnosis);
  });

  it.each<{ name: string; verification?: string; role: DiagnosisDto['role'] }>([
    { name: 'a confirmed condition alone is a secondary diagnosis', verification: 'confirmed', role: 'secondary' },
    { name: 'an unverified condition alone is a secondary diagnosis', role: 'secondary' },
    { name: 'a provisional condition alone is a working diagnosis', verification: 'provisional', role: 'working' },
    { name: 'a differential condition alone is a working diagnosis', verification: 'differential', role: 'working' },
  ])('$name', ({ verification, role }) => {
    const fhir: Condition = {
      resourceType: 'Condition',
      id: 'c',
      subject: { reference: 'Patient/p' },
      code: {
        coding: [
          { system: 'http://snomed.info/sct', code: '396275006' },
          { system: CodeSystem.ICD10_CM, code: 'M17.12' },
        ],
      },
      ...(verification ? { verificationStatus: { coding: [{ system: FhirTerminology.CONDITION_VERIFICATION, code: verification }] } } : {}),
    };
    expect(diagnosisFromFhir(fhir)).toStrictEqual({ id: 'c', code: { system: CodeSystem.ICD10_CM, code: 'M17.12' }, role, rank: 1 });
  });

  it.each<{ name: string; fhir: Partial<Condition>; code: Code; message: string }>([
    { name: 'no code', fhir: { code: undefined }, code: Code.MISSING_ELEMENT, message: 'Condition.code: is required' },
    {
      name: 'a SNOMED CT code only',
      fhir: { code: { coding: [{ system: 'http://snomed.info/sct', code: '162864005' }] } },
      code: Code.UNSUPPORTED_CODE,
      message: 'Condition.code: has no ICD-10-CM coding (found: http://snomed.info/sct)',
    },
    {
      name: 'a text-only code',
      fhir: { code: { text: 'knee pain' } },
      code: Code.UNSUPPORTED_CODE,
      message: 'Condition.code: has no ICD-10-CM coding (found: no coding)',
    },
    {
      name: 'an entered-in-error condition',
      fhir: { verificationStatus: { coding: [{ system: FhirTerminology.CONDITION_VERIFICATION, code: 'entered-in-error' }] } },
      code: Code.UNSUPPORTED_RECORD,
      message: 'Condition.verificationStatus: a condition marked entered-in-error is not a diagnosis',
    },
  ])('refuses $name', ({ fhir, code, message }) => {
    const base: Condition = {
      resourceType: 'Condition',
      id: 'c',
      subject: { reference: 'Patient/p' },
      code: { coding: [{ system: CodeSystem.ICD10_CM, code: 'J06.9' }] },
    };
    const error = mappingError(() => diagnosisFromFhir({ ...base, ...fhir }));
    expect({ code: error.code, message: error.message }).toStrictEqual({ code, message });
  });

  it('refuses to write a diagnosis that is not ICD-10-CM', () => {
    const error = mappingError(() =>
      diagnosisToFhir({ ...m1712, code: { system: 'http://snomed.info/sct', code: '1' } }, { patient: { id: 'p' } }),
    );
    expect(error.message).toBe(`DiagnosisDto.code.system: must be ICD-10-CM (${CodeSystem.ICD10_CM})`);
  });
});
