import { Module } from '@nestjs/common';
import { FhirClient } from '@concord/connectors/fhir';
import { FhirPatientAdapter } from './adapters/fhir-patient.adapter';
import { PatientsController } from './patients/patients.controller';
import { PatientsV2Controller } from './patients/v2/patients-v2.controller';
import { PatientService } from './patients/patient.service';
import { EhrPatientPort } from './ports/ehr-patient.port';
import { SystemApiConfig } from '../system-api.config';
import { PatientIdentity } from './identity/patient-identity.service';
import { MessageIntake } from './messages/message-intake.service';
import { MessageRetentionJob } from './messages/message-retention.job';
import { MessageStore } from './messages/message-store.service';
import { MessagesController } from './messages/messages.controller';
import { MllpListener } from './messages/mllp-listener.service';

@Module({
  controllers: [PatientsController, PatientsV2Controller, MessagesController],
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
    PatientIdentity,
    MessageIntake,
    MessageStore,
    MllpListener,
    MessageRetentionJob,
  ],
  exports: [MllpListener, MessageIntake, MessageStore, MessageRetentionJob],
})
export class EhrModule {}
