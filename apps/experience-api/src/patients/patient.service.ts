import { Inject, Injectable } from '@nestjs/common';
import { type ProcessApiComponents, type SystemApiComponents, unwrap } from '@concord/clients';
import { type Connection, connectionFromUpstream } from '../graphql/connection';
import { PROCESS_API, type ProcessApiClient } from '../process-api.provider';
import { SYSTEM_API, type SystemApiClient } from '../system-api.provider';
import type { PatientsArgs } from './patient.args';
import { Gender, type Patient } from './patient.model';

type PatientSummary = ProcessApiComponents['schemas']['PatientSummaryDto'];
type PatientDto = SystemApiComponents['schemas']['PatientDto'];

@Injectable()
export class PatientGraphService {
  constructor(
    @Inject(PROCESS_API) private readonly processApi: ProcessApiClient,
    @Inject(SYSTEM_API) private readonly systemApi: SystemApiClient,
  ) {}

  async patient(id: string): Promise<Patient> {
    const summary = await unwrap('process-api', this.processApi.GET('/v1/patients/{id}/summary', { params: { path: { id } } }));
    return toPatient(summary);
  }

  /** One page of the EHR's patients, in one system-api call. */
  patients(args: PatientsArgs): Promise<Connection<Patient>> {
    return connectionFromUpstream(args, async (cursor, limit) => {
      const page = await unwrap(
        'system-api',
        this.systemApi.GET('/ehr/v1/patients', {
          params: { query: { name: args.name, birthdate: args.birthDate, limit, cursor } },
        }),
      );
      return { items: page.items.map(fromEhrPatient), nextCursor: page.nextCursor, total: page.total };
    });
  }
}

export function toPatient(summary: PatientSummary): Patient {
  return {
    id: summary.id,
    mrn: summary.mrn ?? null,
    displayName: summary.displayName,
    familyName: summary.familyName ?? null,
    givenNames: summary.givenNames,
    gender: summary.gender as Gender,
    birthDate: summary.birthDate ?? null,
    ageYears: summary.ageYears ?? null,
    deceased: summary.deceased,
    identifiers: summary.identifiers.map((i) => ({ system: i.system, value: i.value, type: i.type ?? null })),
    phone: summary.phone ?? null,
    email: summary.email ?? null,
    possibleDuplicates: summary.possibleDuplicates.map((p) => ({ id: p.id, mrn: p.mrn ?? null })),
  };
}

/** A patient as system-api's EHR route answers it (already masked there for callers without phi scopes). */
export function fromEhrPatient(dto: PatientDto): Patient {
  const given = dto.name.given ?? [];
  const family = dto.name.family ?? null;
  return {
    id: dto.id,
    mrn: dto.mrn ?? null,
    displayName: dto.name.text ?? ([...given, family].filter(Boolean).join(' ') || dto.id),
    familyName: family,
    givenNames: given,
    gender: dto.gender as Gender,
    birthDate: dto.birthDate ?? null,
    ageYears: ageOn(dto.birthDate, new Date()),
    deceased: dto.deceased,
    identifiers: dto.identifiers.map((i) => ({ system: i.system, value: i.value, type: i.type ?? null })),
    phone: dto.telecom.find((t) => t.system === 'phone')?.value ?? null,
    email: dto.telecom.find((t) => t.system === 'email')?.value ?? null,
    // Duplicate detection runs in process-api's summary; list pages do not repeat it per patient.
    possibleDuplicates: [],
  };
}

/** Whole years between a YYYY-MM-DD birth date and `today`; null when the date is absent or masked. */
export function ageOn(birthDate: string | undefined, today: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? '');
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age -= 1;
  return age;
}
