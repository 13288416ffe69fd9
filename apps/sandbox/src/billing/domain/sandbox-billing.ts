import { isCalendarDate, isValidNpi } from '@concord/contracts';
import { canonicalJson } from '../../erp/domain/idempotency';
import { accountBalances, type AccountBalances, PATIENT_PAYER, type TransactionType } from './account-balances';
import { BillingDomainError, BillingErrorCode, invalid, notFound } from './billing-domain.error';
import { type ChargemasterItem, type Facility, type PayerContract, SEED_CHARGEMASTER, SEED_FACILITIES, SEED_PAYERS } from './billing-seed';
import { Chargemaster } from './chargemaster';

export type Sex = 'F' | 'M' | 'U';
export type Relationship = 'SELF' | 'SPOUSE' | 'CHILD' | 'OTHER';
export type PatientClass = 'I' | 'O';
export type AccountStatus = 'OPEN' | 'DISCHARGED' | 'BILLED' | 'SETTLED' | 'CLOSED';
export type DiagnosisType = 'PRINCIPAL' | 'ADMITTING' | 'SECONDARY' | 'REASON';

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  state: string;
  zip: string;
}

export interface Person {
  lastName: string;
  firstName?: string;
  middleName?: string;
  birthDate?: string;
  sex?: Sex;
  address?: Address;
}

export interface AccountPatient extends Person {
  mrn: string;
  ehrPatientId?: string;
}

export interface Coverage {
  priority: number;
  payerId: string;
  memberId?: string;
  groupNo?: string;
  relationship: Relationship;
  /** The insured, when not the patient. */
  subscriber?: Person;
}

export interface Clinician {
  npi: string;
  lastName: string;
  firstName?: string;
  taxonomy?: string;
}

export interface Coding {
  status: 'FINAL' | 'PROVISIONAL';
  drg?: string;
  diagnoses: { code: string; type: DiagnosisType; poa?: string }[];
  procedures: { code: string; date: string; principal: boolean }[];
  codedAt: string;
}

export interface Account {
  accountNo: string;
  version: number;
  encounterRef: string;
  visitNo?: string;
  facilityId: string;
  patientClass: PatientClass;
  department?: string;
  patient: AccountPatient;
  admitDate: string;
  admitHour?: string;
  admitType?: string;
  admitSource?: string;
  dischargeDate?: string;
  dischargeStatus?: string;
  attending?: Clinician;
  coverages: Coverage[];
  coding?: Coding;
  status: AccountStatus;
  createdAt: string;
  updatedAt: string;
}

export interface Charge {
  chargeId: string;
  accountNo: string;
  chargeCode: string;
  description: string;
  revenueCode: string;
  procedure?: { type: 'CPT' | 'HCPCS'; code: string };
  modifiers: string[];
  qty: number;
  unitPriceCents: number;
  amountCents: number;
  serviceDate: string;
  serviceDateEnd?: string;
  department: string;
  performingNpi?: string;
  sourceRef?: string;
  postedAt: string;
}

export interface Transaction {
  txnId: string;
  batchId: string;
  accountNo: string;
  type: TransactionType;
  amountCents: number;
  payerId?: string;
  groupCode?: string;
  reasonCode?: string;
  claimRef?: string;
  remitRef?: string;
  department?: string;
  postedDate: string;
  postedAt: string;
}

export interface AccountView extends Account {
  balances: AccountBalances;
}

// ---- command inputs -------------------------------------------------------------------------

export interface CreateAccountInput {
  encounterRef: string;
  visitNo?: string;
  facilityId: string;
  patientClass: PatientClass;
  department?: string;
  patient: AccountPatient;
  admitDate: string;
  admitHour?: string;
  admitType?: string;
  admitSource?: string;
  dischargeDate?: string;
  dischargeStatus?: string;
  attending?: Clinician;
  coverages: Coverage[];
}

export interface AccountChange {
  coverages?: Coverage[];
  dischargeDate?: string;
  dischargeStatus?: string;
  attending?: Clinician;
  status?: 'BILLED' | 'CLOSED';
}

