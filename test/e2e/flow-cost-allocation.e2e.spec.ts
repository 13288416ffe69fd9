import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowScheduler } from '../../apps/process-api/src/scheduler/flow-scheduler.service';
import { eventually } from '../support/event-backbone-harness';
import { type Stack, startStack } from '../support/stack';

/**
 * Month-end close through every layer: the month's postings in the sandbox ERP (scenario 1's revenue
 * at gross and allowance, its knee implant, a payroll run costed by system-api, Finance and Supply
 * Chain overheads) → process-api's cost-allocation flow reads the ledger through system-api, stores
 * each department's P&L, posts one balanced shared-cost allocation journal (by net revenue share)
 * however often the close is started, by hand or by the scheduler, and closes the period.
 */
let stack: Stack;
let operator: Record<string, string>;

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
const period = `${previous.getUTCFullYear()}-${pad(previous.getUTCMonth() + 1)}`;
const day = (n: number) => `${period}-${pad(n)}`;
const usd = (amount: number) => ({ amount, currency: 'USD' });

beforeAll(async () => {
  stack = await startStack({ env: { ERP_MASTER_DATA_SYNC_INTERVAL_MS: '0', WORKFORCE_EXPIRY_CHECK_INTERVAL_MS: '0' } });
  operator = await stack.auth('ops-console');
});
afterAll(async () => stack?.close());

