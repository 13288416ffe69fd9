import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsOptional } from 'class-validator';
import { IsResourceId } from '@concord/contracts';
import { ConnectionArgs, ConnectionType } from '../graphql/connection';
import { Money } from '../graphql/money.model';

export enum ClaimStatus {
  DRAFT = 'draft',
  VALIDATED = 'validated',
  SUBMITTED = 'submitted',
  ACKNOWLEDGED = 'acknowledged',
  ACCEPTED = 'accepted',
  REJECTED = 'rejected',
  PAID = 'paid',
  PARTIALLY_PAID = 'partially-paid',
  DENIED = 'denied',
}
registerEnumType(ClaimStatus, { name: 'ClaimStatus', description: 'Where a claim is in its lifecycle (837 → 999/277CA → 835)' });

export enum AccountStatus {
  OPEN = 'open',
  READY_TO_BILL = 'ready-to-bill',
  BILLED = 'billed',
  SETTLED = 'settled',
  CLOSED = 'closed',
}
registerEnumType(AccountStatus, { name: 'AccountStatus' });

@ObjectType({ description: 'One change of a claim status, with what caused it' })
export class ClaimStatusChange {
  @Field(() => ClaimStatus)
  status!: ClaimStatus;

  @Field({ description: 'When, ISO 8601' })
  at!: string;

  @Field(() => String, { nullable: true, description: 'user, edit, 999, 277CA, 835 or system' })
  source!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType({ description: 'A payer payment on a claim, from an 835 remittance' })
export class ClaimPayment {
  @Field(() => ID)
  id!: string;

  @Field()
  remittanceId!: string;

  @Field({ description: 'CLP02 claim status code' })
  statusCode!: string;

  @Field(() => Money)
  paid!: Money;

  @Field(() => Money)
  patientResponsibility!: Money;

  @Field({ description: 'pending, posted, failed, nothing or denied' })
  postingStatus!: string;
}

@ObjectType({ description: 'A claim to a payer, with its status history and payments' })
export class Claim {
  @Field(() => ID)
  id!: string;

  @Field(() => ClaimStatus)
  status!: ClaimStatus;

  @Field({ description: 'professional (837P) or institutional (837I)' })
  kind!: string;

  @Field(() => String, { nullable: true })
  accountId!: string | null;

  @Field(() => String, { nullable: true })
  encounterId!: string | null;

  @Field(() => String, { nullable: true, description: 'Patient id at the EHR' })
  patientId!: string | null;

  @Field()
  payerId!: string;

  @Field()
  payerName!: string;

  @Field({ description: 'Earliest date of service' })
  serviceDate!: string;

  @Field({ description: 'Last day the payer accepts the claim' })
  timelyFilingDeadline!: string;

  @Field(() => String, { nullable: true })
  submittedAt!: string | null;

  @Field(() => Money)
  totalCharge!: Money;

  @Field(() => Money, { description: 'What the payer is expected to pay under the contract' })
  expectedPayerPayment!: Money;

  @Field(() => Money, { description: 'What the patient is expected to owe' })
  expectedPatientShare!: Money;

  @Field(() => [ClaimStatusChange])
  statusHistory!: ClaimStatusChange[];

  @Field(() => [ClaimPayment])
  payments!: ClaimPayment[];
}

@ObjectType({ description: 'What a patient account owes and has been paid' })
export class AccountBalances {
  @Field(() => Money)
  charges!: Money;

  @Field(() => Money)
  insurancePayments!: Money;

  @Field(() => Money)
  patientPayments!: Money;

  @Field(() => Money)
  adjustments!: Money;

  @Field(() => Money, { description: 'What the payers still owe' })
  insuranceBalance!: Money;

  @Field(() => Money, { description: 'What the patient owes' })
  patientBalance!: Money;

  @Field(() => Money)
  total!: Money;
}

@ObjectType({ description: 'A coverage on an account, in order of responsibility' })
export class Coverage {
  @Field(() => Int, { description: '1 primary, 2 secondary ...' })
  order!: number;

  @Field()
  payerId!: string;

  @Field(() => String, { nullable: true })
  memberId!: string | null;

  @Field(() => String, { nullable: true })
  groupNumber!: string | null;

  @Field({ description: 'Patient relationship to the subscriber' })
  relationship!: string;
}

@ObjectType({ description: 'A patient account (one per encounter) at the billing platform' })
export class Account {
  @Field(() => ID)
  id!: string;

  @Field()
  accountNumber!: string;

  @Field(() => AccountStatus)
  status!: AccountStatus;

  @Field()
  encounterId!: string;

  @Field(() => String, { nullable: true })
  departmentCode!: string | null;

  @Field({ description: 'inpatient or outpatient' })
  patientClass!: string;

  @Field(() => AccountBalances)
  balances!: AccountBalances;

  @Field(() => [Coverage])
  coverages!: Coverage[];
}

@ObjectType({ description: 'A payment, adjustment or transfer posted to an account' })
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field()
  accountId!: string;

  @Field({ description: 'payment, adjustment or transfer' })
  type!: string;

  @Field(() => Money)
  amount!: Money;

  @Field()
  postedDate!: string;

  @Field(() => String, { nullable: true, description: 'Payer that paid; absent for patient payments' })
  payerId!: string | null;

  @Field(() => String, { nullable: true, description: 'CARC for adjustments' })
  reasonCode!: string | null;
}

export const ClaimConnection = ConnectionType(Claim, 'Claim');
export const AccountConnection = ConnectionType(Account, 'Account');
export const PaymentConnection = ConnectionType(Payment, 'Payment');

@ArgsType()
export class ClaimsArgs extends ConnectionArgs {
  @Field(() => ClaimStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(ClaimStatus))
  status?: ClaimStatus;
}

@ArgsType()
export class AllClaimsArgs extends ClaimsArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsResourceId()
  accountId?: string;
}

@ArgsType()
export class ClaimArgs {
  @Field(() => ID)
  @IsResourceId()
  id!: string;
}
