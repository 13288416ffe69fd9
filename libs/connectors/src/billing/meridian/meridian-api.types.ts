/**
 * The JSON of "Meridian Patient Accounting", the billing platform's vendor REST API (the sandbox's
 * at /billing/api/v1): snake_case, upper-case codes, decimal-string amounts, null for absent values.
 */
export type MpDecimal = string;

export interface MpAddress {
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  zip: string;
}

export interface MpPerson {
  last_name: string;
  first_name: string | null;
  middle_name: string | null;
  birth_date: string | null;
  sex: 'F' | 'M' | 'U' | null;
  address: MpAddress | null;
}

export interface MpClinician {
  npi: string;
  last_name: string;
  first_name: string | null;
  taxonomy: string | null;
}

export type MpRelationship = 'SELF' | 'SPOUSE' | 'CHILD' | 'OTHER';
export type MpAccountStatus = 'OPEN' | 'DISCHARGED' | 'BILLED' | 'SETTLED' | 'CLOSED';
export type MpDiagnosisType = 'PRINCIPAL' | 'ADMITTING' | 'SECONDARY' | 'REASON';

export interface MpCoverage {
  priority: number;
  payer_id: string;
  member_id: string | null;
  group_no: string | null;
  relationship: MpRelationship;
  subscriber: MpPerson | null;
}

export interface MpAccount {
  account_no: string;
  encounter_ref: string;
  visit_no: string | null;
  facility_id: string;
  patient_class: 'I' | 'O';
  department: string | null;
  patient: MpPerson & { mrn: string; ehr_patient_id: string | null };
  admit: { date: string; hour: string | null; type: string | null; source: string | null };
  discharge: { date: string; status: string | null } | null;
  attending: MpClinician | null;
  coverages: MpCoverage[];
  coding: {
    status: 'FINAL' | 'PROVISIONAL';
    drg: string | null;
    diagnoses: { code: string; type: MpDiagnosisType; poa: string | null }[];
    procedures: { code: string; date: string; principal: boolean }[];
    coded_at: string;
  } | null;
  status: MpAccountStatus;
  balances: {
    charges: MpDecimal;
    insurance_payments: MpDecimal;
    patient_payments: MpDecimal;
    adjustments: MpDecimal;
    transfers_to_patient: MpDecimal;
    insurance_balance: MpDecimal;
    patient_balance: MpDecimal;
    account_balance: MpDecimal;
    currency: string;
  };
  created_at: string;
  last_modified: string;
  row_version: number;
}

export interface MpCharge {
  charge_id: string;
  account_no: string;
  charge_code: string;
  description: string;
  revenue_code: string;
  cpt_hcpcs: { type: 'CPT' | 'HCPCS'; code: string } | null;
  modifiers: string[];
  qty: number;
  unit_price: MpDecimal;
  amount: MpDecimal;
  service_date: string;
  service_date_to: string | null;
  dept: string;
  performing_npi: string | null;
  source_ref: string | null;
  posted_at: string;
}

export interface MpTransaction {
  txn_id: string;
  batch_id: string;
  account_no: string;
  type: 'PAYMENT' | 'ADJUSTMENT' | 'TRANSFER';
  amount: MpDecimal;
  payer_id: string | null;
  group_code: string | null;
  reason_code: string | null;
  claim_ref: string | null;
  remit_ref: string | null;
  dept: string | null;
  posted_date: string;
  posted_at: string;
}

export interface MpFacility {
  facility_id: string;
  name: string;
  npi: string;
  tax_id: string;
  taxonomy: string | null;
  bill_type: 'INSTITUTIONAL' | 'PROFESSIONAL';
  place_of_service: string | null;
  address: MpAddress | null;
}

export interface MpChargemasterItem {
  charge_code: string;
  description: string;
  revenue_code: string;
  cpt_hcpcs: { type: 'CPT' | 'HCPCS'; code: string } | null;
  dept: string;
  unit: 'DAY' | 'EACH';
  price: MpDecimal | null;
  price_effective_from: string | null;
  price_history: { effective_from: string; effective_to: string | null; amount: MpDecimal }[];
}

export interface MpPayer {
  payer_id: string;
  name: string;
  claim_filing_code: string | null;
  self_pay: boolean;
  timely_filing_days: number;
  fee_schedule: { code_type: 'CPT' | 'HCPCS' | 'REV'; code: string; modifiers: string[]; allowed: MpDecimal }[];
  drg_rates: { drg: string; rate: MpDecimal }[];
  patient_share: { deductible: MpDecimal | null; coinsurance_pct: number | null; copay: MpDecimal | null };
  requires_member_id: boolean;
}

export interface MpPage<T> {
  data: T[];
  paging?: { offset: number; limit: number; total: number };
}

export interface MpFault {
  fault: {
    code: string;
    status: number;
    message: string;
    target?: string;
    existing?: string;
    details?: { target: string; message: string }[];
    trace_id?: string;
  };
}
