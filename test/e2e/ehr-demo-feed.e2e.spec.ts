import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HL7_FEED, runHl7Feed } from '../../apps/sandbox/src/ehr/hl7-feed';
import { MllpListener } from '../../apps/system-api/src/ehr/messages/mllp-listener.service';
import { type Stack, startStack } from '../support/stack';

/** The sandbox EHR's HL7 v2 demo feed into system-api's listener: what `npm start` shows. */
describe('sandbox HL7 v2 demo feed', () => {
  let stack: Stack;
  let port: number;

  beforeAll(async () => {
    stack = await startStack({ env: { MLLP_PORT: '0' } });
    port = stack.systemApi.get(MllpListener).port;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('admits, charges and discharges Avery Quinn and registers Jordan Rivera, visible in /ehr/v1 and as events', async () => {
    const results = await runHl7Feed({ host: '127.0.0.1', port });
    expect(results).toEqual([
      { controlId: 'CG-ADT-0001', ackCode: 'AA' },
      { controlId: 'CG-DFT-0001', ackCode: 'AA' },
      { controlId: 'CG-ADT-0002', ackCode: 'AA' },
      { controlId: 'CR-ADT-0001', ackCode: 'AA' },
      { controlId: 'CR-DFT-0001', ackCode: 'AA' },
    ]);

    const operator = await stack.auth('ops-console');
    const avery = await (await fetch(`${stack.urls.systemApi}/ehr/v1/messages?patientIdentifier=CG-100234`, { headers: operator })).json();
    expect(avery.items.map((m: { messageType: string; status: string }) => [m.messageType, m.status])).toEqual([
      ['ADT^A03', 'processed'],
      ['DFT^P03', 'processed'],
      ['ADT^A01', 'processed'],
    ]);

    const rows: { type: string; payload: string }[] = await stack.systemApi.get(DataSource).query(`SELECT type, payload FROM event_outbox`);
    const data = (type: string) => rows.filter((row) => row.type === type).map((row) => JSON.parse(row.payload).data);
    expect(data('ehr.encounter.admitted.v1').map((d) => [d.patientId, d.departmentCode])).toEqual(
      expect.arrayContaining([
        ['avery-quinn', '6100'],
        ['jordan-rivera', '7100'],
      ]),
    );
    expect(data('ehr.encounter.discharged.v1')).toEqual([expect.objectContaining({ patientId: 'avery-quinn', visitNumber: 'V-CG-7781' })]);
    expect(data('ehr.procedure.performed.v1')[0].itemsUsed).toEqual([expect.objectContaining({ itemCode: 'KNEE-TOT-CR', quantity: 1 })]);
    const charges = data('ehr.charge.captured.v1').map((d) => `${d.chargeCode}x${d.quantity}`);
    expect(charges.sort()).toEqual(
      ['IMP-KNEE x1', 'LAB-CBC x1', 'OR-ORTHO-60 x1', 'OV-EST-3 x1', 'RB-SEMI x2', 'RX-GEN x1'].map((c) => c.replace(' ', '')),
    );
  });

  it('is harmless when sent again (every run sends the same messages)', async () => {
    const db = stack.systemApi.get(DataSource);
    // Only the EHR's own events: the flows these messages start keep writing billing and ERP events meanwhile.
    const count = async () => Number((await db.query(`SELECT COUNT(*) AS n FROM event_outbox WHERE type LIKE 'ehr.%'`))[0].n);
    const before = await count();
    const results = await runHl7Feed({ host: '127.0.0.1', port });
    expect(results.every((r) => r.ackCode === 'AA')).toBe(true);
    expect(await count()).toBe(before);
    const rows = await db.query(`SELECT duplicates FROM ehr_message`);
    expect(rows).toHaveLength(DEMO_HL7_FEED.length);
    expect(rows.every((r: { duplicates: number | string }) => Number(r.duplicates) === 1)).toBe(true);
  });
});
