import {
  type AdjustmentGroupCode,
  ADJUSTMENT_GROUP_CODES,
  type BillingGender,
  type BillingProviderDto,
  CLAIM_FILING_INDICATORS,
  type ClaimDiagnosisDto,
  type ClaimDiagnosisRole,
  type ClaimFilingIndicator,
  CodeSystem,
  type CodingDto,
  type MoneyDto,
  type PatientAccountStatus,
  type PatientRelationship,
  type PersonNameDto,
  type PostalAddressDto,
  usd,
} from '@concord/contracts';
import { BillingConnectorException, BillingConnectorExceptionCode as Code } from '../billing-connector.exception';
import type {
  BillingAccount,
  BillingAccountChange,
  BillingAccountCoding,
  BillingCharge,
  BillingCoverage,
  BillingFacility,
  BillingPayer,
  BillingPerson,
  BillingTransaction,
  BillingTransactionType,
  ChargemasterEntry,
  ChargemasterItemUpdate,
  CreateBillingAccount,
  PostBillingCharge,
  PostBillingTransactions,
} from '../billing.port';
import type * as Mp from './meridian-api.types';

/**
 * Meridian Patient Accounting JSON ↔ the canonical billing model: pure functions. A value the
 * platform should never send (an amount that is not a two-place decimal, an unknown code) is an
 * INVALID_RESPONSE naming the field, never a silently wrong number.
 */

const DECIMAL = /^(-)?(0|[1-9]\d{0,12})\.(\d{2})$/;

export function centsOf(value: string | null | undefined, field: string): number {
  const match = typeof value === 'string' ? DECIMAL.exec(value) : null;
  if (!match)
    throw new BillingConnectorException(
      Code.INVALID_RESPONSE,
      `The billing platform sent ${field} that is not a decimal amount with two places`,
    );
  const cents = Number(match[2]) * 100 + Number(match[3]);
  return match[1] ? -cents : cents;
}

