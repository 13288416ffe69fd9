import { Module } from '@nestjs/common';
import { systemApiClientProvider } from '../system-api.provider';
import { SupplyGraphService } from './supply-graph.service';
import { SupplyResolver } from './supply.resolver';

@Module({
  providers: [systemApiClientProvider, SupplyGraphService, SupplyResolver],
})
export class SupplyGraphModule {}
