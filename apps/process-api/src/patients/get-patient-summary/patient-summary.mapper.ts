import type { SystemApiComponents } from '@concord/clients';
import type { PatientReferenceDto, PatientSummaryDto } from '../dto/patient-summary.dto';

type SystemApiPatient = SystemApiComponents['schemas']['PatientDto'];

/** Whole years between a YYYY-MM-DD birth date and `today` (UTC); undefined when unknown. */
export function ageInYears(birthDate: string | undefined, today: Date): number | undefined {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return undefined;
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  const beforeBirthday = today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : undefined;
}

export function toPatientSummary(patient: SystemApiPatient, namesakes: SystemApiPatient[], today: Date): PatientSummaryDto {
  const displayName = patient.name.text ?? [...patient.name.given, patient.name.family].filter(Boolean).join(' ');
  return {
    id: patient.id,
    ...(patient.mrn ? { mrn: patient.mrn } : {}),
    displayName,
    ...(patient.name.family ? { familyName: patient.name.family } : {}),
    givenNames: patient.name.given,
    gender: patient.gender,
    ...(patient.birthDate ? { birthDate: patient.birthDate } : {}),
    ...optional('ageYears', patient.deceased ? undefined : ageInYears(patient.birthDate, today)),
    deceased: patient.deceased,
    identifiers: patient.identifiers,
    ...optional('phone', patient.telecom.find((t) => t.system === 'phone' || t.system === 'sms')?.value),
    ...optional('email', patient.telecom.find((t) => t.system === 'email')?.value),
    possibleDuplicates: namesakes
      .filter(
        (other) =>
          patient.name.family !== undefined &&
          other.id !== patient.id &&
          other.name.family?.toLowerCase() === patient.name.family.toLowerCase(),
      )
      .map((other): PatientReferenceDto => ({ id: other.id, ...(other.mrn ? { mrn: other.mrn } : {}) })),
    sources: [patient.source],
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
