import {
  type BillingAccount,
  type BillingAccountChange,
  type BillingAccountCoding,
  type BillingAccountQuery,
  type BillingCharge,
  type BillingFacility,
  type BillingPayer,
  BillingPort,
  type BillingPostingOptions,
  type BillingTransaction,
  type ChargemasterEntry,
  type ChargemasterItemUpdate,
  type CreateBillingAccount,
  type PostBillingCharge,
  type PostBillingTransactions,
} from '../billing.port';
import type * as Mp from './meridian-api.types';
import { MeridianClient, type MeridianClientOptions } from './meridian.client';
import * as map from './meridian.mapping';

const STATUS_CODES: Record<NonNullable<BillingAccountQuery['status']>, Mp.MpAccountStatus> = {
  open: 'OPEN',
  'ready-to-bill': 'DISCHARGED',
  billed: 'BILLED',
  settled: 'SETTLED',
  closed: 'CLOSED',
};

const segment = (id: string) => encodeURIComponent(id);

/** BillingPort over Meridian Patient Accounting's REST API (the sandbox billing platform speaks it). */
export class MeridianBillingAdapter extends BillingPort {
  readonly client: MeridianClient;

  constructor(options: MeridianClientOptions | MeridianClient) {
    super();
    this.client = options instanceof MeridianClient ? options : new MeridianClient(options);
  }

  async listFacilities(): Promise<BillingFacility[]> {
    return (await this.client.get<Mp.MpPage<Mp.MpFacility>>('/facilities')).body.data.map(map.facilityFromVendor);
  }

  async getFacility(id: string): Promise<BillingFacility> {
    return map.facilityFromVendor((await this.client.get<Mp.MpFacility>(`/facilities/${segment(id)}`)).body);
  }

  async listChargemaster(asOf?: string): Promise<ChargemasterEntry[]> {
    return (await this.client.getAll<Mp.MpChargemasterItem>('/chargemaster', { as_of: asOf })).map(map.chargemasterFromVendor);
  }

  async putChargemasterItem(update: ChargemasterItemUpdate, options: BillingPostingOptions): Promise<ChargemasterEntry> {
    const { body } = await this.client.put<Mp.MpChargemasterItem>(`/chargemaster/${segment(update.chargeCode)}`, {
      body: map.chargemasterItemToVendor(update),
      query: { as_of: update.effectiveFrom },
      idempotencyKey: options.idempotencyKey,
    });
    return map.chargemasterFromVendor(body);
  }

  async getChargemasterEntry(chargeCode: string, asOf?: string): Promise<ChargemasterEntry> {
    const { body } = await this.client.get<Mp.MpChargemasterItem>(`/chargemaster/${segment(chargeCode)}`, { query: { as_of: asOf } });
    return map.chargemasterFromVendor(body);
  }

  async listPayers(): Promise<BillingPayer[]> {
    return (await this.client.get<Mp.MpPage<Mp.MpPayer>>('/payers')).body.data.map(map.payerFromVendor);
  }

  async getPayer(payerId: string): Promise<BillingPayer> {
    return map.payerFromVendor((await this.client.get<Mp.MpPayer>(`/payers/${segment(payerId)}`)).body);
  }

  async createAccount(input: CreateBillingAccount, options: BillingPostingOptions): Promise<BillingAccount> {
    const { body } = await this.client.post<Mp.MpAccount>('/accounts', {
      body: map.createAccountToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return map.accountFromVendor(body);
  }

  async getAccount(id: string): Promise<BillingAccount> {
    return map.accountFromVendor((await this.client.get<Mp.MpAccount>(`/accounts/${segment(id)}`)).body);
  }

  async findAccounts(query: BillingAccountQuery): Promise<BillingAccount[]> {
    const accounts = await this.client.getAll<Mp.MpAccount>('/accounts', {
      encounter_ref: query.encounterId,
      mrn: query.mrn,
      status: query.status ? STATUS_CODES[query.status] : undefined,
    });
    return accounts.map(map.accountFromVendor);
  }

  async updateAccount(id: string, change: BillingAccountChange, options: BillingPostingOptions): Promise<BillingAccount> {
    const { body } = await this.client.patch<Mp.MpAccount>(`/accounts/${segment(id)}`, {
      body: map.accountChangeToVendor(change),
      idempotencyKey: options.idempotencyKey,
      ifMatch: options.ifMatch,
    });
    return map.accountFromVendor(body);
  }

  async setCoding(id: string, coding: BillingAccountCoding, options: BillingPostingOptions): Promise<BillingAccount> {
    const { body } = await this.client.put<Mp.MpAccount>(`/accounts/${segment(id)}/coding`, {
      body: map.codingToVendor(coding),
      idempotencyKey: options.idempotencyKey,
      ifMatch: options.ifMatch,
    });
    return map.accountFromVendor(body);
  }

  async listCharges(accountId: string): Promise<BillingCharge[]> {
    const [account, charges] = await Promise.all([
      this.getAccount(accountId),
      this.client.get<Mp.MpPage<Mp.MpCharge>>(`/accounts/${segment(accountId)}/charges`),
    ]);
    return charges.body.data.map((charge) => map.chargeFromVendor(charge, account));
  }

  async postCharge(accountId: string, input: PostBillingCharge, options: BillingPostingOptions): Promise<BillingCharge> {
    const { body } = await this.client.post<Mp.MpCharge>(`/accounts/${segment(accountId)}/charges`, {
      body: map.chargeToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return map.chargeFromVendor(body, await this.getAccount(accountId));
  }

  async listTransactions(accountId: string): Promise<BillingTransaction[]> {
    const { body } = await this.client.get<Mp.MpPage<Mp.MpTransaction>>(`/accounts/${segment(accountId)}/transactions`);
    return body.data.map(map.transactionFromVendor);
  }

  async postTransactions(accountId: string, input: PostBillingTransactions, options: BillingPostingOptions): Promise<BillingTransaction[]> {
    const { body } = await this.client.post<Mp.MpPage<Mp.MpTransaction>>(`/accounts/${segment(accountId)}/transactions`, {
      body: map.transactionsToVendor(input),
      idempotencyKey: options.idempotencyKey,
    });
    return body.data.map(map.transactionFromVendor);
  }
}
