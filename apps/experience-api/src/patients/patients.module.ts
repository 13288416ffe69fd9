import { Module } from '@nestjs/common';
import { processApiClientProvider } from '../process-api.provider';
import { systemApiClientProvider } from '../system-api.provider';
import { PatientResolver } from './patient.resolver';
import { PatientGraphService } from './patient.service';

@Module({
  providers: [processApiClientProvider, systemApiClientProvider, PatientGraphService, PatientResolver],
})
export class PatientsModule {}
