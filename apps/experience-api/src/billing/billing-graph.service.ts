import { Inject, Injectable } from '@nestjs/common';
import { type SystemApiComponents, unwrap } from '@concord/clients';
import { type Connection, type ConnectionArgs, connectionFromArray, connectionFromUpstream, MAX_PAGE_SIZE } from '../graphql/connection';
import { groupByKeys, type RequestLoaders } from '../graphql/request-loaders';
import { SYSTEM_API, type SystemApiClient } from '../system-api.provider';
import type { Account, AllClaimsArgs, Claim, ClaimsArgs, Payment } from './billing.models';
import { type AccountStatus, type ClaimStatus } from './billing.models';

type ClaimView = SystemApiComponents['schemas']['ClaimViewDto'];
type AccountDto = SystemApiComponents['schemas']['AccountDto'];
type TransactionDto = SystemApiComponents['schemas']['AccountTransactionDto'];
type MoneyDto = SystemApiComponents['schemas']['MoneyDto'];

/** How many patient ids one batched claims call carries (system-api accepts up to 100). */
const PATIENTS_PER_CALL = 100;

/**
 * Claims, accounts, balances and payments from system-api's billing routes. Reads made while
 * resolving many patients go through per-request DataLoaders: the claims of a page of patients are
 * one call (`patientIds=`), not one per patient.
 */
@Injectable()
export class BillingGraphService {
  constructor(@Inject(SYSTEM_API) private readonly systemApi: SystemApiClient) {}

  claims(args: AllClaimsArgs): Promise<Connection<Claim>> {
    return connectionFromUpstream(args, async (cursor, limit) => {
      const page = await unwrap(
        'system-api',
        this.systemApi.GET('/billing/v1/claims', {
          params: { query: { accountId: args.accountId, status: args.status, limit, cursor } },
        }),
      );
      return { items: page.items.map(toClaim), nextCursor: page.nextCursor };
    });
  }

  async claim(id: string): Promise<Claim> {
    return toClaim(await unwrap('system-api', this.systemApi.GET('/billing/v1/claims/{id}', { params: { path: { id } } })));
  }

  async claimsOfPatient(loaders: RequestLoaders, patientId: string, args: ClaimsArgs): Promise<Connection<Claim>> {
    const all = await this.claimsByPatient(loaders).load(patientId);
    return connectionFromArray(args.status ? all.filter((claim) => claim.status === args.status) : all, args);
  }

  async accountsOfPatient(loaders: RequestLoaders, mrn: string | null | undefined, args: ConnectionArgs): Promise<Connection<Account>> {
    return connectionFromArray(mrn ? await this.accountsByMrn(loaders).load(mrn) : [], args);
  }

  /** What the patient owes across their accounts (the sum of patient balances). */
  async balanceDue(loaders: RequestLoaders, mrn: string | null | undefined): Promise<{ amount: number; currency: string }> {
    const accounts = mrn ? await this.accountsByMrn(loaders).load(mrn) : [];
    return { amount: accounts.reduce((sum, account) => sum + account.balances.patientBalance.amount, 0), currency: 'USD' };
  }

  async paymentsOfPatient(loaders: RequestLoaders, mrn: string | null | undefined, args: ConnectionArgs): Promise<Connection<Payment>> {
    const accounts = mrn ? await this.accountsByMrn(loaders).load(mrn) : [];
    const payments = (await this.transactionsByAccount(loaders).loadMany(accounts.map((a) => a.id))).flatMap((result) => {
      if (result instanceof Error) throw result;
      return result;
    });
    return connectionFromArray(
      payments.sort((a, b) => b.postedDate.localeCompare(a.postedDate)),
      args,
    );
  }

  async paymentsOfAccount(loaders: RequestLoaders, accountId: string, args: ConnectionArgs): Promise<Connection<Payment>> {
    return connectionFromArray(await this.transactionsByAccount(loaders).load(accountId), args);
  }