async function call(base: 'systemApi' | 'processApi', method: string, path: string, body?: unknown, as = operator) {
  const response = await fetch(`${stack.urls[base]}${path}`, {
    method,
    headers: {
      ...as,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'idempotency-key': randomUUID() } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : {} };
}

const line = (account: string, side: 'debit' | 'credit', amount: number, costCentre?: string) => ({
  account,
  side,
  amount: usd(amount),
  ...(costCentre ? { costCentre } : {}),
});

async function journal(postingDate: string, memo: string, lines: ReturnType<typeof line>[]) {
  const posted = await call('systemApi', 'POST', '/erp/v1/journals', { postingDate, memo, lines });
  expect(posted.status, JSON.stringify(posted.body)).toBe(201);
}

async function completed(id: string): Promise<Record<string, any>> {
  return eventually(
    async () => {
      const flow = await call('processApi', 'GET', `/v1/flows/${id}`);
      expect(flow.body.status, `${flow.body.currentStep}: ${flow.body.lastError}`).toBe('completed');
      return flow.body;
    },
    30_000,
    200,
  );
}

async function allocationJournals() {
  return (await call('systemApi', 'GET', `/erp/v1/journals?sourceType=allocation&sourceId=ALLOC-${period}`)).body.items as any[];
}

describe(`month-end close of ${period}`, () => {
  beforeAll(async () => {
    await journal(day(12), 'Revenue at gross, scenario 1', [
      line('1200', 'debit', 2_865_000),
      line('4000', 'credit', 560_000, '6200'),
      line('4000', 'credit', 2_210_000, '6300'),
      line('4000', 'credit', 64_000, '6400'),
      line('4000', 'credit', 31_000, '6500'),
    ]);
    await journal(day(12), 'Expected contractual allowance', [line('4900', 'debit', 1_370_000, '6300'), line('1200', 'credit', 1_370_000)]);
    await journal(day(10), 'Implant bought and used the same day (cash)', [
      line('5000', 'debit', 415_000, '6300'),
      line('1000', 'credit', 415_000),
    ]);
    await journal(day(28), 'Finance salaries', [line('6000', 'debit', 1_000_000, '8200'), line('2100', 'credit', 1_000_000)]);
    await journal(day(28), 'Supply chain consumables (cash)', [line('5000', 'debit', 10_001, '8100'), line('1000', 'credit', 10_001)]);
    // Labour through payroll: Robin Hale (E10001, 6200, 62.00 an hour), 40 hours → DR 6000 cc 6200 2,480.00.
    expect((await call('systemApi', 'POST', '/workforce/v1/payroll/employees/E10001/sync')).status).toBe(200);
    const run = await call('systemApi', 'POST', '/workforce/v1/payroll/runs', {
      periodStart: day(1),
      periodEnd: day(14),
      timesheets: [{ employeeNumber: 'E10001', hours: 40 }],
    });
    expect(run.body.costs).toStrictEqual([expect.objectContaining({ costCentre: '6200', labourCost: usd(248_000) })]);
  });

  it('started twice at once, stores the department P&L and posts one balanced allocation journal by net revenue share', async () => {
    const starts = await Promise.all(
      [1, 2].map(() => call('processApi', 'POST', '/v1/flows/cost-allocation/start', { input: { period } })),
    );
    expect(starts.map((start) => start.status)).toStrictEqual([201, 201]);
    expect(starts[0].body.id).not.toBe(starts[1].body.id);
    const flows = await Promise.all(starts.map((start) => completed(start.body.id as string)));

    const journals = await allocationJournals();
    expect(journals).toHaveLength(1);
    const [allocation] = journals;
    expect(flows.map((flow) => flow.state.allocationJournalId)).toStrictEqual([allocation.id, allocation.id]);
    expect(allocation).toMatchObject({
      postingDate: day(new Date(Date.UTC(previous.getUTCFullYear(), previous.getUTCMonth() + 1, 0)).getUTCDate()),
    });
    // Net revenue 6200 5,600.00 · 6300 8,400.00 · 6400 640.00 · 6500 310.00 = 14,950.00 (the driver).
    // Finance 10,000.00: 3,745.81(.94) 5,618.72(.91) 428.09(.36) 207.35(.78) → the 3 cents left go to 6200, 6300, 6500.
    // Supply Chain 100.01: 37.46(.19) 56.19(.29) 4.28(.14) 2.07(.38) → the 1 cent left goes to 6500.
    expect(allocation.lines.map((entry: any) => [entry.side, entry.account, entry.costCentre, entry.amount.amount]).sort()).toStrictEqual(
      [
        ['credit', '6000', '8200', 1_000_000],
        ['debit', '6000', '6200', 374_582],
        ['debit', '6000', '6300', 561_873],
        ['debit', '6000', '6400', 42_809],
        ['debit', '6000', '6500', 20_736],
        ['credit', '5000', '8100', 10_001],
        ['debit', '5000', '6200', 3_746],
        ['debit', '5000', '6300', 5_619],
        ['debit', '5000', '6400', 428],
        ['debit', '5000', '6500', 208],
      ].sort(),
    );
    expect(allocation.total).toStrictEqual(usd(1_010_001));

    const ortho = await call('processApi', 'GET', `/v1/departments/6300/profitability?period=${period}`);
    expect(ortho.status).toBe(200);
    expect(ortho.body).toMatchObject({
      departmentCode: '6300',
      period,
      grossRevenue: usd(2_210_000),
      contractualAllowances: usd(1_370_000),
      netRevenue: usd(840_000),
      supplyCost: usd(415_000),
      labourCost: usd(0),
      directMargin: usd(425_000),
      allocatedSharedCost: usd(567_492),
      marginAfterAllocation: usd(-142_492),
      revenueSharePpm: 561_873,
      allocationJournalId: allocation.id,
    });
    expect(ortho.body.closedAt).toBeDefined();
    const nursing = await call('processApi', 'GET', `/v1/departments/6200/profitability?period=${period}`);
    expect(nursing.body).toMatchObject({ labourCost: usd(248_000), directMargin: usd(312_000), allocatedSharedCost: usd(378_328) });
    const all = await call('processApi', 'GET', `/v1/departments/profitability?period=${period}`);
    expect(all.body.items.map((item: any) => item.departmentCode)).toEqual(
      expect.arrayContaining(['6200', '6300', '6400', '6500', '8100', '8200']),
    );
    expect(all.body.items.find((item: any) => item.departmentCode === '8200')).toMatchObject({ allocatedSharedCost: usd(-1_000_000) });
  });

  it('a scheduled firing starts one close however many instances tick, and it posts nothing again', async () => {
    const scheduler = stack.processApi.get(FlowScheduler);
    // 02:30 UTC on the first of this month: the default schedule (0 2 1 * *) fired 30 minutes before, closing last month.
    const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 2, 30));
    const ticks = await Promise.all([scheduler.tick(at), scheduler.tick(at), scheduler.tick(at)]);
    const starts = ticks.flat();
    expect(starts).toHaveLength(3);
    expect(new Set(starts.map((start) => start.flowId)).size).toBe(1);
    expect(starts.filter((start) => start.created)).toHaveLength(1);
    const flow = await completed(starts[0].flowId);
    expect(flow.businessKeys).toStrictEqual([{ name: 'period', value: period }]);
    expect(flow.timeline.find((entry: any) => entry.step === 'post-allocation' && entry.kind === 'completed').output).toMatchObject({
      posted: false,
    });
    expect(await allocationJournals()).toHaveLength(1);
    // Outside the catch-up window nothing fires.
    expect(await scheduler.tick(new Date(at.getTime() + 24 * 3_600_000))).toStrictEqual([]);
  });

  it('refuses a malformed or future period, and answers 404 for a period not closed', async () => {
    const malformed = await call('processApi', 'POST', '/v1/flows/cost-allocation/start', { input: { period: '2026-13' } });
    expect(malformed).toMatchObject({ status: 422, body: { code: 'START_INPUT_INVALID' } });
    expect(malformed.body.detail).toContain('period must be YYYY-MM');
    const future = await call('processApi', 'POST', '/v1/flows/cost-allocation/start', {
      input: { period: `${now.getUTCFullYear() + 1}-01` },
    });
    expect(future).toMatchObject({ status: 422, body: { code: 'START_INPUT_INVALID' } });
    expect((await call('processApi', 'GET', '/v1/departments/6300/profitability?period=2020-01')).body).toMatchObject({
      status: 404,
      code: 'PROFITABILITY_NOT_COMPUTED',
    });
    const bad = await call('processApi', 'GET', '/v1/departments/6300/profitability?period=2026-1');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('period');
    const portal = await stack.auth('portal-web');
    expect((await call('processApi', 'GET', `/v1/departments/6300/profitability?period=${period}`, undefined, portal)).status).toBe(403);
  });
});