export type CodingInput = Omit<Coding, 'codedAt'>;

export interface PostChargeInput {
  chargeCode: string;
  qty: number;
  serviceDate: string;
  department?: string;
  performingNpi?: string;
  modifiers?: string[];
  /** The charge's id in the system that captured it (an EHR ChargeItem, an HL7 FT1): refused when posted twice. */
  sourceRef?: string;
}

export interface TransactionBatchInput {
  claimRef?: string;
  remitRef?: string;
  payerId?: string;
  postedDate?: string;
  items: { type: TransactionType; amountCents: number; groupCode?: string; reasonCode?: string; payerId?: string; department?: string }[];
}

/** Every state change the platform accepts: what the command log records and replays. */
export type BillingCommand =
  | { type: 'create-account'; input: CreateAccountInput }
  | { type: 'update-account'; accountNo: string; change: AccountChange }
  | { type: 'set-coding'; accountNo: string; coding: CodingInput }
  | { type: 'post-charge'; accountNo: string; input: PostChargeInput }
  | { type: 'post-transactions'; accountNo: string; input: TransactionBatchInput };

export interface CommandContext {
  idempotencyKey: string;
  /** When the command happened; the clock when absent (a replayed log entry carries its own). */
  at?: Date;
}

export interface Outcome<T> {
  result: T;
  /** True when the key had been used: the result is the first one and nothing changed. */
  replayed: boolean;
}

export interface CommittedCommand {
  command: BillingCommand;
  idempotencyKey: string;
  at: string;
}

const padded = (prefix: string, n: number, width = 6) => `${prefix}${String(n).padStart(width, '0')}`;
const GROUP_CODES = ['CO', 'PR', 'OA', 'PI'];
const RELATIONSHIPS: Relationship[] = ['SELF', 'SPOUSE', 'CHILD', 'OTHER'];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The sandbox's reference billing platform (patient accounting): accounts per encounter, charges
 * priced from the chargemaster, payments, adjustments and transfers, balances, and the payers'
 * contract terms. Each command validates everything before it changes anything and is remembered by
 * idempotency key (same key and command → the first result; another command → refused). No HTTP here.
 */
export class SandboxBilling {
  readonly chargemaster = new Chargemaster(SEED_CHARGEMASTER);
  private readonly facilities = new Map<string, Facility>(SEED_FACILITIES.map((f) => [f.id, structuredClone(f)]));
  private readonly payers = new Map<string, PayerContract>(SEED_PAYERS.map((p) => [p.payerId, structuredClone(p)]));
  private readonly accounts = new Map<string, Account>();
  private readonly charges = new Map<string, Charge[]>();
  private readonly transactions = new Map<string, Transaction[]>();
  private readonly remembered = new Map<string, { fingerprint: string; result: unknown }>();
  private readonly sequences = new Map<string, number>();
  private listener?: (committed: CommittedCommand) => void;
  private brokenBy?: unknown;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** Called after each command that changed state (not for replays); a throw marks the platform broken. */
  onCommitted(listener: (committed: CommittedCommand) => void): void {
    this.listener = listener;
  }

  knowsIdempotencyKey(key: string): boolean {
    return this.remembered.has(key);
  }

  // ---- reads ----------------------------------------------------------------------------------

  listFacilities(): Facility[] {
    return structuredClone([...this.facilities.values()]);
  }

  facility(id: string): Facility {
    const facility = this.facilities.get(id);
    if (!facility) throw notFound('Facility', id);
    return structuredClone(facility);
  }

  listChargemaster(): ChargemasterItem[] {
    return structuredClone(this.chargemaster.list());
  }

  chargemasterItem(code: string): ChargemasterItem {
    const item = this.chargemaster.get(code);
    if (!item) throw notFound('Charge code', code);
    return structuredClone(item);
  }

  /** Creates or updates a chargemaster item with an effective-dated price (a finance extract's row). */
  putChargemasterItem(update: Parameters<Chargemaster['put']>[0]): ChargemasterItem {
    return this.chargemaster.put(update);
  }

  listPayers(): PayerContract[] {
    return structuredClone([...this.payers.values()]);
  }

