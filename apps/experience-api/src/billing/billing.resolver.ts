import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireScopes } from '@concord/platform';
import { ConnectionArgs, type Connection } from '../graphql/connection';
import { Money } from '../graphql/money.model';
import type { RequestLoaders } from '../graphql/request-loaders';
import { Patient } from '../patients/patient.model';
import {
  Account,
  AccountConnection,
  AllClaimsArgs,
  Claim,
  ClaimArgs,
  ClaimConnection,
  ClaimsArgs,
  type Payment,
  PaymentConnection,
} from './billing.models';
import { BillingGraphService } from './billing-graph.service';

@Resolver(() => Claim)
export class ClaimResolver {
  constructor(private readonly billing: BillingGraphService) {}

  @Query(() => ClaimConnection, { nullable: true, description: 'Claims, newest last, by account or status (revenue-cycle dashboards)' })
  @RequireScopes('billing/Claim.s')
  claims(@Args() args: AllClaimsArgs): Promise<Connection<Claim>> {
    return this.billing.claims(args);
  }

  @Query(() => Claim, { nullable: true, description: 'One claim with its status history and payments' })
  @RequireScopes('billing/Claim.r')
  claim(@Args() args: ClaimArgs): Promise<Claim> {
    return this.billing.claim(args.id);
  }
}

/** The financial side of a patient: claims, accounts with coverage and balances, payments. */
@Resolver(() => Patient)
export class PatientFinanceResolver {
  constructor(private readonly billing: BillingGraphService) {}

  @ResolveField(() => ClaimConnection, { nullable: true, description: 'Claims for this patient (needs billing/Claim.s)' })
  @RequireScopes('billing/Claim.s')
  claims(@Parent() patient: Patient, @Args() args: ClaimsArgs, @Context('loaders') loaders: RequestLoaders): Promise<Connection<Claim>> {
    return this.billing.claimsOfPatient(loaders, patient.id, args);
  }

  @ResolveField(() => AccountConnection, { nullable: true, description: 'Billing accounts (one per encounter) with coverage and balances' })
  @RequireScopes('billing/Account.s')
  accounts(
    @Parent() patient: Patient,
    @Args() args: ConnectionArgs,
    @Context('loaders') loaders: RequestLoaders,
  ): Promise<Connection<Account>> {
    return this.billing.accountsOfPatient(loaders, patient.mrn, args);
  }

  @ResolveField(() => Money, { nullable: true, description: 'What the patient owes across all accounts' })
  @RequireScopes('billing/Account.s')
  balanceDue(@Parent() patient: Patient, @Context('loaders') loaders: RequestLoaders): Promise<Money> {
    return this.billing.balanceDue(loaders, patient.mrn);
  }

  @ResolveField(() => PaymentConnection, { nullable: true, description: 'Payments and adjustments on all accounts, newest first' })
  @RequireScopes('billing/Account.rs')
  payments(
    @Parent() patient: Patient,
    @Args() args: ConnectionArgs,
    @Context('loaders') loaders: RequestLoaders,
  ): Promise<Connection<Payment>> {
    return this.billing.paymentsOfPatient(loaders, patient.mrn, args);
  }
}

@Resolver(() => Account)
export class AccountResolver {
  constructor(private readonly billing: BillingGraphService) {}

  @ResolveField(() => PaymentConnection, { nullable: true, description: 'Payments and adjustments posted to this account' })
  @RequireScopes('billing/Account.r')
  payments(
    @Parent() account: Account,
    @Args() args: ConnectionArgs,
    @Context('loaders') loaders: RequestLoaders,
  ): Promise<Connection<Payment>> {
    return this.billing.paymentsOfAccount(loaders, account.id, args);
  }
}
