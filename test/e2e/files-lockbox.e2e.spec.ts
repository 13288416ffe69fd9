import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { write835 } from '@concord/connectors/x12';
import { DEMO_835_DETAILS, SCENARIO_2_REMITTANCE } from '@concord/connectors/x12/examples/demo-hospital.examples';
import { type Stack, startStack } from '../support/stack';

/** A fixed-width lockbox record: type 6, deposit date, trace number, amount with implied decimals, payer. */
const detail = (date: string, trace: string, cents: number, payer = 'KEYSTONE HEALTH PLAN') =>
  `6${date}${trace.padEnd(50)}${String(cents).padStart(12, '0')}${payer.padEnd(30)}`;

interface Run {
  id: string;
  status: string;
  accepted: number;
  rejected: number;
  unchanged: number;
}

/**
 * The lockbox feed: a bank deposit file (fixed width, with header and trailer records) uploaded
 * over HTTP; each deposit is matched to the 835 remittance it pays by trace number and amount, and
 * a deposit nothing explains is reported with its line, field and reason while the others apply.
 */
describe('bank lockbox file (batch files)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  async function call(method: string, path: string, body?: string, contentType?: string): Promise<Response> {
    return fetch(`${stack.urls.systemApi}${path}`, {
      method,
      headers: { ...(await stack.auth('ops-console')), ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    });
  }

  it('matches deposits to 835 remittances by trace number and amount, and reports the rest', async () => {
    const x12 = write835(
      { ...SCENARIO_2_REMITTANCE, traceNumber: 'CHK8800001' },
      {
        ...DEMO_835_DETAILS.KHP01,
        senderId: 'CONCORDCH',
        receiverId: 'CONCORDHEALTH',
        interchangeControlNumber: 8801,
        groupControlNumber: 8801,
      },
    );
    const received = await call('POST', '/billing/v1/inbound/x12', x12, 'application/edi-x12');
    expect(received.status).toBe(200);
    const paid = SCENARIO_2_REMITTANCE.totalPaid.amount;

    const file = [
      '1CONCORDBANK 20261125 LOCKBOX 4471',
      '5BATCH 001',
      detail('20261125', 'CHK8800001', paid),
      detail('20261125', 'CHK9999999', 12_345),
      detail('20261125', 'CHK8800001', paid + 100),
      detail('20261131', 'CHK8800002', 100),
      '8BATCH 001 000004',
      '9000004',
      '',
    ].join('\n');
    const response = await call('POST', '/files/v1/feeds/lockbox/runs?fileName=LBX20261125.txt', file, 'text/plain');
    expect(response.status).toBe(200);
    const run = (await response.json()) as Run;
    expect(run).toMatchObject({ status: 'completed', accepted: 1, rejected: 3, unchanged: 0 });

    const report = (await (await call('GET', `/files/v1/feeds/lockbox/runs/${run.id}/report`)).json()) as {
      report: { rejectedRows: { line: number; field?: string; reason: string }[] };
    };
    expect(report.report.rejectedRows).toEqual([
      { line: 6, field: 'depositDate', reason: 'depositDate is not a calendar date: "20261131"' },
      { line: 4, field: 'traceNumber', reason: 'no 835 remittance has trace number CHK9999999' },
      {
        line: 5,
        field: 'amount',
        reason: `deposit ${((paid + 100) / 100).toFixed(2)} differs from the remittance of ${(paid / 100).toFixed(2)} with trace number CHK8800001`,
      },
    ]);

    // The bank sends the day's file again with a new header: the matched deposit is unchanged, not matched twice.
    const resent = (await (
      await call(
        'POST',
        '/files/v1/feeds/lockbox/runs?fileName=LBX20261125-2.txt',
        `1CONCORDBANK RESENT\n${detail('20261125', 'CHK8800001', paid)}\n`,
        'text/plain',
      )
    ).json()) as Run;
    expect(resent).toMatchObject({ status: 'completed', accepted: 0, unchanged: 1, rejected: 0 });
  });
});
