import { Module } from '@nestjs/common';
import { JSONObjectScalar } from '../graphql/json-object.scalar';
import { processApiClientProvider } from '../process-api.provider';
import { OperationsGraphService } from './operations-graph.service';
import { OperationsResolver, PatientJourneyResolver } from './operations.resolver';

@Module({
  providers: [JSONObjectScalar, processApiClientProvider, OperationsGraphService, OperationsResolver, PatientJourneyResolver],
})
export class OperationsGraphModule {}
