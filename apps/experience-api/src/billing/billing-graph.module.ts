import { Module } from '@nestjs/common';
import { systemApiClientProvider } from '../system-api.provider';
import { AccountResolver, ClaimResolver, PatientFinanceResolver } from './billing.resolver';
import { BillingGraphService } from './billing-graph.service';

@Module({
  providers: [systemApiClientProvider, BillingGraphService, ClaimResolver, PatientFinanceResolver, AccountResolver],
})
export class BillingGraphModule {}
