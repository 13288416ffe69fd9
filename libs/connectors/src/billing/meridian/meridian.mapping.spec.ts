import { describe, expect, it } from 'vitest';
import { CodeSystem } from '@concord/contracts';
import { BillingConnectorException, BillingConnectorExceptionCode as Code } from '../billing-connector.exception';
import type * as Mp from './meridian-api.types';
import { errorFromVendor, fieldErrorOf } from './meridian-errors';
import {
  accountFromVendor,
  centsOf,
  codingToVendor,
  createAccountToVendor,
  decimalOf,
  payerFromVendor,
  transactionsToVendor,
} from './meridian.mapping';

const person = (overrides: Partial<Mp.MpPerson> = {}): Mp.MpPerson => ({
  last_name: 'Harlow',
  first_name: 'Dana',
  middle_name: 'J',
  birth_date: '1984-02-01',
  sex: 'F',
  address: { line1: '7 Birch Road', line2: null, city: 'Bow', state: 'NH', zip: '03304' },
  ...overrides,
});

const account = (overrides: Partial<Mp.MpAccount> = {}): Mp.MpAccount => ({
  account_no: 'CR-A-000003',
  encounter_ref: 'enc-ro-visit',
  visit_no: null,
  facility_id: 'concord-riverside',
  patient_class: 'O',
  department: '7100',
  patient: { ...person({ last_name: 'Harlow', first_name: 'Rowan', middle_name: null }), mrn: 'CG-100377', ehr_patient_id: null },
  admit: { date: '2026-11-10', hour: null, type: null, source: null },
  discharge: null,
  attending: { npi: '1667788990', last_name: 'Lee', first_name: 'Jamie', taxonomy: null },
  coverages: [{ priority: 1, payer_id: 'BMCD1', member_id: null, group_no: null, relationship: 'CHILD', subscriber: person() }],
  coding: {
    status: 'FINAL',
    drg: null,
    diagnoses: [
      { code: 'J02.9', type: 'PRINCIPAL', poa: null },
      { code: 'R50.9', type: 'SECONDARY', poa: null },
      { code: 'R07.0', type: 'REASON', poa: null },
    ],
    procedures: [],
    coded_at: '2026-11-10T15:00:00.000Z',
  },
  status: 'OPEN',
  balances: {
    charges: '185.00',
    insurance_payments: '0.00',
    patient_payments: '0.00',
    adjustments: '0.00',
    transfers_to_patient: '0.00',
    insurance_balance: '185.00',
    patient_balance: '0.00',
    account_balance: '185.00',
    currency: 'USD',
  },
  created_at: '2026-11-10T14:30:00.000Z',
  last_modified: '2026-11-10T15:00:00.000Z',
  row_version: 4,
  ...overrides,
});

