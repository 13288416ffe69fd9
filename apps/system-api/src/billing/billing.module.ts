import { join } from 'node:path';
import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { BillingPort, MeridianBillingAdapter } from '@concord/connectors/billing';
import { ClearinghousePort, FolderClearinghouseAdapter, X12_CONTENT_TYPE } from '@concord/connectors/clearinghouse';
import { SystemApiConfig } from '../system-api.config';
import { AccountService } from './accounts/account.service';
import { AccountsController } from './accounts/accounts.controller';
import { ClaimService } from './claims/claim.service';
import { ClaimStore } from './claims/claim-store';
import { ClaimsController } from './claims/claims.controller';
import { EligibilityController } from './eligibility/eligibility.controller';
import { EligibilityService } from './eligibility/eligibility.service';
import { BillingReferenceController } from './reference/reference.controller';
import { BillingReferenceService } from './reference/reference.service';
import { RemittanceService } from './remittances/remittance.service';
import { RemittancesController } from './remittances/remittances.controller';
import { BillingSequences } from './shared/billing-sequences';
import { ClearinghouseWorker } from './x12/clearinghouse-worker';
import { InboundX12Controller } from './x12/inbound-x12.controller';
import { InboundX12Service } from './x12/inbound-x12.service';
import { X12Parties } from './x12/x12-parties';

/**
 * The billing system API (/billing/v1): accounts, charges and master data through the billing
 * platform (BillingPort), and the claim lifecycle Concord owns — claims, 837s to the clearinghouse,
 * 999/277CA/835/271 intake, remittance matching and posting, eligibility — in its own tables.
 */
@Module({
  controllers: [
    AccountsController,
    BillingReferenceController,
    ClaimsController,
    RemittancesController,
    InboundX12Controller,
    EligibilityController,
  ],
  providers: [
    {
      provide: BillingPort,
      inject: [SystemApiConfig],
      useFactory: (config: SystemApiConfig) =>
        new MeridianBillingAdapter({
          baseUrl: config.BILLING_API_BASE_URL,
          timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
          limits: {
            ratePerSecond: config.BILLING_RATE_PER_SECOND,
            concurrency: config.BILLING_CONCURRENCY,
            retries: config.BILLING_RETRIES,
            breakerThreshold: 5,
            halfOpenAfterMs: 10_000,
          },
        }),
    },
    {
      provide: ClearinghousePort,
      inject: [SystemApiConfig],
      useFactory: (config: SystemApiConfig) =>
        new FolderClearinghouseAdapter({
          directory: config.BILLING_CLEARINGHOUSE_DIR ?? join(config.DATA_DIR, 'clearinghouse'),
          realtimeUrl: config.BILLING_CLEARINGHOUSE_REALTIME_URL,
          timeoutMs: config.DOWNSTREAM_TIMEOUT_MS,
        }),
    },
    BillingReferenceService,
    BillingSequences,
    X12Parties,
    ClaimStore,
    AccountService,
    ClaimService,
    RemittanceService,
    InboundX12Service,
    EligibilityService,
    ClearinghouseWorker,
  ],
  exports: [BillingPort],
})
export class BillingModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: SystemApiConfig,
  ) {}

  /** POST /billing/v1/inbound/x12 takes application/edi-x12 bodies as text, up to their own size limit. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (fastify.hasContentTypeParser(X12_CONTENT_TYPE)) return;
    fastify.addContentTypeParser(
      X12_CONTENT_TYPE,
      { parseAs: 'string', bodyLimit: this.config.BILLING_X12_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
}
