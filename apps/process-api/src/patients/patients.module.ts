import { Module } from '@nestjs/common';
import { systemApiClientProvider } from '../system-api.provider';
import { GetPatientSummaryUseCase } from './get-patient-summary/get-patient-summary.usecase';
import { PatientsController } from './patients.controller';

@Module({
  controllers: [PatientsController],
  providers: [systemApiClientProvider, GetPatientSummaryUseCase],
})
export class PatientsModule {}
