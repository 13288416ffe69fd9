import { Injectable } from '@nestjs/common';
import type { Bundle, Patient } from '@medplum/fhirtypes';
import { FhirClient, patientFromFhir } from '@concord/connectors/fhir';
import type { PatientDto } from '@concord/contracts';
import { EhrPatientPort, type PatientCriteria, type PatientSearchPage } from '../ports/ehr-patient.port';

/** EhrPatientPort over FHIR R4 REST; continuations are the Bundle's `next` links. */
@Injectable()
export class FhirPatientAdapter extends EhrPatientPort {
  constructor(private readonly fhir: FhirClient) {
    super();
  }

  async read(id: string): Promise<PatientDto> {
    return patientFromFhir(await this.fhir.read<Patient>('Patient', id));
  }

  async search(criteria: PatientCriteria): Promise<PatientSearchPage> {
    const bundle = await this.fhir.search<Patient>('Patient', {
      name: criteria.name,
      birthdate: criteria.birthdate,
      identifier: criteria.identifier,
      _count: criteria.limit,
      _sort: 'family',
    });
    return toPage(bundle);
  }

  async searchNext(continuation: string): Promise<PatientSearchPage> {
    return toPage(await this.fhir.searchByUrl<Patient>(continuation));
  }

  ownsContinuation(continuation: string): boolean {
    return this.fhir.isOwnUrl(continuation);
  }
}

function toPage(bundle: Bundle<Patient>): PatientSearchPage {
  const patients = (bundle.entry ?? [])
    .map((entry) => entry.resource)
    .filter((resource): resource is Patient => resource?.resourceType === 'Patient')
    .map(patientFromFhir);
  const next = bundle.link?.find((link) => link.relation === 'next')?.url;
  return { patients, ...(bundle.total !== undefined ? { total: bundle.total } : {}), ...(next ? { next } : {}) };
}
