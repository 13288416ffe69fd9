import { Inject, Injectable } from '@nestjs/common';
import { DownstreamException, unwrap } from '@concord/clients';
import { isCalendarDate } from '@concord/contracts';
import { RequestContextStore } from '@concord/platform';
import { SYSTEM_API, type SystemApiClient } from '../../system-api.provider';
import type { PatientSummaryDto } from '../dto/patient-summary.dto';
import { PatientSummaryException, PatientSummaryExceptionCode } from '../patient-summary.exception';
import type { GetPatientSummaryCommand } from './get-patient-summary.command';
import { toPatientSummary } from './patient-summary.mapper';

const LAYER = 'system-api';

/** Composes a patient summary from system-api: the patient, then namesakes sharing a birth date. */
@Injectable()
export class GetPatientSummaryUseCase {
  constructor(@Inject(SYSTEM_API) private readonly systemApi: SystemApiClient) {}

  async execute(command: GetPatientSummaryCommand): Promise<PatientSummaryDto> {
    const patient = await unwrap(LAYER, this.systemApi.GET('/ehr/v1/patients/{id}', { params: { path: { id: command.patientId } } })).catch(
      (error: unknown) => {
        if (error instanceof DownstreamException && error.status === 404) {
          throw new PatientSummaryException(
            PatientSummaryExceptionCode.PATIENT_NOT_FOUND,
            `No patient with id "${command.patientId}"`,
            [],
            { cause: error },
          );
        }
        throw error;
      },
    );
    // Identity review is staff work: a patient-context caller does not get other patients' records.
    const mayReviewIdentity = !RequestContextStore.current()?.principal?.patientId;
    const namesakes =
      // Masked demographics (a caller without the PHI scope) cannot be searched on.
      mayReviewIdentity && isCalendarDate(patient.birthDate) && patient.name.family
        ? (
            await unwrap(
              LAYER,
              this.systemApi.GET('/ehr/v1/patients', {
                params: { query: { name: patient.name.family, birthdate: patient.birthDate, limit: 50 } },
              }),
            )
          ).items
        : [];
    return toPatientSummary(patient, namesakes, command.today);
  }
}
