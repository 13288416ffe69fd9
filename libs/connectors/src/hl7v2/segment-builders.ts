import {
  type ChargeDto,
  type CodingDto,
  type ContactPointDto,
  type CoverageDto,
  type DiagnosisDto,
  type EncounterClass,
  type EncounterDto,
  type IdentifierDto,
  IdentifierSystem,
  type MoneyDto,
  type PatientDto,
  type ProcedureDto,
  type SubscriberRelationship,
} from '@concord/contracts';
import { HL7_LOCAL_IDENTIFIER_PREFIX, hl7CodingSystemName } from './hl7-coding-systems';
import { formatHl7Timestamp } from './hl7-datetime';
import type { Hl7RepetitionValue, Hl7SegmentValues } from './hl7-message-builder';
import { OBSERVATION_PATIENT_TYPE } from './pv1-mapping';

/**
 * Canonical objects → HL7 segment values: the inverse of the mappings, for message builders (the sandbox feed).
 * Anything the mappings derive by convention (ids, coverage ids, the MRN as record id) is written so that
 * build → parse → map gives the same canonical object back; what v2 cannot carry throws a RangeError.
 */

const TYPE_BY_SYSTEM: Readonly<Record<string, string>> = {
  [IdentifierSystem.MRN]: 'MR',
  [IdentifierSystem.US_SSN]: 'SS',
  [IdentifierSystem.MEDICARE_MBI]: 'MC',
  [IdentifierSystem.NPI]: 'NPI',
};

export function pidValues(patient: PatientDto): Hl7SegmentValues {
  const identifiers: IdentifierDto[] = [...patient.identifiers];
  if (patient.mrn && !identifiers.some((i) => i.system === IdentifierSystem.MRN && i.value === patient.mrn)) {
    identifiers.unshift({ system: IdentifierSystem.MRN, value: patient.mrn, type: 'MR' });
  }
  if (patient.id !== patient.mrn && !identifiers.some((i) => i.type === 'PI'))
    identifiers.push({ system: HL7_LOCAL_IDENTIFIER_PREFIX + 'PI', value: patient.id, type: 'PI' });
  const name = patient.name;
  const work = patient.telecom.filter((t) => t.use === 'work');
  const home = patient.telecom.filter((t) => t.use !== 'work');
  return {
    1: '1',
    3: identifiers.map(cx),
    5: [[name.family, name.given[0], name.given.slice(1).join(' ') || undefined]],
    7: patient.birthDate?.replaceAll('-', ''),
    8: { female: 'F', male: 'M', other: 'O', unknown: 'U' }[patient.gender],
    11: patient.addresses.map((a) => [a.line[0], a.line.slice(1).join(', ') || undefined, a.city, a.state, a.postalCode, a.country]),
    13: home.map(xtn),
    14: work.map(xtn),
    30: patient.deceased ? 'Y' : undefined,
  };
}

/** PV1: HL7 identifies the encounter by its visit number (PV1-19), so the encounter id is written there. */
export function pv1Values(encounter: EncounterDto): Hl7SegmentValues {
  const [pointOfCare, room, bed] = encounter.locationId?.split('^') ?? [];
  const { patientClass, patientType } = patientClassOf(encounter.class);
  if (encounter.visitNumber && encounter.visitNumber !== encounter.id) {
    throw new RangeError('HL7 v2 identifies an encounter by its visit number: encounter id and visit number must be equal');
  }
  return {
    1: '1',
    2: patientClass,
    3: pointOfCare || room || bed || encounter.facilityId ? [[pointOfCare, room, bed, encounter.facilityId]] : undefined,
    7: encounter.attendingNpi ? [xcnNpi(encounter.attendingNpi)] : undefined,
    10: encounter.departmentCode,
    14: encounter.admitSource,
    18: patientType,
    19: encounter.id,
    36: encounter.dischargeDisposition,
    44: encounter.period?.start && formatHl7Timestamp(encounter.period.start),
    45: encounter.period?.end && formatHl7Timestamp(encounter.period.end),
  };
}

export function dg1Values(diagnosis: DiagnosisDto, setId: number, version: string): Hl7SegmentValues {
  const type = { admitting: 'A', working: 'W', principal: 'F', secondary: 'F', discharge: 'F' }[diagnosis.role];
  if (diagnosis.presentOnAdmission && !versionAtLeast(version, 2, 6))
    throw new RangeError('present-on-admission (DG1-26) needs HL7 v2.6 or later');
  return {
    1: String(setId),
    3: [ce(diagnosis.code)],
    6: type,
    15: diagnosis.role === 'principal' ? '1' : String(diagnosis.rank),
    20: diagnosis.id,
    26: diagnosis.presentOnAdmission,
  };
}

const RELATIONSHIP_CODES: Record<SubscriberRelationship, string> = { self: 'SEL', spouse: 'SPO', child: 'CHD', other: 'OTH' };