  payer(payerId: string): PayerContract {
    const payer = this.payers.get(payerId);
    if (!payer) throw notFound('Payer', payerId);
    return structuredClone(payer);
  }

  listAccounts(filter: { encounterRef?: string; mrn?: string; status?: AccountStatus } = {}): AccountView[] {
    return [...this.accounts.values()]
      .filter(
        (a) =>
          (filter.encounterRef === undefined || a.encounterRef === filter.encounterRef) &&
          (filter.mrn === undefined || a.patient.mrn === filter.mrn) &&
          (filter.status === undefined || a.status === filter.status),
      )
      .map((a) => this.view(a));
  }

  account(accountNo: string): AccountView {
    return this.view(this.require(accountNo));
  }

  accountCharges(accountNo: string): Charge[] {
    this.require(accountNo);
    return structuredClone(this.charges.get(accountNo) ?? []);
  }

  accountTransactions(accountNo: string): Transaction[] {
    this.require(accountNo);
    return structuredClone(this.transactions.get(accountNo) ?? []);
  }

  // ---- commands -------------------------------------------------------------------------------

  execute(command: BillingCommand, context: CommandContext): Outcome<unknown> {
    switch (command.type) {
      case 'create-account':
        return this.createAccount(command.input, context);
      case 'update-account':
        return this.updateAccount(command.accountNo, command.change, context);
      case 'set-coding':
        return this.setCoding(command.accountNo, command.coding, context);
      case 'post-charge':
        return this.postCharge(command.accountNo, command.input, context);
      case 'post-transactions':
        return this.postTransactions(command.accountNo, command.input, context);
    }
  }

  /** Registers an encounter's account; one account per encounter. */
  createAccount(input: CreateAccountInput, context: CommandContext): Outcome<AccountView> {
    return this.run({ type: 'create-account', input }, context, (at) => {
      const facility = this.facilities.get(input.facilityId);
      if (!facility)
        throw new BillingDomainError(BillingErrorCode.UNKNOWN_FACILITY, `Facility ${input.facilityId} does not bill here`, {
          field: 'facility_id',
        });
      const existing = [...this.accounts.values()].find((a) => a.encounterRef === input.encounterRef);
      if (existing)
        throw new BillingDomainError(
          BillingErrorCode.DUPLICATE_ACCOUNT,
          `Encounter ${input.encounterRef} already has account ${existing.accountNo}`,
          {
            field: 'encounter_ref',
            existing: existing.accountNo,
          },
        );
      this.checkDates(input);
      this.checkCoverages(input.coverages, 'coverages');
      if (input.attending) this.checkClinician(input.attending, 'attending');
      const accountNo = `${facility.accountPrefix}-A-${padded('', this.next(`account:${facility.accountPrefix}`))}`;
      const account: Account = {
        ...structuredClone(input),
        accountNo,
        version: 1,
        coverages: [...input.coverages].sort((a, b) => a.priority - b.priority),
        status: input.dischargeDate ? 'DISCHARGED' : 'OPEN',
        createdAt: at,
        updatedAt: at,
      };
      this.accounts.set(accountNo, account);
      this.charges.set(accountNo, []);
      this.transactions.set(accountNo, []);
      return this.view(account);
    });
  }

  /** Replaces the coverages (e.g. a member id added after a rejection), records a discharge, or marks the account billed or closed. */
  updateAccount(accountNo: string, change: AccountChange, context: CommandContext): Outcome<AccountView> {
    return this.run({ type: 'update-account', accountNo, change }, context, (at) => {
      const account = this.require(accountNo);
      if (account.status === 'CLOSED') throw new BillingDomainError(BillingErrorCode.ACCOUNT_CLOSED, `Account ${accountNo} is closed`);
      if (change.coverages) this.checkCoverages(change.coverages, 'coverages');
      if (change.attending) this.checkClinician(change.attending, 'attending');
      if (change.dischargeDate !== undefined) this.checkDates({ ...account, dischargeDate: change.dischargeDate });
      if (change.coverages) account.coverages = [...structuredClone(change.coverages)].sort((a, b) => a.priority - b.priority);
      if (change.attending) account.attending = structuredClone(change.attending);
      if (change.dischargeDate !== undefined) {
        account.dischargeDate = change.dischargeDate;
        if (account.status === 'OPEN') account.status = 'DISCHARGED';
      }
      if (change.dischargeStatus !== undefined) account.dischargeStatus = change.dischargeStatus;
      if (change.status) account.status = change.status;
      this.touch(account, at);
      return this.view(account);
    });
  }

