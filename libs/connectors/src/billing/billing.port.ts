import type {
  AdjustmentGroupCode,
  BillingGender,
  BillingProviderDto,
  ChargeDto,
  ClaimDiagnosisDto,
  ClaimKind,
  ClaimProcedureDto,
  CodingDto,
  MoneyDto,
  PatientAccountStatus,
  PatientReferenceDto,
  PatientRelationship,
  PayerDto,
  PersonNameDto,
  PostalAddressDto,
} from '@concord/contracts';

/**
 * The billing platform (patient accounting) in the canonical model, as system-api needs it:
 * registration data and coding the claim builder reads, charges, payments and adjustments, and the
 * master data (facilities, chargemaster, payer contracts). Money is integer cents.
 */

/** Every state change carries an idempotency key: a retry with the same key returns the first result and changes nothing. */
export interface BillingPostingOptions {
  idempotencyKey: string;
  /** The account's `version` the change was decided on; a stale one is refused (VERSION_CONFLICT). */
  ifMatch?: string;
}

/** A facility that bills, with what its claims need (837 loop 2010AA). */
export interface BillingFacility {
  id: string;
  name: string;
  npi: string;
  ein: string;
  taxonomy?: string;
  address: PostalAddressDto;
  /** Institutional (UB-04, 837I) for the hospital, professional (CMS-1500, 837P) for the clinic. */
  claimKind: ClaimKind;
  /** Place of service of its professional claims. */
  placeOfService?: string;
}

export interface ChargemasterPrice {
  effectiveFrom: string;
  effectiveTo?: string;
  price: MoneyDto;
}

/** One chargemaster item: charge code → description, revenue code, CPT/HCPCS, price on a date. */
export interface ChargemasterEntry {
  chargeCode: string;
  description: string;
  revenueCode: string;
  procedureCode?: CodingDto;
  departmentCode: string;
  /** `day` items are charged one unit per day of service (room and board). */
  unit: 'day' | 'each';
  /** Price in force on the date asked about; absent when none is. */
  price?: MoneyDto;
  priceEffectiveFrom?: string;
  priceHistory: ChargemasterPrice[];
}

/** A chargemaster item as a finance extract sends it, with the price that takes effect on `effectiveFrom`. */
export interface ChargemasterItemUpdate {
  chargeCode: string;
  description: string;
  revenueCode: string;
  procedureCode?: CodingDto;
  departmentCode: string;
  unit: 'day' | 'each';
  price: MoneyDto;
  /** The new price applies from this date; the price in force the day before ends then. */
  effectiveFrom: string;
}

export interface BillingPayer extends PayerDto {
  /** The self-pay "payer": no claim is sent, the patient is billed. */
  selfPay: boolean;
}

/** A person as registration recorded them (the patient, or the subscriber of a coverage). */
export interface BillingPerson {
  name: PersonNameDto;
  birthDate?: string;
  gender?: BillingGender;
  address?: PostalAddressDto;
}

export interface BillingAccountPatient extends PatientReferenceDto, BillingPerson {
  mrn: string;
}

/** One coverage on the account, in coordination-of-benefits order. */
export interface BillingCoverage {
  order: number;
  payerId: string;
  memberId?: string;
  groupNumber?: string;
  relationship: PatientRelationship;
  /** The insured, when not the patient. */
  subscriber?: BillingPerson;
}

/** The account's coding as health information management finalised it. */
export interface BillingAccountCoding {
  status: 'final' | 'provisional';
  drg?: string;
  diagnoses: ClaimDiagnosisDto[];
  procedures: ClaimProcedureDto[];
  codedAt?: string;
}

export interface BillingAccountBalances {
  charges: MoneyDto;
  insurancePayments: MoneyDto;
  patientPayments: MoneyDto;
  adjustments: MoneyDto;
  transfersToPatient: MoneyDto;
  /** What the payers still owe. */
  insuranceBalance: MoneyDto;
  /** What the patient owes (patient responsibility transferred from the payers, or a self-pay account). */
  patientBalance: MoneyDto;
  total: MoneyDto;
}

export type BillingPatientClass = 'inpatient' | 'outpatient';

/** A patient account: the canonical PatientAccount plus the registration and coding a claim is built from. */
export interface BillingAccount {
  id: string;
  accountNumber: string;
  encounterId: string;
  visitNumber?: string;
  facilityId: string;
  patientClass: BillingPatientClass;
  departmentCode?: string;
  patient: BillingAccountPatient;
  admission: { date: string; hour?: string; typeCode?: string; sourceCode?: string };
  discharge?: { date: string; statusCode?: string };
  attending?: BillingProviderDto;
  coverages: BillingCoverage[];
  coding?: BillingAccountCoding;
  status: PatientAccountStatus;
  balances: BillingAccountBalances;
  /** Opaque version for If-Match. */
  version: string;
  createdAt: string;
  updatedAt: string;
}