/** IN1; the coverage id must be `IN1-<order>:<payerId>`, the id the mapping derives (IN1 has no id field). */
export function in1Values(coverage: CoverageDto): Hl7SegmentValues {
  if (coverage.id !== `IN1-${coverage.order}:${coverage.payerId}`)
    throw new RangeError('a coverage sent over HL7 v2 has the id IN1-<order>:<payerId>');
  return {
    1: String(coverage.order),
    2: [[coverage.payerId]],
    3: [[coverage.payerId]],
    4: coverage.payerName && [[coverage.payerName]],
    8: coverage.groupNumber,
    12: coverage.period?.start?.replaceAll('-', ''),
    13: coverage.period?.end?.replaceAll('-', ''),
    17: RELATIONSHIP_CODES[coverage.relationship],
    36: coverage.memberId,
  };
}

/** PR1 with its codes as primary and alternate triplets (at most two codes). */
export function pr1Values(procedure: ProcedureDto, setId: number): Hl7SegmentValues {
  if (procedure.codes.length === 0 || procedure.codes.length > 2) throw new RangeError('PR1-3 carries one code and one alternate code');
  const [primary, alternate] = procedure.codes;
  return {
    1: String(setId),
    3: [[...ce(primary), ...(alternate ? ce(alternate) : [])]],
    5: procedure.performedAt && formatHl7Timestamp(procedure.performedAt),
    12: procedure.performerNpi ? [xcnNpi(procedure.performerNpi)] : undefined,
    19: procedure.id,
  };
}

/** ZIU, Concord's item-used segment (see pr1-mapping), pointing at its procedure's set id. */
export function ziuValues(item: ProcedureDto['itemsUsed'][number], setId: number, procedureSetId: number): Hl7SegmentValues {
  return {
    1: String(setId),
    2: [[item.itemCode, item.description]],
    3: String(item.quantity),
    4: item.gtin,
    5: item.serialNumber,
    6: item.lotNumber,
    7: String(procedureSetId),
  };
}

/** FT1: a negative quantity is written as a CR (reversal) of the positive quantity. */
export function ft1Values(charge: ChargeDto, setId: number): Hl7SegmentValues {
  const reversal = charge.quantity < 0;
  return {
    1: String(setId),
    2: charge.id,
    4: charge.serviceDate.replaceAll('-', ''),
    6: reversal ? 'CR' : 'CG',
    7: [[charge.chargeCode]],
    8: charge.description,
    10: String(Math.abs(charge.quantity)),
    11: charge.amount && [[moneyText(charge.amount, reversal)]],
    12: charge.unitPrice && [[moneyText(charge.unitPrice, false)]],
    13: charge.departmentCode && [[charge.departmentCode]],
    20: charge.performerNpi ? [xcnNpi(charge.performerNpi)] : undefined,
    25: charge.procedureCode && [ce(charge.procedureCode)],
    26: charge.modifiers?.map((m) => [m]),
  };
}

function patientClassOf(encounterClass: EncounterClass): { patientClass: string; patientType?: string } {
  switch (encounterClass) {
    case 'inpatient':
      return { patientClass: 'I' };
    case 'emergency':
      return { patientClass: 'E' };
    case 'ambulatory':
      return { patientClass: 'O' };
    case 'outpatient':
      return { patientClass: 'R' };
    case 'observation':
      return { patientClass: 'O', patientType: OBSERVATION_PATIENT_TYPE };
  }
}

function cx(identifier: IdentifierDto): Hl7RepetitionValue {
  const type = identifier.type ?? TYPE_BY_SYSTEM[identifier.system];
  const local = identifier.system.startsWith(HL7_LOCAL_IDENTIFIER_PREFIX)
    ? identifier.system.slice(HL7_LOCAL_IDENTIFIER_PREFIX.length)
    : undefined;
  const authority = local && local !== type ? local : undefined;
  return [identifier.value, undefined, undefined, authority, type];
}

function xtn(contact: ContactPointDto): Hl7RepetitionValue {
  if (contact.system === 'email') return [undefined, 'NET', 'Internet', contact.value];
  const equipment = contact.use === 'mobile' ? 'CP' : contact.system === 'fax' ? 'FX' : contact.system === 'pager' ? 'BP' : 'PH';
  return [contact.value, contact.use === 'work' ? 'WPN' : 'PRN', equipment];
}

function xcnNpi(npi: string): Hl7RepetitionValue {
  return [
    npi,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    ['NPI', '2.16.840.1.113883.4.6', 'ISO'],
    undefined,
    undefined,
    undefined,
    'NPI',
  ];
}

function ce(coding: CodingDto): (string | undefined)[] {
  return [coding.code, coding.display, hl7CodingSystemName(coding.system)];
}

/** Integer cents as an HL7 MO (amount & currency), without ever going through a float. */
function moneyText(money: MoneyDto, absolute: boolean): string[] {
  const cents = absolute ? Math.abs(money.amount) : money.amount;
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return [`${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, money.currency];
}

function versionAtLeast(version: string, major: number, minor: number): boolean {
  const [a, b] = version.split('.').map(Number);
  return a > major || (a === major && b >= minor);
}
