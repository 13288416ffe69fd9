import type { Condition } from '@medplum/fhirtypes';
import { CodeSystem, type DiagnosisDto, type DiagnosisRole, type PatientReferenceDto } from '@concord/contracts';
import { patientReferenceToFhir } from './clinical-references';
import { codeIn, codingFromFhir, codingIn, codingToFhir, systemsOf, when } from './fhir-coding';
import { invalid, missing, unsupportedCode, unsupportedRecord } from './fhir-mapping.exception';
import { literalReference } from './fhir-reference';
import { FhirTerminology } from './fhir-systems';

/** Role, rank and present-on-admission live on Encounter.diagnosis, not on the Condition. */
export interface DiagnosisUse {
  role: DiagnosisRole;
  rank: number;
  presentOnAdmission?: string;
}

/**
 * FHIR Condition → canonical diagnosis. The code must be ICD-10-CM (the canonical diagnosis is a
 * billing diagnosis): a Condition coded only in SNOMED CT or another system is refused with
 * UNSUPPORTED_CODE rather than passed on as if it were ICD-10-CM. Without an Encounter.diagnosis
 * entry, a provisional or differential Condition is a working diagnosis, any other a secondary one.
 */
export function diagnosisFromFhir(condition: Condition, use?: DiagnosisUse): DiagnosisDto {
  const verification = codeIn(condition.verificationStatus, FhirTerminology.CONDITION_VERIFICATION, undefined);
  if (verification === 'entered-in-error' || verification === 'refuted')
    throw unsupportedRecord('Condition.verificationStatus', `a condition marked ${verification} is not a diagnosis`);
  if (!condition.code) throw missing('Condition.code');
  const icd = codingIn(condition.code, CodeSystem.ICD10_CM);
  if (!icd) throw unsupportedCode('Condition.code', `has no ICD-10-CM coding (found: ${systemsOf(condition.code)})`);
  const role = use?.role ?? (verification === 'provisional' || verification === 'differential' ? 'working' : 'secondary');
  return {
    ...when('id', condition.id),
    code: codingFromFhir(icd),
    role,
    rank: use?.rank ?? 1,
    ...when('presentOnAdmission', use?.presentOnAdmission),
  };
}

/**
 * Canonical diagnosis → FHIR Condition (category encounter-diagnosis, ICD-10-CM code). A working
 * diagnosis is provisional, any other confirmed. Role, rank and POA go on the Encounter
 * (encounterToFhir), which refers to this Condition by id.
 */
export function diagnosisToFhir(diagnosis: DiagnosisDto, context: { patient: PatientReferenceDto; encounterId?: string }): Condition {
  if (diagnosis.code.system !== CodeSystem.ICD10_CM)
    throw invalid('DiagnosisDto.code.system', `must be ICD-10-CM (${CodeSystem.ICD10_CM})`);
  return {
    resourceType: 'Condition',
    ...when('id', diagnosis.id),
    verificationStatus: {
      coding: [{ system: FhirTerminology.CONDITION_VERIFICATION, code: diagnosis.role === 'working' ? 'provisional' : 'confirmed' }],
    },
    category: [{ coding: [{ system: FhirTerminology.CONDITION_CATEGORY, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
    code: { coding: [codingToFhir(diagnosis.code)] },
    subject: patientReferenceToFhir(context.patient, 'patient'),
    ...(context.encounterId ? { encounter: literalReference('Encounter', context.encounterId) } : {}),
  };
}
