import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@concord/platform';
import { registerBillingSandbox } from '../billing-sandbox';
import { BILLING_API_PATH } from './billing-api';

const account = {
  encounter_ref: 'enc-jr-visit',
  visit_no: 'V-CR-2209',
  facility_id: 'concord-riverside',
  patient_class: 'O',
  department: '7100',
  patient: {
    mrn: 'CR-200871',
    ehr_patient_id: 'jordan-rivera',
    last_name: 'Rivera',
    first_name: 'Jordan',
    birth_date: '1988-11-02',
    sex: 'M',
  },
  admit: { date: '2026-11-09' },
  discharge: { date: '2026-11-09', status: '01' },
  attending: { npi: '1667788990', last_name: 'Lee', first_name: 'Jamie' },
  coverages: [{ priority: 1, payer_id: 'KHP01', member_id: 'KHP-44718-01', group_no: 'KHP-GOLD-2026', relationship: 'SELF' }],
};

describe('sandbox billing vendor API', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = Fastify();
    await registerBillingSandbox(app, createLogger({ app: 'sandbox', level: 'silent' }), {});
    await app.ready();
  });
  afterEach(() => app.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `${BILLING_API_PATH}${url}`, payload: payload as object, headers });

  it('creates an account, posts a charge and a remittance batch, and shows decimal balances', async () => {
    const created = await post('/accounts', account, { 'idempotency-key': 'acct-1' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ account_no: 'CR-A-000001', status: 'DISCHARGED', balances: { charges: '0.00' } });
    expect(created.headers.etag).toBe('W/"1"');
    const charge = await post('/accounts/CR-A-000001/charges', {
      charge_code: 'OV-EST-3',
      qty: 1,
      service_date: '2026-11-09',
      source_ref: 'chg-jr-ov-est-3',
    });
    expect(charge.json()).toMatchObject({
      charge_id: 'CHG-0000001',
      amount: '185.00',
      cpt_hcpcs: { type: 'CPT', code: '99213' },
      dept: '7100',
    });
    const posted = await post('/accounts/CR-A-000001/transactions', {
      claim_ref: 'CR-A-000001-01',
      payer_id: 'KHP01',
      items: [
        { type: 'PAYMENT', amount: '89.60' },
        { type: 'ADJUSTMENT', amount: '73.00', group_code: 'CO', reason_code: '45' },
        { type: 'TRANSFER', amount: '22.40', group_code: 'PR', reason_code: '2' },
      ],
    });
    expect(posted.statusCode).toBe(201);
    const read = await app.inject({ url: `${BILLING_API_PATH}/accounts/CR-A-000001` });
    expect(read.json().balances).toMatchObject({
      charges: '185.00',
      insurance_balance: '0.00',
      patient_balance: '22.40',
      account_balance: '22.40',
    });
    const replay = await post('/accounts', account, { 'idempotency-key': 'acct-1' });
    expect([replay.statusCode, replay.headers['idempotent-replayed']]).toEqual([201, 'true']);
  });

  it('answers 304 to a matching If-None-Match and 412 to a stale If-Match', async () => {
    await post('/accounts', account);
    const current = await app.inject({ url: `${BILLING_API_PATH}/accounts/CR-A-000001`, headers: { 'if-none-match': 'W/"1"' } });
    expect(current.statusCode).toBe(304);
    const patch = (version: string, memberId: string) =>
      app.inject({
        method: 'PATCH',
        url: `${BILLING_API_PATH}/accounts/CR-A-000001`,
        headers: { 'if-match': version },
        payload: { coverages: [{ ...account.coverages[0], member_id: memberId }] },
      });
    expect((await patch('W/"1"', 'KHP-1')).statusCode).toBe(200);
    const stale = await patch('W/"1"', 'KHP-2');
    expect([stale.statusCode, stale.json().fault.code]).toEqual([412, 'PRECONDITION_FAILED']);
  });

  it('names every invalid field, refuses unknown ones, and answers domain refusals with vendor codes', async () => {
    const invalid = await post('/accounts', { ...account, patient_class: 'X', colour: 'red', admit: {} });
    expect(invalid.statusCode).toBe(400);
    expect(
      invalid
        .json()
        .fault.details.map((d: { target: string }) => d.target)
        .sort(),
    ).toEqual(['admit.date', 'colour', 'patient_class']);
    await post('/accounts', account);
    const duplicate = await post('/accounts', account);
    expect([duplicate.statusCode, duplicate.json().fault.code, duplicate.json().fault.existing]).toEqual([
      409,
      'PA_DUPLICATE_ACCOUNT',
      'CR-A-000001',
    ]);
    const unknownCode = await post('/accounts/CR-A-000001/charges', { charge_code: 'NOPE', qty: 1, service_date: '2026-11-09' });
    expect([unknownCode.statusCode, unknownCode.json().fault.code]).toEqual([422, 'CDM_CODE_UNKNOWN']);
    const notJson = await app.inject({
      method: 'POST',
      url: `${BILLING_API_PATH}/accounts`,
      payload: 'x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.statusCode).toBe(415);
    const missing = await app.inject({ url: `${BILLING_API_PATH}/accounts/XX-A-999999` });
    expect([missing.statusCode, missing.json().fault.code]).toEqual([404, 'RESOURCE_NOT_FOUND']);
  });

  it('lists the chargemaster at a date and the payers with their contract terms', async () => {
    const chargemaster = await app.inject({ url: `${BILLING_API_PATH}/chargemaster?as_of=2025-06-01` });
    const ov = chargemaster.json().data.find((i: { charge_code: string }) => i.charge_code === 'OV-EST-3');
    expect(ov).toMatchObject({ price: '175.00', price_effective_from: '2025-01-01', revenue_code: '0510' });
    const payer = await app.inject({ url: `${BILLING_API_PATH}/payers/MCRA1` });
    expect(payer.json()).toMatchObject({ drg_rates: [{ drg: '470', rate: '14950.00' }], patient_share: { deductible: '1676.00' } });
  });

  it('answers 503 with Retry-After while the outage switch is on', async () => {
    await app.inject({ method: 'POST', url: '/sandbox/v1/billing/outage', payload: { down: true } });
    const down = await app.inject({ url: `${BILLING_API_PATH}/payers` });
    expect([down.statusCode, down.headers['retry-after']]).toEqual([503, '1']);
    await app.inject({ method: 'POST', url: '/sandbox/v1/billing/outage', payload: { down: false } });
    expect((await app.inject({ url: `${BILLING_API_PATH}/payers` })).statusCode).toBe(200);
  });

  it('answers 429 with Retry-After beyond the quota', async () => {
    const limitedApp = Fastify();
    await registerBillingSandbox(limitedApp, createLogger({ app: 'sandbox', level: 'silent' }), { quotaPerSecond: 2 });
    // Six calls fall into at most two wall-clock seconds, of which at most four are admitted.
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => limitedApp.inject({ url: `${BILLING_API_PATH}/payers` })));
    await limitedApp.close();
    const limited = answers.filter((a) => a.statusCode === 429);
    expect(limited.length).toBeGreaterThanOrEqual(2);
    expect(limited[0].headers['retry-after']).toBe('1');
    expect(limited[0].json().fault.code).toBe('RATE_LIMIT_EXCEEDED');
  });
});
