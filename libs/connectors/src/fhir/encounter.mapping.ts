import type {
  ChargeItem,
  CodeableConcept,
  Coding,
  Condition,
  Encounter,
  EncounterDiagnosis,
  EncounterLocation,
  Location,
  Organization,
  Procedure,
} from '@medplum/fhirtypes';
import {
  CodeSystem,
  DIAGNOSIS_ROLES,
  type DiagnosisDto,
  type DiagnosisRole,
  type EncounterClass,
  type EncounterDto,
  type EncounterStatus,
} from '@concord/contracts';
import { chargeFromFhir } from './charge-item.mapping';
import {
  departmentFromReference,
  ehrSource,
  npiFromReference,
  patientReferenceFromFhir,
  patientReferenceToFhir,
  practitionerReference,
  requiredId,
} from './clinical-references';
import { diagnosisFromFhir } from './condition.mapping';
import { codeIn, codingIn, extensionOf, lookup, when } from './fhir-coding';
import { invalid, missing, unsupportedCode } from './fhir-mapping.exception';
import { identifierValue, literalReference, NO_RESOURCES, type ReferenceResolver, referenceId, requireResolved } from './fhir-reference';
import { ConcordExtension, ConcordFhirSystem, FhirTerminology } from './fhir-systems';
import { procedureFromFhir } from './procedure.mapping';

/** FHIR Encounter.class (v3 ActCode, or HL7 v2 table 0004) → canonical class. */
const CLASS_FROM_FHIR: Record<string, Record<string, EncounterClass>> = {
  [FhirTerminology.V3_ACT_CODE]: {
    IMP: 'inpatient',
    ACUTE: 'inpatient',
    NONAC: 'inpatient',
    PRENC: 'inpatient',
    AMB: 'ambulatory',
    EMER: 'emergency',
    OBSENC: 'observation',
    SS: 'observation',
    HH: 'outpatient',
    VR: 'outpatient',
    FLD: 'outpatient',
  },
  [FhirTerminology.V2_PATIENT_CLASS]: {
    I: 'inpatient',
    B: 'inpatient',
    P: 'inpatient',
    O: 'outpatient',
    R: 'outpatient',
    C: 'outpatient',
    E: 'emergency',
  },
};

/**
 * Canonical class → Encounter.class. Outpatient has no v3 ActCode of its own (AMB is ambulatory), so
 * it is written with HL7 v2 patient class O (the binding is extensible) and reads back unchanged.
 */
const CLASS_TO_FHIR: Record<EncounterClass, Coding> = {
  inpatient: { system: FhirTerminology.V3_ACT_CODE, code: 'IMP', display: 'inpatient encounter' },
  ambulatory: { system: FhirTerminology.V3_ACT_CODE, code: 'AMB', display: 'ambulatory' },
  emergency: { system: FhirTerminology.V3_ACT_CODE, code: 'EMER', display: 'emergency' },
  observation: { system: FhirTerminology.V3_ACT_CODE, code: 'OBSENC', display: 'observation encounter' },
  outpatient: { system: FhirTerminology.V2_PATIENT_CLASS, code: 'O', display: 'Outpatient' },
};

/** Encounter.status: `triaged` has arrived; `onleave` is still in progress. */
const STATUS_FROM_FHIR: Record<NonNullable<Encounter['status']>, EncounterStatus> = {
  planned: 'planned',
  arrived: 'arrived',
  triaged: 'arrived',
  'in-progress': 'in-progress',
  onleave: 'in-progress',
  finished: 'finished',
  cancelled: 'cancelled',
  'entered-in-error': 'entered-in-error',
  unknown: 'unknown',
};

/** Standard diagnosis-role codes for each canonical role (working diagnoses have none). */
const ROLE_TO_FHIR: Record<DiagnosisRole, Coding | undefined> = {
  admitting: { system: FhirTerminology.DIAGNOSIS_ROLE, code: 'AD', display: 'Admission diagnosis' },
  discharge: { system: FhirTerminology.DIAGNOSIS_ROLE, code: 'DD', display: 'Discharge diagnosis' },
  principal: { system: FhirTerminology.DIAGNOSIS_ROLE, code: 'billing', display: 'Billing' },
  secondary: { system: FhirTerminology.DIAGNOSIS_ROLE, code: 'CM', display: 'Comorbidity diagnosis' },
  working: undefined,
};

const ATTENDER: Coding = { system: FhirTerminology.V3_PARTICIPATION_TYPE, code: 'ATND', display: 'attender' };
const VISIT_NUMBER_TYPE = { coding: [{ system: CodeSystem.V2_IDENTIFIER_TYPE, code: 'VN', display: 'Visit number' }] };

export interface EncounterMappingOptions {
  /**
   * Also map the Procedures and ChargeItems among the resolver's resources that point at this
   * encounter (fetched with `_revinclude=Procedure:encounter&_revinclude=ChargeItem:context`).
   */
  withDetails?: boolean;
}

