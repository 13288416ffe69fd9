import { centsToDecimal, decimalToCents } from '../../erp/http/decimal-amount';
import type { ChargemasterItem, Facility, PayerContract } from '../domain/billing-seed';
import { priceOn } from '../domain/chargemaster';
import type {
  AccountChange,
  AccountView,
  Address,
  Charge,
  Clinician,
  CodingInput,
  Coverage,
  CreateAccountInput,
  Person,
  PostChargeInput,
  Transaction,
  TransactionBatchInput,
} from '../domain/sandbox-billing';
import type * as schema from './billing-schemas';

/**
 * How the sandbox billing platform shows its records over HTTP ("Meridian Patient Accounting"):
 * snake_case fields, upper-case codes and decimal-string amounts, deliberately unlike Concord's
 * canonical model so that the connector's mapping is real work.
 */
const money = (cents: number) => centsToDecimal(cents);
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

const addressOf = (address: Address | undefined) =>
  address ? { line1: address.line1, line2: orNull(address.line2), city: address.city, state: address.state, zip: address.zip } : null;

const personOf = (person: Person) => ({
  last_name: person.lastName,
  first_name: orNull(person.firstName),
  middle_name: orNull(person.middleName),
  birth_date: orNull(person.birthDate),
  sex: orNull(person.sex),
  address: addressOf(person.address),
});

const clinicianOf = (clinician: Clinician | undefined) =>
  clinician
    ? { npi: clinician.npi, last_name: clinician.lastName, first_name: orNull(clinician.firstName), taxonomy: orNull(clinician.taxonomy) }
    : null;

export const accountOf = (account: AccountView) => ({
  account_no: account.accountNo,
  encounter_ref: account.encounterRef,
  visit_no: orNull(account.visitNo),
  facility_id: account.facilityId,
  patient_class: account.patientClass,
  department: orNull(account.department),
  patient: { mrn: account.patient.mrn, ehr_patient_id: orNull(account.patient.ehrPatientId), ...personOf(account.patient) },
  admit: {
    date: account.admitDate,
    hour: orNull(account.admitHour),
    type: orNull(account.admitType),
    source: orNull(account.admitSource),
  },
  discharge: account.dischargeDate ? { date: account.dischargeDate, status: orNull(account.dischargeStatus) } : null,
  attending: clinicianOf(account.attending),
  coverages: account.coverages.map((coverage) => ({
    priority: coverage.priority,
    payer_id: coverage.payerId,
    member_id: orNull(coverage.memberId),
    group_no: orNull(coverage.groupNo),
    relationship: coverage.relationship,
    subscriber: coverage.subscriber ? personOf(coverage.subscriber) : null,
  })),
  coding: account.coding
    ? {
        status: account.coding.status,
        drg: orNull(account.coding.drg),
        diagnoses: account.coding.diagnoses.map((d) => ({ code: d.code, type: d.type, poa: orNull(d.poa) })),
        procedures: account.coding.procedures.map((p) => ({ code: p.code, date: p.date, principal: p.principal })),
        coded_at: account.coding.codedAt,
      }
    : null,
  status: account.status,
  balances: {
    charges: money(account.balances.chargesCents),
    insurance_payments: money(account.balances.insurancePaymentsCents),
    patient_payments: money(account.balances.patientPaymentsCents),
    adjustments: money(account.balances.adjustmentsCents),
    transfers_to_patient: money(account.balances.transfersToPatientCents),
    insurance_balance: money(account.balances.insuranceBalanceCents),
    patient_balance: money(account.balances.patientBalanceCents),
    account_balance: money(account.balances.totalBalanceCents),
    currency: 'USD',
  },
  created_at: account.createdAt,
  last_modified: account.updatedAt,
  row_version: account.version,
});

export const chargeOf = (charge: Charge) => ({
  charge_id: charge.chargeId,
  account_no: charge.accountNo,
  charge_code: charge.chargeCode,
  description: charge.description,
  revenue_code: charge.revenueCode,
  cpt_hcpcs: charge.procedure ? { type: charge.procedure.type, code: charge.procedure.code } : null,
  modifiers: charge.modifiers,
  qty: charge.qty,
  unit_price: money(charge.unitPriceCents),
  amount: money(charge.amountCents),
  service_date: charge.serviceDate,
  service_date_to: orNull(charge.serviceDateEnd),
  dept: charge.department,
  performing_npi: orNull(charge.performingNpi),
  source_ref: orNull(charge.sourceRef),
  posted_at: charge.postedAt,
});

export const transactionOf = (transaction: Transaction) => ({
  txn_id: transaction.txnId,
  batch_id: transaction.batchId,
  account_no: transaction.accountNo,
  type: transaction.type,
  amount: money(transaction.amountCents),
  payer_id: orNull(transaction.payerId),
  group_code: orNull(transaction.groupCode),
  reason_code: orNull(transaction.reasonCode),
  claim_ref: orNull(transaction.claimRef),
  remit_ref: orNull(transaction.remitRef),
  dept: orNull(transaction.department),
  posted_date: transaction.postedDate,
  posted_at: transaction.postedAt,
});

export const facilityOf = (facility: Facility) => ({
  facility_id: facility.id,
  name: facility.name,
  npi: facility.npi,
  tax_id: facility.ein,
  taxonomy: facility.taxonomy,
  bill_type: facility.form,
  place_of_service: orNull(facility.placeOfService),
  address: addressOf(facility.address),
});