export interface CreateBillingAccount {
  encounterId: string;
  visitNumber?: string;
  facilityId: string;
  patientClass: BillingPatientClass;
  departmentCode?: string;
  patient: BillingAccountPatient;
  admission: BillingAccount['admission'];
  discharge?: BillingAccount['discharge'];
  attending?: BillingProviderDto;
  coverages: BillingCoverage[];
}

export interface BillingAccountChange {
  coverages?: BillingCoverage[];
  discharge?: BillingAccount['discharge'];
  attending?: BillingProviderDto;
  status?: 'billed' | 'closed';
}

export interface BillingAccountQuery {
  encounterId?: string;
  mrn?: string;
  status?: PatientAccountStatus;
}

/** A charge posted to an account: the canonical Charge plus where the platform keeps it. */
export interface BillingCharge extends ChargeDto {
  accountId: string;
  /** The charge's id in the system that captured it (an EHR ChargeItem, an HL7 FT1). */
  sourceChargeId?: string;
  /** Last day a multi-day charge covers (room and board). */
  serviceDateEnd?: string;
  postedAt: string;
}

export interface PostBillingCharge {
  chargeCode: string;
  /** Negative to credit earlier units. */
  quantity: number;
  serviceDate: string;
  departmentCode?: string;
  performerNpi?: string;
  modifiers?: string[];
  sourceChargeId?: string;
}

export type BillingTransactionType = 'payment' | 'adjustment' | 'transfer';

/** Payer id of a payment made by the patient. */
export const PATIENT_PAYER_ID = 'PATIENT';

export interface BillingTransaction {
  id: string;
  batchId: string;
  accountId: string;
  type: BillingTransactionType;
  /** Positive reduces what is owed; negative reverses. */
  amount: MoneyDto;
  payerId?: string;
  group?: AdjustmentGroupCode;
  reasonCode?: string;
  claimReference?: string;
  remittanceReference?: string;
  departmentCode?: string;
  postedDate: string;
  postedAt: string;
}

/** Payments, adjustments and transfers posted together, all or none (one claim payment of a remittance). */
export interface PostBillingTransactions {
  claimReference?: string;
  remittanceReference?: string;
  payerId?: string;
  postedDate?: string;
  items: {
    type: BillingTransactionType;
    amountCents: number;
    group?: AdjustmentGroupCode;
    reasonCode?: string;
    payerId?: string;
    departmentCode?: string;
  }[];
}

/**
 * What Concord needs from a billing platform, whatever the vendor. system-api depends on this; one
 * adapter per platform implements it and passes the shared contract suite. Adapters throw
 * BillingConnectorException, never HTTP errors.
 */
export abstract class BillingPort {
  abstract listFacilities(): Promise<BillingFacility[]>;
  abstract getFacility(id: string): Promise<BillingFacility>;
  /** The chargemaster with the prices in force on `asOf` (today by default). */
  abstract listChargemaster(asOf?: string): Promise<ChargemasterEntry[]>;
  abstract getChargemasterEntry(chargeCode: string, asOf?: string): Promise<ChargemasterEntry>;
  /** Creates or updates a chargemaster item; the price is effective-dated (earlier prices stay for earlier dates). */
  abstract putChargemasterItem(update: ChargemasterItemUpdate, options: BillingPostingOptions): Promise<ChargemasterEntry>;
  abstract listPayers(): Promise<BillingPayer[]>;
  abstract getPayer(payerId: string): Promise<BillingPayer>;

  /** Registers an encounter's account; a second one for the same encounter is refused with DUPLICATE_ACCOUNT. */
  abstract createAccount(input: CreateBillingAccount, options: BillingPostingOptions): Promise<BillingAccount>;
  abstract getAccount(id: string): Promise<BillingAccount>;
  abstract findAccounts(query: BillingAccountQuery): Promise<BillingAccount[]>;
  abstract updateAccount(id: string, change: BillingAccountChange, options: BillingPostingOptions): Promise<BillingAccount>;
  abstract setCoding(id: string, coding: BillingAccountCoding, options: BillingPostingOptions): Promise<BillingAccount>;

  abstract listCharges(accountId: string): Promise<BillingCharge[]>;
  /** Posts a charge priced from the chargemaster on its service date; a source charge posted twice is DUPLICATE_CHARGE. */
  abstract postCharge(accountId: string, input: PostBillingCharge, options: BillingPostingOptions): Promise<BillingCharge>;

  abstract listTransactions(accountId: string): Promise<BillingTransaction[]>;
  abstract postTransactions(
    accountId: string,
    input: PostBillingTransactions,
    options: BillingPostingOptions,
  ): Promise<BillingTransaction[]>;
}
