import { Module } from '@nestjs/common';
import { systemApiClientProvider } from '../system-api.provider';
import { WorkforceGraphService } from './workforce-graph.service';
import { WorkforceResolver } from './workforce.resolver';

@Module({
  providers: [systemApiClientProvider, WorkforceGraphService, WorkforceResolver],
})
export class WorkforceGraphModule {}