export const chargemasterOf = (item: ChargemasterItem, asOf: string) => {
  const current = priceOn(item, asOf);
  return {
    charge_code: item.code,
    description: item.description,
    revenue_code: item.revenueCode,
    cpt_hcpcs: item.procedure ? { type: item.procedure.type, code: item.procedure.code } : null,
    dept: item.department,
    unit: item.unit,
    price: current ? money(current.amountCents) : null,
    price_effective_from: current ? current.effectiveFrom : null,
    price_history: item.prices.map((price) => ({
      effective_from: price.effectiveFrom,
      effective_to: orNull(price.effectiveTo),
      amount: money(price.amountCents),
    })),
  };
};

export const payerOf = (payer: PayerContract) => ({
  payer_id: payer.payerId,
  name: payer.name,
  claim_filing_code: orNull(payer.claimFilingCode),
  self_pay: payer.selfPay,
  timely_filing_days: payer.timelyFilingDays,
  fee_schedule: payer.feeSchedule.map((row) => ({
    code_type: row.codeType,
    code: row.code,
    modifiers: row.modifiers ?? [],
    allowed: money(row.allowedCents),
  })),
  drg_rates: payer.drgRates.map((rate) => ({ drg: rate.drg, rate: money(rate.rateCents) })),
  patient_share: {
    deductible: payer.deductibleCents === undefined ? null : money(payer.deductibleCents),
    coinsurance_pct: orNull(payer.coinsurancePercent),
    copay: payer.copayCents === undefined ? null : money(payer.copayCents),
  },
  requires_member_id: payer.requiresMemberId,
});

// ---- request bodies to domain inputs --------------------------------------------------------

const dropUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const addressIn = (address: schema.AddressIn | undefined): Address | undefined =>
  address
    ? dropUndefined({ line1: address.line1, line2: address.line2, city: address.city, state: address.state, zip: address.zip })
    : undefined;

const personIn = (person: schema.PersonIn): Person =>
  dropUndefined({
    lastName: person.last_name,
    firstName: person.first_name,
    middleName: person.middle_name,
    birthDate: person.birth_date,
    sex: person.sex,
    address: addressIn(person.address),
  });

const clinicianIn = (clinician: schema.ClinicianIn | undefined): Clinician | undefined =>
  clinician
    ? dropUndefined({ npi: clinician.npi, lastName: clinician.last_name, firstName: clinician.first_name, taxonomy: clinician.taxonomy })
    : undefined;

const coverageIn = (coverage: schema.CoverageIn): Coverage =>
  dropUndefined({
    priority: coverage.priority,
    payerId: coverage.payer_id,
    memberId: coverage.member_id,
    groupNo: coverage.group_no,
    relationship: coverage.relationship,
    subscriber: coverage.subscriber ? personIn(coverage.subscriber) : undefined,
  });

export const createAccountInput = (body: schema.AccountBody): CreateAccountInput =>
  dropUndefined({
    encounterRef: body.encounter_ref,
    visitNo: body.visit_no,
    facilityId: body.facility_id,
    patientClass: body.patient_class,
    department: body.department,
    patient: dropUndefined({ ...personIn(body.patient), mrn: body.patient.mrn, ehrPatientId: body.patient.ehr_patient_id }),
    admitDate: body.admit.date,
    admitHour: body.admit.hour,
    admitType: body.admit.type,
    admitSource: body.admit.source,
    dischargeDate: body.discharge?.date,
    dischargeStatus: body.discharge?.status,
    attending: clinicianIn(body.attending),
    coverages: body.coverages.map(coverageIn),
  });

export const accountChangeInput = (body: schema.AccountPatchBody): AccountChange =>
  dropUndefined({
    coverages: body.coverages?.map(coverageIn),
    dischargeDate: body.discharge?.date,
    dischargeStatus: body.discharge?.status,
    attending: clinicianIn(body.attending),
    status: body.status,
  });

export const codingInput = (body: schema.CodingBody): CodingInput =>
  dropUndefined({
    status: body.status,
    drg: body.drg,
    diagnoses: body.diagnoses.map((d) => dropUndefined({ code: d.code, type: d.type, poa: d.poa })),
    procedures: body.procedures.map((p) => ({ code: p.code, date: p.date, principal: p.principal })),
  });

export const chargeInput = (body: schema.ChargeBody): PostChargeInput =>
  dropUndefined({
    chargeCode: body.charge_code,
    qty: body.qty,
    serviceDate: body.service_date,
    department: body.dept,
    performingNpi: body.performing_npi,
    modifiers: body.modifiers,
    sourceRef: body.source_ref,
  });

export const transactionsInput = (body: schema.TransactionsBody): TransactionBatchInput =>
  dropUndefined({
    claimRef: body.claim_ref,
    remitRef: body.remit_ref,
    payerId: body.payer_id,
    postedDate: body.posted_date,
    items: body.items.map((item) =>
      dropUndefined({
        type: item.type,
        amountCents: decimalToCents(item.amount),
        groupCode: item.group_code,
        reasonCode: item.reason_code,
        payerId: item.payer_id,
        department: item.dept,
      }),
    ),
  });