  private claimsByPatient(loaders: RequestLoaders) {
    return loaders.get<string, Claim[]>(
      'billing.claimsByPatient',
      async (patientIds) => {
        const claims: Claim[] = [];
        let cursor: string | undefined;
        do {
          const page = await unwrap(
            'system-api',
            this.systemApi.GET('/billing/v1/claims', {
              params: { query: { patientIds: patientIds.join(','), limit: MAX_PAGE_SIZE, cursor } },
            }),
          );
          claims.push(...page.items.map(toClaim));
          cursor = page.nextCursor;
        } while (cursor);
        return groupByKeys(patientIds, claims, (claim) => claim.patientId ?? '');
      },
      PATIENTS_PER_CALL,
    );
  }

  // The billing platform finds accounts by one MRN at a time; the loader still answers each MRN once per request.
  private accountsByMrn(loaders: RequestLoaders) {
    return loaders.get<string, Account[]>('billing.accountsByMrn', (mrns) =>
      Promise.all(
        mrns.map(async (mrn) => {
          const page = await unwrap(
            'system-api',
            this.systemApi.GET('/billing/v1/accounts', { params: { query: { mrn, limit: MAX_PAGE_SIZE } } }),
          );
          return page.items.map(toAccount);
        }),
      ),
    );
  }

  private transactionsByAccount(loaders: RequestLoaders) {
    return loaders.get<string, Payment[]>('billing.transactionsByAccount', (accountIds) =>
      Promise.all(
        accountIds.map(async (id) => {
          const list = await unwrap(
            'system-api',
            this.systemApi.GET('/billing/v1/accounts/{id}/transactions', { params: { path: { id } } }),
          );
          return list.items.map(toPayment);
        }),
      ),
    );
  }
}

const money = (value: MoneyDto): { amount: number; currency: string } => ({ amount: value.amount, currency: value.currency });

export function toClaim(view: ClaimView): Claim {
  return {
    id: view.id,
    status: view.status as ClaimStatus,
    kind: view.kind,
    accountId: view.accountId ?? null,
    encounterId: view.encounterId ?? null,
    patientId: view.patientId ?? null,
    payerId: view.payer.payerId,
    payerName: view.payer.name,
    serviceDate: view.serviceDate,
    timelyFilingDeadline: view.timelyFilingDeadline,
    submittedAt: view.submittedAt ?? null,
    totalCharge: money(view.totalCharge),
    expectedPayerPayment: money(view.expected.payerPayment),
    expectedPatientShare: money(view.expected.patientShare),
    statusHistory: view.statusHistory.map((entry) => ({
      status: entry.status as ClaimStatus,
      at: entry.at,
      source: entry.source ?? null,
      reason: entry.reason ?? null,
    })),
    payments: view.payments.map((payment) => ({
      id: payment.claimPaymentId,
      remittanceId: payment.remittanceId,
      statusCode: payment.statusCode,
      paid: money(payment.paid),
      patientResponsibility: money(payment.patientResponsibility),
      postingStatus: payment.postingStatus,
    })),
  };
}

export function toAccount(dto: AccountDto): Account {
  const b = dto.balances;
  return {
    id: dto.id,
    accountNumber: dto.accountNumber,
    status: dto.status as AccountStatus,
    encounterId: dto.encounterId,
    departmentCode: dto.departmentCode ?? null,
    patientClass: dto.patientClass,
    balances: {
      charges: money(b.charges),
      insurancePayments: money(b.insurancePayments),
      patientPayments: money(b.patientPayments),
      adjustments: money(b.adjustments),
      insuranceBalance: money(b.insuranceBalance),
      patientBalance: money(b.patientBalance),
      total: money(b.total),
    },
    coverages: dto.coverages.map((c) => ({
      order: c.order,
      payerId: c.payerId,
      memberId: c.memberId ?? null,
      groupNumber: c.groupNumber ?? null,
      relationship: c.relationship,
    })),
  };
}

function toPayment(dto: TransactionDto): Payment {
  return {
    id: dto.id,
    accountId: dto.accountId,
    type: dto.type,
    amount: money(dto.amount),
    postedDate: dto.postedDate,
    payerId: dto.payerId ?? null,
    reasonCode: dto.reasonCode ?? null,
  };
}
