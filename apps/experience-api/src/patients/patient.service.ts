import { Inject, Injectable } from '@nestjs/common';
import { type ProcessApiComponents, unwrap } from '@concord/clients';
import { PROCESS_API, type ProcessApiClient } from '../process-api.provider';
import { Gender, type Patient } from './patient.model';

type PatientSummary = ProcessApiComponents['schemas']['PatientSummaryDto'];

@Injectable()
export class PatientGraphService {
  constructor(@Inject(PROCESS_API) private readonly processApi: ProcessApiClient) {}

  async patient(id: string): Promise<Patient> {
    const summary = await unwrap('process-api', this.processApi.GET('/v1/patients/{id}/summary', { params: { path: { id } } }));
    return toPatient(summary);
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
