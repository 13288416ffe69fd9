import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack';

/** /ehr/v1/encounters and /ehr/v1/charges: read live from the sandbox EHR over FHIR R4 (scenario 1's seed). */
describe('EHR encounters and charges', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  const get = (path: string, headers = operator) => fetch(`${stack.urls.systemApi}${path}`, { headers });

  beforeAll(async () => {
    stack = await startStack();
    operator = await stack.auth('ops-console');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('searches a patient’s encounters', async () => {
    const response = await get('/ehr/v1/encounters?patient=avery-quinn');
    expect(response.status).toBe(200);
    const page = await response.json();
    expect(page.items.map((e: { id: string }) => e.id)).toContain('enc-aq-tka');
    expect(page.items.find((e: { id: string }) => e.id === 'enc-aq-tka')).toMatchObject({ visitNumber: 'V-CG-7781', class: 'inpatient' });
  });

  it('reads one encounter with diagnoses, procedures with the implant used, and charges', async () => {
    const encounter = await (await get('/ehr/v1/encounters/enc-aq-tka')).json();
    expect(encounter.diagnoses.map((d: { code: { code: string } }) => d.code.code)).toContain('M17.12');
    const tka = encounter.procedures.find((p: { codes: { code: string }[] }) => p.codes.some((c) => c.code === '27447'));
    expect(tka.itemsUsed).toEqual([expect.objectContaining({ itemCode: 'KNEE-TOT-CR', quantity: 1 })]);
    const total = encounter.charges.reduce((sum: number, c: { amount?: { amount: number } }) => sum + (c.amount?.amount ?? 0), 0);
    expect(total).toBe(2_865_000);
  });

  it('searches charges by encounter', async () => {
    const page = await (await get('/ehr/v1/charges?encounter=enc-aq-tka')).json();
    expect(page.items.map((c: { chargeCode: string }) => c.chargeCode).sort()).toEqual([
      'IMP-KNEE',
      'LAB-CBC',
      'OR-ORTHO-60',
      'RB-SEMI',
      'RX-GEN',
    ]);
  });

  it('answers problems: 404 for an unknown encounter, 400 without criteria, 403 without the scope', async () => {
    expect((await get('/ehr/v1/encounters/no-such-encounter')).status).toBe(404);
    const unfiltered = await get('/ehr/v1/encounters');
    expect(unfiltered.status).toBe(400);
    expect(JSON.stringify(await unfiltered.json())).toContain('patient');
    expect((await get('/ehr/v1/charges?patient=avery-quinn', await stack.auth('partner-acme'))).status).toBe(403);
  });
});
