import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ErpConnectorException, ErpConnectorExceptionCode as Code, SandboxErpAdapter } from '@concord/connectors/erp';
import type { OutboundLimits } from '@concord/connectors/resilience';
import { createLogger } from '@concord/platform';
import { ERP_API_PATH, registerErpSandbox, type ErpSandbox } from './erp-sandbox';

let app: FastifyInstance | undefined;
let sandbox: ErpSandbox;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(quotaPerSecond = 0, limits?: Omit<OutboundLimits, 'timeoutMs'>): Promise<SandboxErpAdapter> {
  app = Fastify();
  sandbox = await registerErpSandbox(app, createLogger({ app: 'sandbox', level: 'silent' }), { quotaPerSecond });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return new SandboxErpAdapter({ baseUrl: `${address}${ERP_API_PATH}`, timeoutMs: 5_000, limits });
}

const requestsSeen = () => Object.values(sandbox.meter.stats().perSecond).reduce((sum, count) => sum + count, 0);

describe('outbound limits against the sandbox ERP quota', () => {
  it('a burst of 60 calls never exceeds the ERP quota when the connector is configured under it', async () => {
    // Quota 25/s at the ERP, 20/s configured: the headroom absorbs the in-process server's own timing.
    const port = await start(25, { ratePerSecond: 20, concurrency: 10, retries: 0, breakerThreshold: 50, halfOpenAfterMs: 5_000 });
    const items = await Promise.all(Array.from({ length: 60 }, () => port.getItem('KNEE-TOT-CR')));
    expect(items.every((item) => item.id === 'KNEE-TOT-CR')).toBe(true);
    expect(requestsSeen()).toBe(60);
    expect(sandbox.meter.stats().maxPerSecond).toBeLessThanOrEqual(25);
  });

  it('honours 429 and Retry-After from an ERP with a lower quota, and loses no call', async () => {
    const port = await start(10, { ratePerSecond: 200, concurrency: 20, retries: 8, breakerThreshold: 50, halfOpenAfterMs: 5_000 });
    const balances = await Promise.all(Array.from({ length: 30 }, () => port.listInventoryBalances({ itemId: 'GLV-NIT-M' })));
    expect(balances.every((list) => list[0]?.onHand === 40)).toBe(true);
    // More requests than calls reached the ERP: the refused ones were retried after Retry-After.
    expect(requestsSeen()).toBeGreaterThan(30);
  });

  it('retries through an outage, opens the circuit when it lasts, and recovers when the ERP is back', async () => {
    const port = await start(0, { ratePerSecond: 100, concurrency: 4, retries: 1, breakerThreshold: 2, halfOpenAfterMs: 200 });
    sandbox.availability.down = true;
    const error = await port.getItem('KNEE-TOT-CR').catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ErpConnectorException);
    expect((error as ErpConnectorException).code).toBe(Code.SERVER_UNAVAILABLE);
    // One call and its retry both reached the ERP and were refused.
    expect(requestsSeen()).toBe(2);
    expect(port.client.circuitState).toBe('open');
    sandbox.availability.down = false;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expect(port.getItem('KNEE-TOT-CR')).resolves.toMatchObject({ id: 'KNEE-TOT-CR' });
    expect(port.client.circuitState).toBe('closed');
  });
});

