import { Module } from '@nestjs/common';
import { FhirClient } from '@concord/connectors/fhir';
import { FhirPatientAdapter } from './adapters/fhir-patient.adapter';
import { PatientsController } from './patients/patients.controller';
import { PatientsV2Controller } from './patients/v2/patients-v2.controller';
import { PatientService } from './patients/patient.service';
import { EhrPatientPort } from './ports/ehr-patient.port';
import { SystemApiConfig } from '../system-api.config';

@Module({
  controllers: [PatientsController, PatientsV2Controller],
  providers: [
    {
      provide: FhirClient,
      inject: [SystemApiConfig],
      useFactory: (config: SystemApiConfig) =>
        new FhirClient({
          baseUrl: config.EHR_FHIR_BASE_URL,
          timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
          limits: {
            ratePerSecond: config.EHR_RATE_PER_SECOND,
            concurrency: config.EHR_CONCURRENCY,
            retries: config.EHR_RETRIES,
            breakerThreshold: 5,
            halfOpenAfterMs: 10_000,
          },
        }),
    },
    { provide: EhrPatientPort, useClass: FhirPatientAdapter },
    PatientService,
  ],
})
export class EhrModule {}