/**
 * FHIR R4 Encounter → canonical encounter. Diagnoses come from Encounter.diagnosis, whose Conditions
 * must be among the resolver's resources (`_include=Encounter:diagnosis`); practitioners, locations
 * and departments are resolved from it too when their references do not carry the identifiers.
 */
export function encounterFromFhir(
  encounter: Encounter,
  resolver: ReferenceResolver = NO_RESOURCES,
  options: EncounterMappingOptions = {},
): EncounterDto {
  const id = requiredId(encounter);
  const status = lookup(STATUS_FROM_FHIR, encounter.status);
  if (!status) throw invalid('Encounter.status', `"${String(encounter.status)}" is not an R4 encounter status`);
  const facility = facilityAndDepartment(encounter, resolver);
  const location = currentLocation(encounter.location ?? []);
  const attending = (encounter.participant ?? []).find((p) => p.type?.some((type) => codingIn(type, ATTENDER.system!)?.code === 'ATND'));
  const admitSource = codingIn(encounter.hospitalization?.admitSource, FhirTerminology.NUBC_POINT_OF_ORIGIN)?.code;
  const discharge = codingIn(encounter.hospitalization?.dischargeDisposition, FhirTerminology.NUBC_DISCHARGE_STATUS)?.code;
  const dto: EncounterDto = {
    id,
    ...when('visitNumber', visitNumberOf(encounter)),
    patient: patientReferenceFromFhir(encounter.subject, resolver, 'Encounter.subject'),
    status,
    class: classFromFhir(encounter.class),
    ...(encounter.period?.start || encounter.period?.end
      ? { period: { ...when('start', encounter.period.start), ...when('end', encounter.period.end) } }
      : {}),
    ...when('facilityId', facility.facilityId),
    ...when('departmentCode', facility.departmentCode ?? locationDepartment(location?.location, resolver)),
    ...when('locationId', referenceId(location?.location, 'Location')),
    ...when('attendingNpi', npiFromReference(attending?.individual, resolver, 'Encounter.participant.individual')),
    ...when('admitSource', admitSource),
    ...when('dischargeDisposition', discharge),
    diagnoses: (encounter.diagnosis ?? []).map((entry, index) => diagnosisOf(entry, index, resolver)),
    source: ehrSource(encounter),
  };
  if (!options.withDetails) return dto;
  const own = (reference: { reference?: string } | undefined) => referenceId(reference, 'Encounter') === id;
  return {
    ...dto,
    procedures: resolver
      .all<Procedure>('Procedure')
      .filter((procedure) => own(procedure.encounter))
      .map((procedure) => procedureFromFhir(procedure, resolver)),
    charges: resolver
      .all<ChargeItem>('ChargeItem')
      .filter((item) => own(item.context))
      .map((item) => chargeFromFhir(item, resolver)),
  };
}

/**
 * Canonical encounter → FHIR R4 Encounter. Each diagnosis must name its Condition id (write the
 * Conditions first with diagnosisToFhir); procedures and charges are separate resources and are
 * not written here.
 */