describe('sandbox adapter beyond the shared contract', () => {
  it('refuses a decision taken on a stale version with VERSION_CONFLICT', async () => {
    const port = await start();
    const requisition = await port.createRequisition(
      { requester: 'E10003', costCentre: '6300', lines: [{ itemId: 'KNEE-TOT-CR', quantity: 5 }] },
      { idempotencyKey: 'pr' },
    );
    await port.createRequisition(
      { requester: 'E10003', costCentre: '6300', lines: [{ itemId: 'GLV-NIT-M', quantity: 1 }] },
      { idempotencyKey: 'other' },
    );
    const stale = `${Number(requisition.source.versionId) + 5}`;
    const error = await port
      .decideRequisition(requisition.id, { approver: 'E10002', decision: 'approve' }, { idempotencyKey: 'decide', ifMatch: stale })
      .catch((reason: unknown) => reason);
    expect((error as ErpConnectorException).code).toBe(Code.VERSION_CONFLICT);
    await expect(
      port.decideRequisition(
        requisition.id,
        { approver: 'E10002', decision: 'approve' },
        { idempotencyKey: 'decide-2', ifMatch: requisition.source.versionId },
      ),
    ).resolves.toMatchObject({ approvalStatus: 'approved' });
  });

  it('refuses a requester approving their own requisition', async () => {
    const port = await start();
    const requisition = await port.createRequisition(
      { requester: 'E10003', costCentre: '6300', lines: [{ itemId: 'KNEE-TOT-CR', quantity: 5 }] },
      { idempotencyKey: 'pr' },
    );
    const error = await port
      .decideRequisition(requisition.id, { approver: 'E10003', decision: 'approve' }, { idempotencyKey: 'self' })
      .catch((reason: unknown) => reason);
    expect((error as ErpConnectorException).code).toBe(Code.APPROVAL_NOT_ALLOWED);
  });

  it('scenario 5: syncs the new nurse to payroll and costs her hours to 6200 (DR 6000 / CR 2100 1,746.00)', async () => {
    const port = await start();
    await expect(
      port.syncPayrollEmployee(
        {
          employeeNumber: 'E10042',
          costCentre: '6200',
          hourlyRate: { amount: 4_850, currency: 'USD' },
          status: 'active',
          hireDate: '2026-11-02',
        },
        { idempotencyKey: 'hire' },
      ),
    ).resolves.toMatchObject({ employeeNumber: 'E10042', hourlyRate: { amount: 4_850, currency: 'USD' } });
    const run = await port.postPayrollRun(
      { periodStart: '2026-11-01', periodEnd: '2026-11-14', timesheets: [{ employeeNumber: 'E10042', hours: 36 }] },
      { idempotencyKey: 'run' },
    );
    expect(run.costs).toStrictEqual([
      {
        costCentre: '6200',
        periodStart: '2026-11-01',
        periodEnd: '2026-11-14',
        hours: 36,
        labourCost: { amount: 174_600, currency: 'USD' },
        employeeCount: 1,
      },
    ]);
    const entry = await port.getJournal(run.journalEntryId);
    expect(entry.lines.map((line) => [line.side, line.account, line.costCentre, line.amount.amount])).toStrictEqual([
      ['debit', '6000', '6200', 174_600],
      ['credit', '2100', undefined, 174_600],
    ]);
    await port.syncPayrollEmployee(
      {
        employeeNumber: 'E10042',
        costCentre: '6200',
        hourlyRate: { amount: 4_850, currency: 'USD' },
        status: 'terminated',
        hireDate: '2026-11-02',
        terminationDate: '2026-11-30',
      },
      { idempotencyKey: 'terminate' },
    );
    const ended = await port
      .postPayrollRun(
        { periodStart: '2026-12-01', periodEnd: '2026-12-14', timesheets: [{ employeeNumber: 'E10042', hours: 8 }] },
        { idempotencyKey: 'late' },
      )
      .catch((reason: unknown) => reason);
    expect((ended as ErpConnectorException).code).toBe(Code.DOCUMENT_STATE_CONFLICT);
  });

  it('names each invalid field of a request in canonical terms', async () => {
    const port = await start();
    const error = await port
      .postJournal(
        {
          lines: [
            { account: '1000', side: 'debit', amount: { amount: 100, currency: 'USD' } },
            { account: '4000', costCentre: 'x', side: 'credit', amount: { amount: 100, currency: 'USD' } },
          ],
        },
        { idempotencyKey: 'bad' },
      )
      .catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: Code.INVALID_REQUEST, fieldErrors: [{ in: 'body', name: 'lines[1].costCentre' }] });
  });
});