  /** Records the account's coding (diagnoses, procedures, DRG) as health information management finalised it. */
  setCoding(accountNo: string, coding: CodingInput, context: CommandContext): Outcome<AccountView> {
    return this.run({ type: 'set-coding', accountNo, coding }, context, (at) => {
      const account = this.require(accountNo);
      if (account.status === 'CLOSED') throw new BillingDomainError(BillingErrorCode.ACCOUNT_CLOSED, `Account ${accountNo} is closed`);
      const principal = coding.diagnoses.filter((d) => d.type === 'PRINCIPAL');
      if (principal.length !== 1) throw invalid('diagnoses', 'Coding needs exactly one principal diagnosis');
      if (coding.procedures.filter((p) => p.principal).length > 1)
        throw invalid('procedures', 'Coding has at most one principal procedure');
      coding.procedures.forEach((p, i) => {
        if (!isCalendarDate(p.date)) throw invalid(`procedures[${i}].date`, 'Procedure date must be YYYY-MM-DD');
      });
      account.coding = { ...structuredClone(coding), codedAt: at };
      this.touch(account, at);
      return this.view(account);
    });
  }

  /** Posts a charge priced from the chargemaster on its service date; a negative quantity credits earlier units. */
  postCharge(accountNo: string, input: PostChargeInput, context: CommandContext): Outcome<Charge> {
    return this.run({ type: 'post-charge', accountNo, input }, context, (at) => {
      const account = this.require(accountNo);
      if (account.status === 'CLOSED') throw new BillingDomainError(BillingErrorCode.ACCOUNT_CLOSED, `Account ${accountNo} is closed`);
      if (!Number.isInteger(input.qty) || input.qty === 0) throw invalid('qty', 'Quantity must be a whole number other than 0');
      if (!isCalendarDate(input.serviceDate)) throw invalid('service_date', 'Service date must be YYYY-MM-DD');
      if (input.serviceDate < account.admitDate) throw invalid('service_date', 'Service date is before the admission');
      if (input.performingNpi !== undefined && !isValidNpi(input.performingNpi))
        throw invalid('performing_npi', 'Performing NPI fails its check digit');
      const existing = this.charges.get(accountNo) ?? [];
      if (input.sourceRef !== undefined) {
        const duplicate = [...this.charges.values()].flat().find((c) => c.sourceRef === input.sourceRef);
        if (duplicate)
          throw new BillingDomainError(
            BillingErrorCode.DUPLICATE_CHARGE,
            `Source charge ${input.sourceRef} is already posted as ${duplicate.chargeId}`,
            {
              field: 'source_ref',
              existing: duplicate.chargeId,
            },
          );
      }
      const { item, unitCents } = this.chargemaster.unitPrice(input.chargeCode, input.serviceDate);
      if (input.qty < 0) {
        const net = existing.filter((c) => c.chargeCode === input.chargeCode).reduce((total, c) => total + c.qty, 0);
        if (net + input.qty < 0) throw invalid('qty', `Only ${net} unit(s) of ${input.chargeCode} are on the account to credit`);
      }
      const charge: Charge = {
        chargeId: padded('CHG-', this.next('charge'), 7),
        accountNo,
        chargeCode: item.code,
        description: item.description,
        revenueCode: item.revenueCode,
        ...(item.procedure ? { procedure: { ...item.procedure } } : {}),
        modifiers: input.modifiers ?? [],
        qty: input.qty,
        unitPriceCents: unitCents,
        amountCents: Number(BigInt(input.qty) * BigInt(unitCents)),
        serviceDate: input.serviceDate,
        ...(item.unit === 'DAY' && input.qty > 1 ? { serviceDateEnd: addDays(input.serviceDate, input.qty - 1) } : {}),
        department: input.department ?? item.department,
        ...(input.performingNpi !== undefined ? { performingNpi: input.performingNpi } : {}),
        ...(input.sourceRef !== undefined ? { sourceRef: input.sourceRef } : {}),
        postedAt: at,
      };
      existing.push(charge);
      this.charges.set(accountNo, existing);
      this.touch(account, at);
      return charge;
    });
  }