export function encounterToFhir(encounter: EncounterDto): Encounter {
  const diagnoses = encounter.diagnoses.map((diagnosis, index) => diagnosisEntryToFhir(diagnosis, index));
  return {
    resourceType: 'Encounter',
    ...when('id', encounter.id),
    ...(encounter.visitNumber
      ? { identifier: [{ use: 'usual', type: VISIT_NUMBER_TYPE, system: ConcordFhirSystem.VISIT_NUMBER, value: encounter.visitNumber }] }
      : {}),
    status: encounter.status,
    class: CLASS_TO_FHIR[encounter.class],
    ...(encounter.departmentCode
      ? { serviceType: { coding: [{ system: ConcordFhirSystem.COST_CENTRE, code: encounter.departmentCode }] } }
      : {}),
    subject: patientReferenceToFhir(encounter.patient, 'EncounterDto.patient'),
    ...(encounter.attendingNpi
      ? {
          participant: [
            { type: [{ coding: [ATTENDER] }], individual: practitionerReference(encounter.attendingNpi, 'EncounterDto.attendingNpi') },
          ],
        }
      : {}),
    ...(encounter.period ? { period: { ...when('start', encounter.period.start), ...when('end', encounter.period.end) } } : {}),
    ...when('diagnosis', diagnoses),
    ...(encounter.admitSource || encounter.dischargeDisposition
      ? {
          hospitalization: {
            ...(encounter.admitSource
              ? { admitSource: { coding: [{ system: FhirTerminology.NUBC_POINT_OF_ORIGIN, code: encounter.admitSource }] } }
              : {}),
            ...(encounter.dischargeDisposition
              ? {
                  dischargeDisposition: {
                    coding: [{ system: FhirTerminology.NUBC_DISCHARGE_STATUS, code: encounter.dischargeDisposition }],
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(encounter.locationId ? { location: [{ location: literalReference('Location', encounter.locationId) }] } : {}),
    ...(encounter.facilityId ? { serviceProvider: literalReference('Organization', encounter.facilityId) } : {}),
  };
}

function classFromFhir(coding: Coding | undefined): EncounterClass {
  if (!coding?.code) throw missing('Encounter.class');
  const found = lookup(lookup(CLASS_FROM_FHIR, coding.system) ?? {}, coding.code);
  if (!found)
    throw unsupportedCode('Encounter.class', `code ${coding.code} of ${coding.system ?? '(no system)'} has no canonical encounter class`);
  return found;
}

function visitNumberOf(encounter: Encounter): string | undefined {
  return (
    identifierValue(encounter.identifier, ConcordFhirSystem.VISIT_NUMBER) ??
    encounter.identifier?.find((identifier) => codingIn(identifier.type, CodeSystem.V2_IDENTIFIER_TYPE)?.code === 'VN')?.value
  );
}

/**
 * serviceProvider is the facility; the department is Encounter.serviceType in the cost-centre
 * system. An EHR that names the department as serviceProvider (an Organization with a cost-centre
 * identifier, part of the facility) is understood too.
 */
function facilityAndDepartment(encounter: Encounter, resolver: ReferenceResolver): { facilityId?: string; departmentCode?: string } {
  const fromServiceType = codingIn(encounter.serviceType, ConcordFhirSystem.COST_CENTRE)?.code;
  const provider = encounter.serviceProvider;
  const providerDepartment = departmentFromReference(provider, resolver);
  if (providerDepartment) {
    const organization = resolver.resolve<Organization>(provider, 'Organization');
    return { facilityId: referenceId(organization?.partOf, 'Organization'), departmentCode: fromServiceType ?? providerDepartment };
  }
  return { facilityId: referenceId(provider, 'Organization'), departmentCode: fromServiceType };
}

/** The active location, else the last one listed (where the patient was last). */
function currentLocation(locations: EncounterLocation[]): EncounterLocation | undefined {
  return locations.find((location) => location.status === 'active') ?? locations.at(-1);
}

function locationDepartment(reference: EncounterLocation['location'] | undefined, resolver: ReferenceResolver): string | undefined {
  const location = resolver.resolve<Location>(reference, 'Location');
  return location ? departmentFromReference(location.managingOrganization, resolver) : undefined;
}

function diagnosisOf(entry: EncounterDiagnosis, index: number, resolver: ReferenceResolver): DiagnosisDto {
  const path = `Encounter.diagnosis[${index}]`;
  const condition = requireResolved<Condition>(resolver, entry.condition, 'Condition', `${path}.condition`);
  const rank = entry.rank ?? index + 1;
  const presentOnAdmission = extensionOf(entry.extension, ConcordExtension.PRESENT_ON_ADMISSION)?.valueCode;
  return diagnosisFromFhir(condition, { role: roleFromFhir(entry.use, rank), rank, ...when('presentOnAdmission', presentOnAdmission) });
}

/**
 * Concord's own role coding when present; else the standard diagnosis-role: AD admitting, DD
 * discharge, CC (chief complaint) admitting, CM secondary, billing principal when ranked first and
 * secondary otherwise, pre-op working, post-op secondary. No use: principal when ranked first.
 */
function roleFromFhir(use: CodeableConcept | undefined, rank: number): DiagnosisRole {
  const own = codingIn(use, ConcordFhirSystem.DIAGNOSIS_ROLE)?.code;
  if (own && (DIAGNOSIS_ROLES as readonly string[]).includes(own)) return own as DiagnosisRole;
  switch (codeIn(use, FhirTerminology.DIAGNOSIS_ROLE, undefined)) {
    case 'AD':
    case 'CC':
      return 'admitting';
    case 'DD':
      return 'discharge';
    case 'CM':
    case 'post-op':
      return 'secondary';
    case 'pre-op':
      return 'working';
    default:
      return rank === 1 ? 'principal' : 'secondary';
  }
}

function diagnosisEntryToFhir(diagnosis: DiagnosisDto, index: number): EncounterDiagnosis {
  const path = `EncounterDto.diagnoses[${index}]`;
  if (!diagnosis.id) throw missing(`${path}.id`, 'write the Condition first (diagnosisToFhir) and give its id');
  if (!Number.isInteger(diagnosis.rank) || diagnosis.rank < 1) throw invalid(`${path}.rank`, 'must be a whole number from 1');
  const standard = ROLE_TO_FHIR[diagnosis.role];
  return {
    ...(diagnosis.presentOnAdmission
      ? { extension: [{ url: ConcordExtension.PRESENT_ON_ADMISSION, valueCode: diagnosis.presentOnAdmission }] }
      : {}),
    condition: literalReference('Condition', diagnosis.id),
    use: { coding: [...(standard ? [standard] : []), { system: ConcordFhirSystem.DIAGNOSIS_ROLE, code: diagnosis.role }] },
    rank: diagnosis.rank,
  };
}