describe('Meridian mapping', () => {
  it('maps an account: classes, statuses, relationships, diagnosis roles, money and the version', () => {
    const mapped = accountFromVendor(account());
    expect(mapped).toMatchObject({
      id: 'CR-A-000003',
      patientClass: 'outpatient',
      status: 'open',
      version: 'W/"4"',
      patient: { mrn: 'CG-100377', name: { family: 'Harlow', given: ['Rowan'] }, gender: 'female' },
      attending: { name: 'Lee', firstName: 'Jamie', npi: '1667788990' },
      balances: { charges: { amount: 18_500 }, insuranceBalance: { amount: 18_500 } },
    });
    expect(mapped.coverages[0]).toEqual({
      order: 1,
      payerId: 'BMCD1',
      relationship: 'child',
      subscriber: {
        name: { family: 'Harlow', given: ['Dana', 'J'] },
        birthDate: '1984-02-01',
        gender: 'female',
        address: { line: ['7 Birch Road'], city: 'Bow', state: 'NH', postalCode: '03304' },
      },
    });
    expect(mapped.coverages[0].memberId).toBeUndefined();
    expect(mapped.coding?.diagnoses.map((d) => [d.code.system, d.code.code, d.role])).toEqual([
      [CodeSystem.ICD10_CM, 'J02.9', 'principal'],
      [CodeSystem.ICD10_CM, 'R50.9', 'other'],
      [CodeSystem.ICD10_CM, 'R07.0', 'reason-for-visit'],
    ]);
  });

  it.each<[string, Partial<Mp.MpAccount>, string]>([
    ['an amount with one decimal place', { balances: { ...account().balances, charges: '185.0' } }, 'balances.charges'],
    ['an amount as a number', { balances: { ...account().balances, patient_balance: 0 as unknown as string } }, 'balances.patient_balance'],
    ['an unknown status', { status: 'LOST' as Mp.MpAccountStatus }, 'status'],
  ])('refuses %s as an invalid response naming the field', (_name, overrides, field) => {
    let error: unknown;
    try {
      accountFromVendor(account(overrides));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BillingConnectorException);
    expect((error as BillingConnectorException).code).toBe(Code.INVALID_RESPONSE);
    expect((error as BillingConnectorException).message).toContain(field);
  });

  it.each([
    ['0.00', 0],
    ['28650.00', 2_865_000],
    ['-89.60', -8_960],
    ['0.05', 5],
  ])('reads %s as %i cents and writes it back', (text, cents) => {
    expect(centsOf(text, 'x')).toBe(cents);
    expect(decimalOf(cents)).toBe(text);
  });

  it('writes an account, coding and a posting batch in the vendor form', () => {
    const mapped = accountFromVendor(account());
    const body = createAccountToVendor({ ...mapped, encounterId: 'enc-1', admission: mapped.admission });
    expect(body.coverages[0]).toEqual({
      priority: 1,
      payer_id: 'BMCD1',
      relationship: 'CHILD',
      subscriber: {
        last_name: 'Harlow',
        first_name: 'Dana',
        middle_name: 'J',
        birth_date: '1984-02-01',
        sex: 'F',
        address: { line1: '7 Birch Road', city: 'Bow', state: 'NH', zip: '03304' },
      },
    });
    expect(body.patient_class).toBe('O');
    expect(codingToVendor(mapped.coding!).diagnoses.map((d) => d.type)).toEqual(['PRINCIPAL', 'SECONDARY', 'REASON']);
    expect(
      transactionsToVendor({ payerId: 'KHP01', items: [{ type: 'transfer', amountCents: -2_240, group: 'PR', reasonCode: '2' }] }).items,
    ).toEqual([{ type: 'TRANSFER', amount: '-22.40', group_code: 'PR', reason_code: '2' }]);
  });

  it('maps a payer contract with revenue-code rows and self-pay', () => {
    const payer = payerFromVendor({
      payer_id: 'SELF',
      name: 'Self-pay',
      claim_filing_code: null,
      self_pay: true,
      timely_filing_days: 3650,
      fee_schedule: [{ code_type: 'REV', code: '0120', modifiers: [], allowed: '1500.00' }],
      drg_rates: [],
      patient_share: { deductible: null, coinsurance_pct: null, copay: '20.00' },
      requires_member_id: false,
    });
    expect(payer).toMatchObject({
      claimFilingIndicator: 'ZZ',
      selfPay: true,
      feeSchedule: [{ revenueCode: '0120', allowed: { amount: 150_000 } }],
      patientShare: { copay: { amount: 2_000 } },
    });
  });

  it.each<[number, unknown, Code]>([
    [429, { fault: { code: 'RATE_LIMIT_EXCEEDED', status: 429, message: 'quota' } }, Code.SERVER_THROTTLED],
    [503, { fault: { code: 'SERVICE_UNAVAILABLE', status: 503, message: 'down' } }, Code.SERVER_UNAVAILABLE],
    [500, 'not json', Code.SERVER_ERROR],
    [409, { fault: { code: 'PA_DUPLICATE_ACCOUNT', status: 409, message: 'dup', existing: 'CG-A-000001' } }, Code.DUPLICATE_ACCOUNT],
    [412, { fault: { code: 'PRECONDITION_FAILED', status: 412, message: 'stale' } }, Code.VERSION_CONFLICT],
    [422, { fault: { code: 'CDM_NO_PRICE_ON_DATE', status: 422, message: 'no price', target: 'service_date' } }, Code.NO_PRICE_ON_DATE],
    [400, { unexpected: true }, Code.INVALID_REQUEST],
  ])('maps an HTTP %i answer to a typed exception', (status, body, code) => {
    expect(errorFromVendor(status, body).code).toBe(code);
  });

  it('names vendor fields canonically', () => {
    expect(fieldErrorOf('coverages[0].member_id', 'required')).toEqual({
      in: 'body',
      name: 'coverages[0].memberId',
      pointer: '/coverages/0/memberId',
      detail: 'required',
    });
    expect(fieldErrorOf('Idempotency-Key', 'reused').in).toBe('header');
    expect(
      errorFromVendor(409, { fault: { code: 'PA_DUPLICATE_ACCOUNT', status: 409, message: 'dup', existing: 'CG-A-000001' } }).existing,
    ).toBe('CG-A-000001');
  });
});