  /**
   * Posts payments, adjustments and transfers as one batch: all or none. A remittance's claim payment
   * (paid, contractual adjustment, patient responsibility) is one batch.
   */
  postTransactions(accountNo: string, input: TransactionBatchInput, context: CommandContext): Outcome<Transaction[]> {
    return this.run({ type: 'post-transactions', accountNo, input }, context, (at) => {
      const account = this.require(accountNo);
      if (account.status === 'CLOSED') throw new BillingDomainError(BillingErrorCode.ACCOUNT_CLOSED, `Account ${accountNo} is closed`);
      if (!input.items.length) throw invalid('items', 'A batch needs at least one transaction');
      if (input.postedDate !== undefined && !isCalendarDate(input.postedDate))
        throw invalid('posted_date', 'Posting date must be YYYY-MM-DD');
      input.items.forEach((item, i) => {
        if (!Number.isSafeInteger(item.amountCents)) throw invalid(`items[${i}].amount`, 'Amount must be whole cents');
        const payerId = item.payerId ?? input.payerId;
        if (payerId !== undefined && payerId !== PATIENT_PAYER && !this.payers.has(payerId))
          throw new BillingDomainError(BillingErrorCode.UNKNOWN_PAYER, `Payer ${payerId} is not contracted`, {
            field: `items[${i}].payer_id`,
          });
        if (item.type === 'ADJUSTMENT' && (item.groupCode === undefined || !GROUP_CODES.includes(item.groupCode)))
          throw invalid(`items[${i}].group_code`, 'An adjustment needs a group code CO, PR, OA or PI');
        if (item.type !== 'PAYMENT' && item.reasonCode === undefined)
          throw invalid(`items[${i}].reason_code`, 'Adjustments and transfers need a reason code');
        if (item.type === 'PAYMENT' && payerId === undefined)
          throw invalid(`items[${i}].payer_id`, 'A payment needs the payer (or PATIENT)');
      });
      const batchId = padded('PB-', this.next('batch'), 7);
      const posted = input.items.map((item): Transaction => ({
        txnId: padded('TXN-', this.next('transaction'), 7),
        batchId,
        accountNo,
        type: item.type,
        amountCents: item.amountCents,
        ...((item.payerId ?? input.payerId) ? { payerId: item.payerId ?? input.payerId } : {}),
        ...(item.groupCode !== undefined ? { groupCode: item.groupCode } : {}),
        ...(item.reasonCode !== undefined ? { reasonCode: item.reasonCode } : {}),
        ...(input.claimRef !== undefined ? { claimRef: input.claimRef } : {}),
        ...(input.remitRef !== undefined ? { remitRef: input.remitRef } : {}),
        ...(item.department !== undefined ? { department: item.department } : {}),
        postedDate: input.postedDate ?? at.slice(0, 10),
        postedAt: at,
      }));
      const list = this.transactions.get(accountNo) ?? [];
      list.push(...posted);
      this.transactions.set(accountNo, list);
      this.touch(account, at);
      const balances = this.balancesOf(account);
      if (balances.chargesCents > 0 && balances.totalBalanceCents === 0 && account.status !== 'SETTLED') account.status = 'SETTLED';
      else if (balances.totalBalanceCents !== 0 && account.status === 'SETTLED') account.status = 'BILLED';
      return posted;
    });
  }

  // ---- internals ------------------------------------------------------------------------------

  private view(account: Account): AccountView {
    return { ...structuredClone(account), balances: this.balancesOf(account) };
  }