export function decimalOf(cents: number): Mp.MpDecimal {
  if (!Number.isSafeInteger(cents)) throw new RangeError('amounts are whole cents');
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const money = (value: string | null | undefined, field: string): MoneyDto => usd(centsOf(value, field));
const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;
const optional = <K extends string, T>(key: K, value: T | null | undefined): Partial<Record<K, T>> =>
  (present(value) ? { [key]: value } : {}) as Partial<Record<K, T>>;

const GENDERS: Record<'F' | 'M' | 'U', BillingGender> = { F: 'female', M: 'male', U: 'unknown' };
const SEX: Record<BillingGender, 'F' | 'M' | 'U'> = { female: 'F', male: 'M', unknown: 'U' };
const RELATIONSHIPS: Record<Mp.MpRelationship, PatientRelationship> = { SELF: 'self', SPOUSE: 'spouse', CHILD: 'child', OTHER: 'other' };
const VENDOR_RELATIONSHIPS: Record<PatientRelationship, Mp.MpRelationship> = {
  self: 'SELF',
  spouse: 'SPOUSE',
  child: 'CHILD',
  other: 'OTHER',
};
const STATUSES: Record<Mp.MpAccountStatus, PatientAccountStatus> = {
  OPEN: 'open',
  DISCHARGED: 'ready-to-bill',
  BILLED: 'billed',
  SETTLED: 'settled',
  CLOSED: 'closed',
};
const ROLES: Record<Mp.MpDiagnosisType, ClaimDiagnosisRole> = {
  PRINCIPAL: 'principal',
  ADMITTING: 'admitting',
  SECONDARY: 'other',
  REASON: 'reason-for-visit',
};
const VENDOR_ROLES: Record<ClaimDiagnosisRole, Mp.MpDiagnosisType> = {
  principal: 'PRINCIPAL',
  admitting: 'ADMITTING',
  other: 'SECONDARY',
  'reason-for-visit': 'REASON',
};
const TRANSACTION_TYPES: Record<Mp.MpTransaction['type'], BillingTransactionType> = {
  PAYMENT: 'payment',
  ADJUSTMENT: 'adjustment',
  TRANSFER: 'transfer',
};
const VENDOR_TRANSACTION_TYPES: Record<BillingTransactionType, Mp.MpTransaction['type']> = {
  payment: 'PAYMENT',
  adjustment: 'ADJUSTMENT',
  transfer: 'TRANSFER',
};

function known<K extends string, V>(table: Record<K, V>, value: string, field: string): V {
  if (!Object.prototype.hasOwnProperty.call(table, value))
    throw new BillingConnectorException(Code.INVALID_RESPONSE, `The billing platform sent an unknown ${field}`);
  return table[value as K];
}

export function addressFromVendor(address: Mp.MpAddress | null): PostalAddressDto | undefined {
  if (!address) return undefined;
  return {
    line: [address.line1, ...(address.line2 ? [address.line2] : [])],
    city: address.city,
    state: address.state,
    postalCode: address.zip,
  };
}

export function addressToVendor(address: PostalAddressDto): Omit<Mp.MpAddress, 'line2'> & { line2?: string } {
  return {
    line1: address.line[0],
    ...(address.line[1] ? { line2: address.line[1] } : {}),
    city: address.city,
    state: address.state,
    zip: address.postalCode,
  };
}

export function nameFromVendor(person: Pick<Mp.MpPerson, 'last_name' | 'first_name' | 'middle_name'>): PersonNameDto {
  return { family: person.last_name, given: [person.first_name, person.middle_name].filter(present) };
}

function personFromVendor(person: Mp.MpPerson, field: string): BillingPerson {
  const address = addressFromVendor(person.address);
  return {
    name: nameFromVendor(person),
    ...optional('birthDate', person.birth_date),
    ...(person.sex ? { gender: known(GENDERS, person.sex, `${field}.sex`) } : {}),
    ...(address ? { address } : {}),
  };
}

function personToVendor(person: BillingPerson) {
  const [first, ...middle] = person.name.given;
  return {
    last_name: person.name.family,
    ...(first ? { first_name: first } : {}),
    ...(middle.length ? { middle_name: middle.join(' ') } : {}),
    ...(person.birthDate ? { birth_date: person.birthDate } : {}),
    ...(person.gender ? { sex: SEX[person.gender] } : {}),
    ...(person.address ? { address: addressToVendor(person.address) } : {}),
  };
}

function clinicianFromVendor(clinician: Mp.MpClinician): BillingProviderDto {
  return {
    name: clinician.last_name,
    ...optional('firstName', clinician.first_name),
    npi: clinician.npi,
    ...optional('taxonomy', clinician.taxonomy),
  };
}

function clinicianToVendor(provider: BillingProviderDto) {
  return {
    npi: provider.npi,
    last_name: provider.name,
    ...(provider.firstName ? { first_name: provider.firstName } : {}),
    ...(provider.taxonomy ? { taxonomy: provider.taxonomy } : {}),
  };
}

function coverageFromVendor(coverage: Mp.MpCoverage, index: number): BillingCoverage {
  return {
    order: coverage.priority,
    payerId: coverage.payer_id,
    ...optional('memberId', coverage.member_id),
    ...optional('groupNumber', coverage.group_no),
    relationship: known(RELATIONSHIPS, coverage.relationship, `coverages[${index}].relationship`),
    ...(coverage.subscriber ? { subscriber: personFromVendor(coverage.subscriber, `coverages[${index}].subscriber`) } : {}),
  };
}

function coverageToVendor(coverage: BillingCoverage) {
  return {
    priority: coverage.order,
    payer_id: coverage.payerId,
    ...(coverage.memberId ? { member_id: coverage.memberId } : {}),
    ...(coverage.groupNumber ? { group_no: coverage.groupNumber } : {}),
    relationship: VENDOR_RELATIONSHIPS[coverage.relationship],
    ...(coverage.subscriber ? { subscriber: personToVendor(coverage.subscriber) } : {}),
  };
}

const procedureCoding = (cpt: { type: 'CPT' | 'HCPCS'; code: string }): CodingDto => ({
  system: cpt.type === 'CPT' ? CodeSystem.CPT : CodeSystem.HCPCS,
  code: cpt.code,
});

export function accountFromVendor(account: Mp.MpAccount): BillingAccount {
  const b = account.balances;
  const patient = personFromVendor(account.patient, 'patient');
  const coding = account.coding;
  return {
    id: account.account_no,
    accountNumber: account.account_no,
    encounterId: account.encounter_ref,
    ...optional('visitNumber', account.visit_no),
    facilityId: account.facility_id,
    patientClass: account.patient_class === 'I' ? 'inpatient' : 'outpatient',
    ...optional('departmentCode', account.department),
    patient: { ...patient, mrn: account.patient.mrn, ...optional('id', account.patient.ehr_patient_id) },
    admission: {
      date: account.admit.date,
      ...optional('hour', account.admit.hour),
      ...optional('typeCode', account.admit.type),
      ...optional('sourceCode', account.admit.source),
    },
    ...(account.discharge ? { discharge: { date: account.discharge.date, ...optional('statusCode', account.discharge.status) } } : {}),
    ...(account.attending ? { attending: clinicianFromVendor(account.attending) } : {}),
    coverages: account.coverages.map(coverageFromVendor).sort((x, y) => x.order - y.order),
    ...(coding
      ? {
          coding: {
            status: coding.status === 'FINAL' ? 'final' : 'provisional',
            ...optional('drg', coding.drg),
            diagnoses: coding.diagnoses.map((d, i): ClaimDiagnosisDto => ({
              code: { system: CodeSystem.ICD10_CM, code: d.code },
              role: known(ROLES, d.type, `coding.diagnoses[${i}].type`),
              ...optional('presentOnAdmission', d.poa),
            })),
            procedures: coding.procedures.map((p) => ({
              code: { system: CodeSystem.ICD10_PCS, code: p.code },
              role: p.principal ? 'principal' : 'other',
              date: p.date,
            })),
            codedAt: coding.coded_at,
          },
        }
      : {}),
    status: known(STATUSES, account.status, 'status'),
    balances: {
      charges: money(b.charges, 'balances.charges'),
      insurancePayments: money(b.insurance_payments, 'balances.insurance_payments'),
      patientPayments: money(b.patient_payments, 'balances.patient_payments'),
      adjustments: money(b.adjustments, 'balances.adjustments'),
      transfersToPatient: money(b.transfers_to_patient, 'balances.transfers_to_patient'),
      insuranceBalance: money(b.insurance_balance, 'balances.insurance_balance'),
      patientBalance: money(b.patient_balance, 'balances.patient_balance'),
      total: money(b.account_balance, 'balances.account_balance'),
    },
    version: `W/"${account.row_version}"`,
    createdAt: account.created_at,
    updatedAt: account.last_modified,
  };
}

export function createAccountToVendor(input: CreateBillingAccount) {
  return {
    encounter_ref: input.encounterId,
    ...(input.visitNumber ? { visit_no: input.visitNumber } : {}),
    facility_id: input.facilityId,
    patient_class: input.patientClass === 'inpatient' ? 'I' : 'O',
    ...(input.departmentCode ? { department: input.departmentCode } : {}),
    patient: {
      mrn: input.patient.mrn,
      ...(input.patient.id ? { ehr_patient_id: input.patient.id } : {}),
      ...personToVendor(input.patient),
    },
    admit: {
      date: input.admission.date,
      ...(input.admission.hour ? { hour: input.admission.hour } : {}),
      ...(input.admission.typeCode ? { type: input.admission.typeCode } : {}),
      ...(input.admission.sourceCode ? { source: input.admission.sourceCode } : {}),
    },
    ...(input.discharge
      ? { discharge: { date: input.discharge.date, ...(input.discharge.statusCode ? { status: input.discharge.statusCode } : {}) } }
      : {}),
    ...(input.attending ? { attending: clinicianToVendor(input.attending) } : {}),
    coverages: input.coverages.map(coverageToVendor),
  };
}

export function accountChangeToVendor(change: BillingAccountChange) {
  return {
    ...(change.coverages ? { coverages: change.coverages.map(coverageToVendor) } : {}),
    ...(change.discharge
      ? { discharge: { date: change.discharge.date, ...(change.discharge.statusCode ? { status: change.discharge.statusCode } : {}) } }
      : {}),
    ...(change.attending ? { attending: clinicianToVendor(change.attending) } : {}),
    ...(change.status ? { status: change.status === 'billed' ? 'BILLED' : 'CLOSED' } : {}),
  };
}

export function codingToVendor(coding: BillingAccountCoding) {
  return {
    status: coding.status === 'final' ? 'FINAL' : 'PROVISIONAL',
    ...(coding.drg ? { drg: coding.drg } : {}),
    diagnoses: coding.diagnoses.map((d) => ({
      code: d.code.code,
      type: VENDOR_ROLES[d.role],
      ...(d.presentOnAdmission ? { poa: d.presentOnAdmission } : {}),
    })),
    procedures: coding.procedures.map((p) => ({ code: p.code.code, date: p.date, principal: p.role === 'principal' })),
  };
}

export function chargeFromVendor(
  charge: Mp.MpCharge,
  account: Pick<BillingAccount, 'id' | 'patient' | 'encounterId' | 'visitNumber'>,
): BillingCharge {
  return {
    id: charge.charge_id,
    accountId: account.id,
    patient: { mrn: account.patient.mrn, ...optional('id', account.patient.id) },
    encounterId: account.encounterId,
    ...optional('visitNumber', account.visitNumber),
    chargeCode: charge.charge_code,
    description: charge.description,
    quantity: charge.qty,
    serviceDate: charge.service_date,
    ...optional('serviceDateEnd', charge.service_date_to),
    departmentCode: charge.dept,
    revenueCode: charge.revenue_code,
    ...(charge.cpt_hcpcs ? { procedureCode: procedureCoding(charge.cpt_hcpcs) } : {}),
    ...(charge.modifiers.length ? { modifiers: [...charge.modifiers] } : {}),
    ...optional('performerNpi', charge.performing_npi),
    unitPrice: money(charge.unit_price, 'unit_price'),
    amount: money(charge.amount, 'amount'),
    status: 'posted',
    ...optional('sourceChargeId', charge.source_ref),
    source: { system: 'billing', recordId: charge.charge_id, lastUpdated: charge.posted_at },
    postedAt: charge.posted_at,
  };
}

export function chargemasterItemToVendor(update: ChargemasterItemUpdate) {
  return {
    description: update.description,
    revenue_code: update.revenueCode,
    cpt_hcpcs: update.procedureCode
      ? { type: update.procedureCode.system === CodeSystem.CPT ? 'CPT' : 'HCPCS', code: update.procedureCode.code }
      : null,
    dept: update.departmentCode,
    unit: update.unit === 'day' ? 'DAY' : 'EACH',
    price: { effective_from: update.effectiveFrom, amount: decimalOf(update.price.amount) },
  };
}

export function chargeToVendor(input: PostBillingCharge) {
  return {
    charge_code: input.chargeCode,
    qty: input.quantity,
    service_date: input.serviceDate,
    ...(input.departmentCode ? { dept: input.departmentCode } : {}),
    ...(input.performerNpi ? { performing_npi: input.performerNpi } : {}),
    ...(input.modifiers?.length ? { modifiers: input.modifiers } : {}),
    ...(input.sourceChargeId ? { source_ref: input.sourceChargeId } : {}),
  };
}

export function transactionFromVendor(transaction: Mp.MpTransaction): BillingTransaction {
  const group = transaction.group_code;
  if (group !== null && !(ADJUSTMENT_GROUP_CODES as readonly string[]).includes(group))
    throw new BillingConnectorException(Code.INVALID_RESPONSE, 'The billing platform sent an unknown adjustment group code');
  return {
    id: transaction.txn_id,
    batchId: transaction.batch_id,
    accountId: transaction.account_no,
    type: known(TRANSACTION_TYPES, transaction.type, 'transaction type'),
    amount: money(transaction.amount, 'amount'),
    ...optional('payerId', transaction.payer_id),
    ...(group !== null ? { group: group as AdjustmentGroupCode } : {}),
    ...optional('reasonCode', transaction.reason_code),
    ...optional('claimReference', transaction.claim_ref),
    ...optional('remittanceReference', transaction.remit_ref),
    ...optional('departmentCode', transaction.dept),
    postedDate: transaction.posted_date,
    postedAt: transaction.posted_at,
  };
}

export function transactionsToVendor(input: PostBillingTransactions) {
  return {
    ...(input.claimReference ? { claim_ref: input.claimReference } : {}),
    ...(input.remittanceReference ? { remit_ref: input.remittanceReference } : {}),
    ...(input.payerId ? { payer_id: input.payerId } : {}),
    ...(input.postedDate ? { posted_date: input.postedDate } : {}),
    items: input.items.map((item) => ({
      type: VENDOR_TRANSACTION_TYPES[item.type],
      amount: decimalOf(item.amountCents),
      ...(item.group ? { group_code: item.group } : {}),
      ...(item.reasonCode ? { reason_code: item.reasonCode } : {}),
      ...(item.payerId ? { payer_id: item.payerId } : {}),
      ...(item.departmentCode ? { dept: item.departmentCode } : {}),
    })),
  };
}

export function facilityFromVendor(facility: Mp.MpFacility): BillingFacility {
  const address = addressFromVendor(facility.address);
  if (!address)
    throw new BillingConnectorException(
      Code.INVALID_RESPONSE,
      `The billing platform sent facility ${facility.facility_id} without an address`,
    );
  return {
    id: facility.facility_id,
    name: facility.name,
    npi: facility.npi,
    ein: facility.tax_id,
    ...optional('taxonomy', facility.taxonomy),
    address,
    claimKind: facility.bill_type === 'INSTITUTIONAL' ? 'institutional' : 'professional',
    ...optional('placeOfService', facility.place_of_service),
  };
}

export function chargemasterFromVendor(item: Mp.MpChargemasterItem): ChargemasterEntry {
  return {
    chargeCode: item.charge_code,
    description: item.description,
    revenueCode: item.revenue_code,
    ...(item.cpt_hcpcs ? { procedureCode: procedureCoding(item.cpt_hcpcs) } : {}),
    departmentCode: item.dept,
    unit: item.unit === 'DAY' ? 'day' : 'each',
    ...(item.price !== null ? { price: money(item.price, 'price') } : {}),
    ...optional('priceEffectiveFrom', item.price_effective_from),
    priceHistory: item.price_history.map((p, i) => ({
      effectiveFrom: p.effective_from,
      ...optional('effectiveTo', p.effective_to),
      price: money(p.amount, `price_history[${i}].amount`),
    })),
  };
}

export function payerFromVendor(payer: Mp.MpPayer): BillingPayer {
  const filing = payer.claim_filing_code ?? 'ZZ';
  if (!(CLAIM_FILING_INDICATORS as readonly string[]).includes(filing))
    throw new BillingConnectorException(
      Code.INVALID_RESPONSE,
      `The billing platform sent payer ${payer.payer_id} with an unknown claim filing code`,
    );
  const share = payer.patient_share;
  return {
    payerId: payer.payer_id,
    name: payer.name,
    claimFilingIndicator: filing as ClaimFilingIndicator,
    timelyFilingDays: payer.timely_filing_days,
    feeSchedule: payer.fee_schedule.map((row, i) => ({
      ...(row.code_type === 'REV'
        ? { revenueCode: row.code }
        : { procedureCode: procedureCoding({ type: row.code_type, code: row.code }) }),
      ...(row.modifiers.length ? { modifiers: [...row.modifiers] } : {}),
      allowed: money(row.allowed, `fee_schedule[${i}].allowed`),
    })),
    drgPayments: payer.drg_rates.map((rate, i) => ({ drg: rate.drg, payment: money(rate.rate, `drg_rates[${i}].rate`) })),
    patientShare: {
      ...(share.deductible !== null ? { deductible: money(share.deductible, 'patient_share.deductible') } : {}),
      ...optional('coinsurancePercent', share.coinsurance_pct),
      ...(share.copay !== null ? { copay: money(share.copay, 'patient_share.copay') } : {}),
    },
    requiresMemberId: payer.requires_member_id,
    selfPay: payer.self_pay,
  };
}
