import * as net from 'node:net';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMllpFrame, MllpClient, MllpFrameDecoder, parseHl7 } from '@concord/connectors/hl7v2';
import { AVERY_A01, AVERY_DFT, JORDAN_A04 } from '../../libs/connectors/src/hl7v2/demo-hospital.fixture';
import { MllpListener } from '../../apps/system-api/src/ehr/messages/mllp-listener.service';
import { type Stack, startStack } from '../support/stack';

/** A copy of a demo message under another control id (and optionally another MRN). */
const withControlId = (message: string, controlId: string) => message.replace(/^(MSH(?:\|[^|\r]*){8})\|[^|\r]*/, `$1|${controlId}`);

/** Writes raw bytes and collects `count` ACK frames from the same connection. */
function rawExchange(port: number, chunks: Buffer[], count: number): Promise<{ acks: string[]; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const decoder = new MllpFrameDecoder({ maxFrameBytes: 1 << 20 });
    const acks: string[] = [];
    let closed = false;
    const done = () => resolve({ acks, closed });
    socket.on('data', (data) => {
      for (const event of decoder.push(data)) if (event.kind === 'frame') acks.push(event.payload.toString('utf8'));
      if (acks.length >= count) {
        socket.end();
      }
    });
    socket.on('close', () => {
      closed = true;
      done();
    });
    socket.on('error', reject);
    socket.on('connect', () => {
      // One write per tick: each chunk arrives as its own packet.
      void (async () => {
        for (const chunk of chunks) {
          socket.write(chunk);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
    });
  });
}

const msa = (ack: string) => parseHl7(ack).getSegment('MSA')!;

describe('EHR HL7 v2 over MLLP: durable message store and events', () => {
  let stack: Stack;
  let port: number;
  let client: MllpClient;
  let db: DataSource;

  const outbox = async (controlId: string) =>
    (await db.query(`SELECT type, payload FROM event_outbox`))
      .map((row: { type: string; payload: string }) => ({ type: row.type, event: JSON.parse(row.payload) }))
      .filter((row: { event: { data: { source?: { controlId?: string } } } }) => row.event.data.source?.controlId === controlId);

  beforeAll(async () => {
    stack = await startStack({ env: { MLLP_PORT: '0' } });
    port = stack.systemApi.get(MllpListener).port;
    db = stack.systemApi.get(DataSource);
    client = new MllpClient({ host: '127.0.0.1', port, maxInFlight: 8 });
  });
  afterAll(async () => {
    await client?.close();
    await stack?.close();
  });

  it('listens on an ephemeral port when MLLP_PORT=0', () => {
    expect(port).toBeGreaterThan(0);
  });

  it('stores an A01, answers AA with MSH-10 in MSA-2, and announces registered + admitted in the outbox', async () => {
    const ack = await client.send(AVERY_A01);
    expect(ack.get('MSA', 1)).toBe('AA');
    expect(ack.get('MSA', 2)).toBe('CG-ADT-0001');
    const events = await outbox('CG-ADT-0001');
    expect(events.map((e: { type: string }) => e.type).sort()).toEqual(['ehr.encounter.admitted.v1', 'ehr.patient.registered.v1']);
    const admitted = events.find((e: { type: string }) => e.type === 'ehr.encounter.admitted.v1').event;
    expect(admitted.data).toMatchObject({
      patientId: 'avery-quinn',
      mrn: 'CG-100234',
      encounterId: 'V-CG-7781',
      class: 'inpatient',
      departmentCode: '6100',
      primaryPayerId: 'MCRA1',
      source: { origin: 'hl7v2', controlId: 'CG-ADT-0001', messageType: 'ADT^A01' },
    });
    const [row] = await db.query(
      `SELECT status, message_type, control_id, raw, event_count FROM ehr_message WHERE control_id = 'CG-ADT-0001'`,
    );
    expect(row).toMatchObject({ status: 'processed', message_type: 'ADT^A01', event_count: 2 });
    expect(row.raw).toBe(AVERY_A01);
  });

  it('acknowledges a retransmission with the same ACK and processes it once', async () => {
    const first = await client.send(withControlId(JORDAN_A04, 'RETX-1'));
    const again = await client.send(withControlId(JORDAN_A04, 'RETX-1'));
    expect(again.toString()).toBe(first.toString());
    expect(await outbox('RETX-1')).toHaveLength(2);
    const rows = await db.query(`SELECT duplicates FROM ehr_message WHERE control_id = 'RETX-1'`);
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].duplicates)).toBe(1);
  });

  it('stores a different message that reuses a control id as a new message, not as a retransmission', async () => {
    await client.send(withControlId(JORDAN_A04, 'REUSED-1'));
    const other = withControlId(JORDAN_A04, 'REUSED-1').replace('CR-200871', 'CR-200872');
    expect((await client.send(other)).get('MSA', 1)).toBe('AA');
    const rows = await db.query(`SELECT duplicates FROM ehr_message WHERE control_id = 'REUSED-1'`);
    expect(rows).toHaveLength(2);
    expect(await outbox('REUSED-1')).toHaveLength(4);
  });

  it('answers AE with an ERR naming segment and field for an A01 without MRN, and keeps it as failed', async () => {
    const noMrn = withControlId(AVERY_A01, 'BAD-MRN-1').replace(/PID\|1\|\|[^|]*\|/, 'PID|1|||');
    const ack = await client.send(noMrn);
    expect(ack.get('MSA', 1)).toBe('AE');
    expect(ack.get('MSA', 2)).toBe('BAD-MRN-1');
    const err = ack.getSegment('ERR')!;
    expect(err.get(2, { component: 1 })).toBe('PID');
    expect(err.get(2, { component: 3 })).toBe('3');
    const [row] = await db.query(`SELECT status, reason, ack_code FROM ehr_message WHERE control_id = 'BAD-MRN-1'`);
    expect(row.status).toBe('failed');
    expect(row.ack_code).toBe('AE');
    expect(row.reason).toMatch(/\(PID #1\), field 3/);
    expect(await outbox('BAD-MRN-1')).toHaveLength(0);
  });

  it('answers AR for a message that does not parse, and stores it as failed', async () => {
    const broken = 'MSH|^~\\&|LAB|X|CONCORD|CONCORD|20261102||ADT^A01|BROKEN-1|P|2.5.1\rP!D|1\r';
    const ack = await client.send(broken);
    expect(ack.get('MSA', 1)).toBe('AR');
    expect(ack.get('MSA', 2)).toBe('BROKEN-1');
    expect(ack.getSegment('ERR')).toBeDefined();
    const [row] = await db.query(`SELECT status, reason, raw FROM ehr_message WHERE control_id = 'BROKEN-1'`);
    expect(row.status).toBe('failed');
    expect(row.reason).toMatch(/^rejected: /);
    expect(row.raw).toBe(broken);
  });

  it('reads frames split across packets and several frames in one packet', async () => {
    const a = encodeMllpFrame(withControlId(JORDAN_A04, 'SPLIT-1'));
    const b = encodeMllpFrame(withControlId(JORDAN_A04, 'SPLIT-2'));
    const c = encodeMllpFrame(withControlId(JORDAN_A04, 'SPLIT-3'));
    const all = Buffer.concat([a, b, c]);
    // First frame in three pieces, then the end of it together with the two others in one packet.
    const { acks } = await rawExchange(
      port,
      [all.subarray(0, 5), all.subarray(5, 40), all.subarray(40, a.length - 1), all.subarray(a.length - 1)],
      3,
    );
    expect(acks.map((ack) => msa(ack).get(2))).toEqual(['SPLIT-1', 'SPLIT-2', 'SPLIT-3']);
    expect(acks.every((ack) => msa(ack).get(1) === 'AA')).toBe(true);
  });

  it('cuts off an oversized frame with a NAK and closes only that connection', async () => {
    const huge = Buffer.concat([Buffer.from([0x0b]), Buffer.from(withControlId(JORDAN_A04, 'HUGE-1')), Buffer.alloc(1_100_000, 'A')]);
    const exchange = rawExchange(port, [huge], 1);
    const meanwhile = await client.send(withControlId(JORDAN_A04, 'BESIDE-HUGE'));
    const { acks, closed } = await exchange;
    expect(closed).toBe(true);
    expect(msa(acks[0]).get(1)).toBe('AR');
    expect(msa(acks[0]).get(2)).toBe('HUGE-1');
    expect(meanwhile.get('MSA', 1)).toBe('AA');
  });

  it('maps a DFT^P03 to a charge per FT1 and the procedure with the implant it used', async () => {
    const ack = await client.send(AVERY_DFT);
    expect(ack.get('MSA', 1)).toBe('AA');
    const events = await outbox('CG-DFT-0001');
    const charges = events
      .filter((e: { type: string }) => e.type === 'ehr.charge.captured.v1')
      .map((e: { event: { data: { chargeCode: string; quantity: number } } }) => [e.event.data.chargeCode, e.event.data.quantity]);
    expect(charges.sort()).toEqual([
      ['IMP-KNEE', 1],
      ['LAB-CBC', 1],
      ['OR-ORTHO-60', 1],
      ['RB-SEMI', 2],
      ['RX-GEN', 1],
    ]);
    const [procedure] = events.filter((e: { type: string }) => e.type === 'ehr.procedure.performed.v1');
    expect(procedure.event.data).toMatchObject({
      procedureId: 'proc-tka-aq',
      itemsUsed: [{ itemCode: 'KNEE-TOT-CR', quantity: 1, serialNumber: 'SN-KN-55012' }],
    });
    expect(procedure.event.data.codes.map((c: { code: string }) => c.code)).toContain('27447');
  });

  describe('message store REST', () => {
    it('searches by control id, type and patient identifier, pages, and masks PHI without phi/Message.r', async () => {
      const operator = await stack.auth('ops-console');
      const byControl = await (await fetch(`${stack.urls.systemApi}/ehr/v1/messages?controlId=CG-ADT-0001`, { headers: operator })).json();
      expect(byControl.items).toHaveLength(1);
      expect(byControl.items[0]).toMatchObject({ messageType: 'ADT^A01', status: 'processed', ackCode: 'AA', eventCount: 2 });
      expect(byControl.items[0].patientIdentifiers).toContain('CG-100234');

      const byPatient = await (
        await fetch(`${stack.urls.systemApi}/ehr/v1/messages?patientIdentifier=CG-100234`, { headers: operator })
      ).json();
      expect(byPatient.items.map((m: { controlId: string }) => m.controlId).sort()).toEqual(
        ['BAD-MRN-1', 'CG-ADT-0001', 'CG-DFT-0001'].filter((id) => id !== 'BAD-MRN-1'),
      );

      const dfts = await (await fetch(`${stack.urls.systemApi}/ehr/v1/messages?messageType=DFT`, { headers: operator })).json();
      expect(dfts.items.map((m: { controlId: string }) => m.controlId)).toEqual(['CG-DFT-0001']);

      const first = await (await fetch(`${stack.urls.systemApi}/ehr/v1/messages?limit=2`, { headers: operator })).json();
      expect(first.items).toHaveLength(2);
      const second = await (
        await fetch(`${stack.urls.systemApi}/ehr/v1/messages?limit=2&cursor=${first.nextCursor}`, { headers: operator })
      ).json();
      expect(second.items).toHaveLength(2);
      expect(second.items[0].id).not.toBe(first.items[0].id);

      const noPhi = await stack.auth('ops-console', 'ehr/Message.rs');
      const masked = await fetch(`${stack.urls.systemApi}/ehr/v1/messages/${byControl.items[0].id}`, { headers: noPhi });
      expect(masked.status).toBe(200);
      expect(masked.headers.get('phi-masked')).toBe('true');
      const body = await masked.json();
      expect(body.raw).toBe('****');
      expect(JSON.stringify(body)).not.toMatch(/CG-100234|Quinn/);

      const clear = await (await fetch(`${stack.urls.systemApi}/ehr/v1/messages/${byControl.items[0].id}`, { headers: operator })).json();
      expect(clear.raw).toBe(AVERY_A01);
    });

    it('refuses callers without the message scopes, and reprocessing to non-operators', async () => {
      const partner = await stack.auth('partner-acme');
      expect((await fetch(`${stack.urls.systemApi}/ehr/v1/messages`, { headers: partner })).status).toBe(403);
      const reader = await stack.auth('ops-console', 'ehr/Message.rs phi/*.r');
      const [row] = await db.query(`SELECT id FROM ehr_message WHERE control_id = 'BAD-MRN-1'`);
      const response = await fetch(`${stack.urls.systemApi}/ehr/v1/messages/${row.id}/reprocess`, { method: 'POST', headers: reader });
      expect(response.status).toBe(403);
      const missing = await fetch(`${stack.urls.systemApi}/ehr/v1/messages/6d1f0c8e-0000-4000-8000-000000000000`, {
        headers: await stack.auth('ops-console'),
      });
      expect(missing.status).toBe(404);
    });

    it('reprocesses a failed message (still failed, attempt counted) and one that now maps, without announcing twice', async () => {
      const operator = await stack.auth('ops-console');
      const [bad] = await db.query(`SELECT id FROM ehr_message WHERE control_id = 'BAD-MRN-1'`);
      const still = await (
        await fetch(`${stack.urls.systemApi}/ehr/v1/messages/${bad.id}/reprocess`, { method: 'POST', headers: operator })
      ).json();
      expect(still).toMatchObject({ id: bad.id, status: 'failed', attempts: 2 });
      expect(still.reason).toMatch(/\(PID #1\), field 3/);

      // A processed message reprocessed: same event ids, so the outbox gains nothing.
      const [good] = await db.query(`SELECT id FROM ehr_message WHERE control_id = 'CG-ADT-0001'`);
      const again = await (
        await fetch(`${stack.urls.systemApi}/ehr/v1/messages/${good.id}/reprocess`, { method: 'POST', headers: operator })
      ).json();
      expect(again).toMatchObject({ status: 'processed', eventCount: 2, attempts: 2 });
      expect(await outbox('CG-ADT-0001')).toHaveLength(2);

      // A failed message fixed at the source and reprocessed in bulk: the row is edited in place to stand for a mapping fix.
      await db.query(
        `UPDATE ehr_message SET raw = $1 WHERE id = $2`.replace(/\$\d/g, db.options.type === 'postgres' ? (m) => m : () => '?'),
        [withControlId(AVERY_A01, 'BAD-MRN-1'), bad.id],
      );
      const bulk = await (
        await fetch(`${stack.urls.systemApi}/ehr/v1/messages/reprocess`, {
          method: 'POST',
          headers: { ...operator, 'content-type': 'application/json' },
          body: JSON.stringify({ status: 'failed', messageType: 'ADT^A01' }),
        })
      ).json();
      expect(bulk.results.find((r: { id: string }) => r.id === bad.id)).toMatchObject({ status: 'processed', eventCount: 2 });
      expect(await outbox('BAD-MRN-1')).toHaveLength(2);
    });
  });
});