  private balancesOf(account: Account): AccountBalances {
    const primary = account.coverages[0];
    const selfPay = primary === undefined || this.payers.get(primary.payerId)?.selfPay === true;
    return accountBalances({
      charges: this.charges.get(account.accountNo) ?? [],
      transactions: this.transactions.get(account.accountNo) ?? [],
      selfPay,
    });
  }

  private require(accountNo: string): Account {
    const account = this.accounts.get(accountNo);
    if (!account) throw notFound('Account', accountNo);
    return account;
  }

  private touch(account: Account, at: string): void {
    account.version += 1;
    account.updatedAt = at;
  }

  private next(sequence: string): number {
    const value = (this.sequences.get(sequence) ?? 0) + 1;
    this.sequences.set(sequence, value);
    return value;
  }

  private checkDates(input: { admitDate: string; dischargeDate?: string; patient: { birthDate?: string } }): void {
    if (!isCalendarDate(input.admitDate)) throw invalid('admit.date', 'Admission date must be YYYY-MM-DD');
    if (input.dischargeDate !== undefined) {
      if (!isCalendarDate(input.dischargeDate)) throw invalid('discharge.date', 'Discharge date must be YYYY-MM-DD');
      if (input.dischargeDate < input.admitDate) throw invalid('discharge.date', 'Discharge is before the admission');
    }
    if (input.patient.birthDate !== undefined && !isCalendarDate(input.patient.birthDate))
      throw invalid('patient.birth_date', 'Birth date must be YYYY-MM-DD');
  }

  private checkCoverages(coverages: readonly Coverage[], field: string): void {
    const priorities = new Set<number>();
    coverages.forEach((coverage, i) => {
      if (!this.payers.has(coverage.payerId))
        throw new BillingDomainError(BillingErrorCode.UNKNOWN_PAYER, `Payer ${coverage.payerId} is not contracted`, {
          field: `${field}[${i}].payer_id`,
        });
      if (priorities.has(coverage.priority)) throw invalid(`${field}[${i}].priority`, 'Two coverages have the same priority');
      priorities.add(coverage.priority);
      if (!RELATIONSHIPS.includes(coverage.relationship)) throw invalid(`${field}[${i}].relationship`, 'Unknown relationship');
      if (coverage.relationship !== 'SELF' && !coverage.subscriber)
        throw invalid(`${field}[${i}].subscriber`, 'A coverage held by someone else names the subscriber');
    });
  }

  private checkClinician(clinician: Clinician, field: string): void {
    if (!isValidNpi(clinician.npi)) throw invalid(`${field}.npi`, 'NPI fails its check digit');
  }

  private run<T>(command: BillingCommand, context: CommandContext, perform: (at: string) => T): Outcome<T> {
    if (this.brokenBy !== undefined)
      throw new BillingDomainError(
        BillingErrorCode.STORAGE_FAILED,
        'The billing platform could not record an earlier change durably and refuses new ones until it restarts',
      );
    if (!context.idempotencyKey || context.idempotencyKey.length > 200)
      throw invalid('idempotencyKey', 'Every posting needs an idempotency key of 1-200 characters');
    const fingerprint = canonicalJson(command);
    const previous = this.remembered.get(context.idempotencyKey);
    if (previous) {
      if (previous.fingerprint !== fingerprint)
        throw new BillingDomainError(
          BillingErrorCode.IDEMPOTENCY_KEY_REUSED,
          'The idempotency key was already used for a different command',
          {
            field: 'Idempotency-Key',
          },
        );
      return { result: structuredClone(previous.result) as T, replayed: true };
    }
    const at = (context.at ?? this.clock()).toISOString();
    const result = perform(at);
    this.remembered.set(context.idempotencyKey, { fingerprint, result: structuredClone(result) });
    try {
      this.listener?.({ command, idempotencyKey: context.idempotencyKey, at });
    } catch (error) {
      this.brokenBy = error;
      throw new BillingDomainError(
        BillingErrorCode.STORAGE_FAILED,
        'The change was made but could not be recorded durably; the platform refuses new changes until it restarts',
      );
    }
    return { result: structuredClone(result), replayed: false };
  }
}
