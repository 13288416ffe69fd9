import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimAckContent, RemittanceContent, FunctionalAckContent, EligibilityResponseContent } from '@concord/connectors/x12';
import { readX12, write270, write837Institutional, write837Professional, type X12ReadResult } from '@concord/connectors/x12';
import {
  DEMO_837_OPTIONS,
  SCENARIO_1_CLAIM,
  SCENARIO_2_CLAIM,
  SCENARIO_2_ELIGIBILITY_REQUEST,
  SCENARIO_3_CLAIM,
  SCENARIO_6_CORRECTED_CLAIM,
} from '@concord/connectors/x12/examples/demo-hospital.examples';
import { clearinghouseFolders, FolderExchange } from '@concord/connectors/clearinghouse';
import { createLogger } from '@concord/platform';
import { type ClearinghouseSandbox, CLEARINGHOUSE_API_PATH, registerClearinghouseSandbox } from './clearinghouse-sandbox';

const logger = createLogger({ app: 'sandbox', level: 'silent' });

function contents<K extends string>(read: X12ReadResult, kind: K) {
  return read.interchanges.flatMap((i) => i.groups.flatMap((g) => g.transactionSets.map((t) => t.content))).filter((c) => c?.kind === kind);
}

describe('sandbox clearinghouse', () => {
  let root: string;
  let app: FastifyInstance;
  let sandbox: ClearinghouseSandbox;
  let concord: FolderExchange;
  let now: Date;

  const start = async (settings: { ackDelayMs?: number; remitDelayMs?: number } = {}) => {
    app = Fastify();
    sandbox = registerClearinghouseSandbox(app, logger, {
      directory: join(root, 'exchange'),
      dataDir: join(root, 'state'),
      settings,
      pollIntervalMs: 60_000,
      clock: () => now,
    });
    await app.ready();
  };
  /** What Concord finds in its inbound folder, oldest first, each file read and parsed. */
  const inbound = async () => {
    const files: { name: string; read: X12ReadResult }[] = [];
    await concord.pickUp((file) => {
      files.push({ name: file.name, read: readX12(file.content) });
      return Promise.resolve('processed');
    });
    return files;
  };
  let control = 500;
  const send = (text: string, name = `${++control}.837`) => concord.deliver(name, text);
  const options = () => ({ ...DEMO_837_OPTIONS, interchangeControlNumber: ++control, groupControlNumber: control });

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'clearinghouse-'));
    const folders = clearinghouseFolders(join(root, 'exchange'));
    concord = new FolderExchange({ outbox: folders.outbound, inbox: folders.inbound });
    now = new Date('2026-11-05T09:00:00Z');
    await start();
  });
  afterEach(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers scenario 1 with a 999, an accepting 277CA and an 835 paying DRG 470 to the cent', async () => {
    await send(write837Institutional([SCENARIO_1_CLAIM], options()));
    await sandbox.run();
    const files = await inbound();
    expect(files.map((f) => f.name.replace(/-\d{9}/, ''))).toEqual(['000001-999.x12', '000002-277CA.x12', '000003-835.x12']);
    for (const file of files) expect(file.read.valid).toBe(true);
    const [ack] = contents(files[0].read, '999') as FunctionalAckContent[];
    expect(ack.acknowledgement.transactionSets.map((t) => t.status)).toEqual(['A']);
    const [claimAck] = contents(files[1].read, '277CA') as ClaimAckContent[];
    expect(claimAck.acknowledgement.claims.map((c) => [c.patientControlNumber, c.outcome, c.statuses[0].categoryCode])).toEqual([
      ['CG-A-100234-01', 'accepted', 'A2'],
    ]);
    const payerClaimNumber = claimAck.acknowledgement.claims[0].payerClaimControlNumber;
    expect(payerClaimNumber).toMatch(/^MCR20261105\d{5}$/);
    const [remit] = contents(files[2].read, '835') as RemittanceContent[];
    const [payment] = remit.remittance.claimPayments;
    expect([payment.charge.amount, payment.paid.amount, payment.patientResponsibility?.amount, payment.payerClaimControlNumber]).toEqual([
      2_865_000,
      1_327_400,
      167_600,
      payerClaimNumber,
    ]);
    expect(payment.adjustments.map((a) => [a.group, a.reason.code, a.amount.amount])).toEqual([
      ['CO', '45', 1_370_000],
      ['PR', '1', 167_600],
    ]);
    expect([remit.remittance.totalPaid.amount, remit.remittance.paymentMethod]).toEqual([1_327_400, 'ACH']);
    expect(readdirSync(join(root, 'exchange', 'outbound', 'processed'))).toHaveLength(1);
  });

  it('accepts scenario 2 and rejects scenario 3 (no subscriber member id) with STC A7:21 after a 999 that accepts the transmission', async () => {
    await send(write837Professional([SCENARIO_2_CLAIM, SCENARIO_3_CLAIM], options()));
    await sandbox.run();
    const files = await inbound();
    const [ack] = contents(files[0].read, '999') as FunctionalAckContent[];
    expect(ack.acknowledgement.status).toBe('A');
    const [claimAck] = contents(files[1].read, '277CA') as ClaimAckContent[];
    expect(
      claimAck.acknowledgement.claims.map((c) => [
        c.patientControlNumber,
        c.outcome,
        c.statuses.map((s) => `${s.categoryCode}:${s.statusCode}`),
      ]),
    ).toEqual([
      ['CR-A-200871-01', 'accepted', ['A2:20']],
      ['CR-A-200912-01', 'rejected', ['A7:21']],
    ]);
    const [remit] = contents(files[2].read, '835') as RemittanceContent[];
    expect(remit.remittance.claimPayments.map((c) => [c.patientControlNumber, c.paid.amount])).toEqual([['CR-A-200871-01', 8_960]]);
    const line = remit.remittance.claimPayments[0].serviceLines[0];
    expect(line.adjustments.map((a) => [a.group, a.reason.code, a.amount.amount])).toEqual([
      ['CO', '45', 7_300],
      ['PR', '2', 2_240],
    ]);
    expect([line.lineControlNumber, line.allowed?.amount]).toEqual(['chg-jr-ov', 11_200]);
  });

  it('releases the 999 and 277CA after the acknowledgement delay and the 835 after the remittance delay', async () => {
    await app.close();
    await start({ ackDelayMs: 2_000, remitDelayMs: 5_000 });
    await send(write837Professional([SCENARIO_2_CLAIM], options()));
    await sandbox.run();
    expect(await inbound()).toEqual([]);
    now = new Date(now.getTime() + 2_000);
    await sandbox.run();
    expect((await inbound()).map((f) => f.name.split('-')[1])).toEqual(['999', '277CA']);
    now = new Date(now.getTime() + 3_000);
    await sandbox.run();
    expect((await inbound()).map((f) => f.name.split('-')[1])).toEqual(['835']);
  });

  it('reverses the first payment and pays the corrected claim (scenario 6), also after a restart', async () => {
    await send(write837Professional([SCENARIO_2_CLAIM], options()));
    await sandbox.run();
    const first = await inbound();
    const [claimAck] = contents(first[1].read, '277CA') as ClaimAckContent[];
    const original = claimAck.acknowledgement.claims[0].payerClaimControlNumber!;
    await app.close();
    await start();
    await send(
      write837Professional(
        [{ ...SCENARIO_6_CORRECTED_CLAIM, patientControlNumber: 'CR-A-200871-02', originalPayerClaimNumber: original }],
        options(),
      ),
    );
    await sandbox.run();
    const files = await inbound();
    const [remit] = contents(files[2].read, '835') as RemittanceContent[];
    expect(
      remit.remittance.claimPayments.map((c) => [
        c.patientControlNumber,
        c.statusCode,
        c.paid.amount,
        c.payerClaimControlNumber === original,
      ]),
    ).toEqual([
      ['CR-A-200871-01', '22', -8_960, true],
      ['CR-A-200871-02', '1', 11_200, false],
    ]);
    expect(remit.remittance.totalPaid.amount).toBe(2_240);
    expect(files.every((f) => f.read.valid)).toBe(true);
    // Control numbers continue across the restart: no name repeats what the first run sent.
    expect(files.map((f) => f.name).some((name) => first.map((f) => f.name).includes(name))).toBe(false);
  });

  it('answers a resent interchange with a TA1 (duplicate control number 025) and pays nothing twice', async () => {
    const text = write837Professional([SCENARIO_2_CLAIM], options());
    await send(text, 'first.837');
    await sandbox.run();
    await inbound();
    await send(text, 'again.837');
    await sandbox.run();
    const files = await inbound();
    expect(files).toHaveLength(1);
    expect(files[0].read.interchanges[0].interchangeAcknowledgements.map((t) => [t.status, t.noteCode])).toEqual([['R', '025']]);
  });

  it('rejects a broken 837 in its 999 and files something that is not X12 as failed', async () => {
    const text = write837Professional([SCENARIO_2_CLAIM], options()).replace(/SE\*\d+\*/, 'SE*99*');
    await send(text);
    await send('hello, this is not X12', 'junk.837');
    await sandbox.run();
    const files = await inbound();
    expect(files).toHaveLength(1);
    const [ack] = contents(files[0].read, '999') as FunctionalAckContent[];
    expect([ack.acknowledgement.status, ack.acknowledgement.transactionSets[0].errorCodes]).toEqual(['R', ['4']]);
    expect(readdirSync(join(root, 'exchange', 'outbound', 'failed'))).toEqual(['junk.837']);
  });

  it('answers a real-time 270 with a 271, and a malformed one with a 999 naming the problem', async () => {
    const inquiry = write270([SCENARIO_2_ELIGIBILITY_REQUEST], { ...options(), reference: 'ELG1' });
    const response = await app.inject({
      method: 'POST',
      url: `${CLEARINGHOUSE_API_PATH}/realtime`,
      headers: { 'content-type': 'application/edi-x12' },
      payload: inquiry,
    });
    expect([response.statusCode, response.headers['content-type']], response.body).toEqual([200, 'application/edi-x12']);
    const [answer] = contents(readX12(response.body), '271') as EligibilityResponseContent[];
    expect(answer.responses[0]).toMatchObject({ active: true, traceNumber: 'ELG-20261110-0001', coinsurancePercent: 20 });
    const broken = await app.inject({
      method: 'POST',
      url: `${CLEARINGHOUSE_API_PATH}/realtime`,
      headers: { 'content-type': 'application/edi-x12' },
      payload: inquiry.replace(/SE\*\d+\*/, 'SE*2*'),
    });
    const [refusal] = contents(readX12(broken.body), '999') as FunctionalAckContent[];
    expect(refusal.acknowledgement.transactionSets[0]).toMatchObject({ status: 'R', errorCodes: ['4'] });
    const junk = await app.inject({
      method: 'POST',
      url: `${CLEARINGHOUSE_API_PATH}/realtime`,
      headers: { 'content-type': 'application/edi-x12' },
      payload: 'nope',
    });
    expect(junk.statusCode).toBe(400);
    expect(readFileSync(join(root, 'state', 'clearinghouse-state.json'), 'utf8')).toContain('"version":1');
  });
});
