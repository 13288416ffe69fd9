import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CloudEvent, EventBackbone } from '@concord/events';
import { TransactionRunner } from '@concord/platform';
import { FlowRunner } from '../../apps/process-api/src/engine/flow-runner';
import { eventually } from '../support/event-backbone-harness';
import type { Stack } from '../support/stack';
import {
  bootStack,
  call,
  flowOf,
  type Json,
  knee,
  link,
  procedure,
  publishProcedures,
  rows,
  SUPPLY_FLOW as FLOW,
  usd,
} from './supply-e2e.helpers';

/**
 * Supply consumption to replenishment through every layer: an `ehr.procedure.performed.v1` (put in
 * system-api's outbox here, as the EHR system API does from HL7/FHIR) starts the flow in
 * process-api, which issues the implant in the sandbox ERP through system-api, charges it to the
 * encounter's billing account, requisitions the item at its reorder point and, once the supply
 * chain manager approves, orders it from the supplier (scenario 1, step 2).
 */
describe('scenario 1: a knee implant used in theatre, charged, and replenished after approval', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  let patient: { id: string; mrn: string };
  let accountId: string;
  let event: CloudEvent;
  let flowId = '';
  let requisitionId = '';

  beforeAll(async () => {
    ({ stack, operator, patient, accountId } = await bootStack());
  });
  afterAll(async () => stack?.close());

  const system = (method: string, path: string, body?: unknown) => call(stack, operator, 'system', method, path, body);
  const processApi = (method: string, path: string, body?: unknown) => call(stack, operator, 'process', method, path, body);

  it('issues the knee at 4,150.00 to 6300 and the encounter, charges IMP-KNEE, and requisitions 5 × 4,200.00 for the manager', async () => {
    [event] = await publishProcedures(stack, [procedure(patient, 'proc-aq-tka', [knee('SN-KN-55012')])]);
    const flow = await eventually(async () => {
      const current = await flowOf(stack, operator, 'proc-aq-tka', 'waiting');
      expect(current.currentStep).toBe('approve-requisition');
      return current;
    });
    flowId = flow.id;
    expect(flow.businessKeys).toEqual(
      expect.arrayContaining([
        { name: 'procedure', value: 'proc-aq-tka' },
        { name: 'encounter', value: 'enc-aq-tka' },
      ]),
    );

    const issue = (await system('GET', `/erp/v1/inventory?itemId=KNEE-TOT-CR&locationId=CG-MAIN-OR`)).body.items[0];
    expect(issue).toMatchObject({ onHand: 3, onOrder: 0, movingAverageUnitCost: usd(415_000), atOrBelowReorderPoint: true });
    expect(issue.serials).not.toContain('SN-KN-55012');
    const journal = await system('GET', `/erp/v1/journals/${link(flow, 'erp-journal:issue:KNEE-TOT-CR')}`);
    expect(rows(journal.body)).toStrictEqual([
      ['CR', '1300', '', 415_000],
      ['DR', '5000', '6300', 415_000],
    ]);
    expect(link(flow, 'erp-stock-issue:KNEE-TOT-CR')).toBeTruthy();

    const charges = (await system('GET', `/billing/v1/accounts/${accountId}/charges`)).body.items;
    expect(charges).toEqual([
      expect.objectContaining({
        chargeCode: 'IMP-KNEE',
        quantity: 1,
        amount: usd(1_260_000),
        departmentCode: '6300',
        sourceChargeId: expect.stringMatching(/^supply:/),
      }),
    ]);
    expect(link(flow, 'billing-charge:KNEE-TOT-CR')).toBe(charges[0].id);

    requisitionId = link(flow, 'erp-requisition:KNEE-TOT-CR');
    const requisition = (await system('GET', `/erp/v1/purchase-requisitions/${requisitionId}`)).body;
    expect(requisition).toMatchObject({
      total: usd(2_100_000),
      approvalRequired: true,
      approvalStatus: 'pending',
      reason: 'reorder-point',
      lines: [expect.objectContaining({ itemId: 'KNEE-TOT-CR', quantity: 5 })],
    });
    const approvals = (await processApi('GET', `/v1/approvals?flowId=${flowId}`)).body;
    expect(approvals).toEqual([
      expect.objectContaining({ role: 'SupplyChainManager', status: 'pending', step: 'approve-requisition', amount: usd(2_100_000) }),
    ]);
    // Nothing is ordered before the decision.
    expect((await system('GET', '/erp/v1/purchase-orders?supplierId=SUP-SUMMIT')).body.items).toEqual([]);
  });

  it('orders the 5 knees from Summit Orthopedics once the supply chain manager approves', async () => {
    const [approval] = (await processApi('GET', `/v1/approvals?flowId=${flowId}`)).body as Json[];
    const partner = await stack.auth('partner-acme');
    expect((await call(stack, partner, 'process', 'POST', `/v1/approvals/${approval.id}/approve`, {})).status).toBe(403);
    const decided = await processApi('POST', `/v1/approvals/${approval.id}/approve`, { comment: 'Knee stock for next week’s list' });
    expect(decided.body).toMatchObject({ status: 'approved', decidedBy: 'ops-console' });

    const flow = await flowOf(stack, operator, 'proc-aq-tka', 'completed');
    expect((await system('GET', `/erp/v1/purchase-requisitions/${requisitionId}`)).body).toMatchObject({
      approvalStatus: 'approved',
      decidedBy: 'ops-console',
    });
    const orderId = link(flow, 'erp-purchase-order:KNEE-TOT-CR');
    const order = (await system('GET', `/erp/v1/purchase-orders/${orderId}`)).body;
    expect(order).toMatchObject({
      supplierId: 'SUP-SUMMIT',
      status: 'sent',
      requisitionId,
      shipToLocationId: 'CG-MAIN-OR',
      total: usd(2_100_000),
      lines: [expect.objectContaining({ itemId: 'KNEE-TOT-CR', quantity: 5, unitPrice: usd(420_000) })],
    });
    expect((await system('GET', `/erp/v1/inventory?itemId=KNEE-TOT-CR&locationId=CG-MAIN-OR`)).body.items[0]).toMatchObject({
      onHand: 3,
      onOrder: 5,
    });
    const journey = (await processApi('GET', `/v1/patients/${patient.mrn}/journey`)).body;
    const supply = (journey.flows as Json[]).find((f) => f.type === FLOW)!;
    expect(supply.links.map((l: Json) => l.name)).toEqual(
      expect.arrayContaining([
        'erp-stock-issue:KNEE-TOT-CR',
        'billing-charge:KNEE-TOT-CR',
        'erp-requisition:KNEE-TOT-CR',
        'erp-purchase-order:KNEE-TOT-CR',
      ]),
    );
    // The order starts its procure-to-pay flow, which now waits for the goods.
    const p2p = await eventually(async () => {
      const list = await processApi('GET', `/v1/flows?type=procure-to-pay&key=purchase-order:${orderId}`);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ status: 'waiting', currentStep: 'goods-receipt' });
      return list.body.items[0];
    });
    expect(p2p.id).toBeTruthy();
  });

  it('issues nothing twice when the procedure event is redelivered or the EHR sends the procedure again', async () => {
    const worker = stack.processApi.get(EventBackbone).worker('process-api.flow-engine');
    await worker.accept([event], 'live');
    await worker.drain();
    const [resent] = await publishProcedures(stack, [procedure(patient, 'proc-aq-tka', [knee('SN-KN-55012')])]);
    await eventually(async () => {
      const [row] = await stack.processApi
        .get(TransactionRunner)
        .run((m) =>
          m.query(
            `SELECT COUNT(*) AS c FROM event_inbox WHERE subscriber = 'process-api.flow-engine' AND event_id = '${resent.id}' AND processed_at IS NOT NULL`,
          ),
        );
      expect(Number(row.c)).toBe(1);
    });
    await stack.processApi.get(FlowRunner).drain();
    const list = await processApi('GET', `/v1/flows?type=${FLOW}&key=procedure:proc-aq-tka`);
    expect(list.body.items.map((f: Json) => f.id)).toEqual([flowId]);
    expect((await system('GET', `/erp/v1/inventory?itemId=KNEE-TOT-CR&locationId=CG-MAIN-OR`)).body.items[0].onHand).toBe(3);
    expect((await system('GET', `/billing/v1/accounts/${accountId}/charges`)).body.items).toHaveLength(1);
    expect((await system('GET', '/erp/v1/trial-balance?costCentre=6300')).body.lines).toStrictEqual([
      { account: '5000', accountName: 'Supplies expense', costCentre: '6300', debit: usd(415_000), credit: usd(0) },
    ]);
  });

  it('started by hand, issues non-billable screws at cost without a charge and without a reorder', async () => {
    const refused = await processApi('POST', `/v1/flows/${FLOW}/start`, { input: { procedureId: 'proc-screws', patientId: patient.id } });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('encounterId');
    const started = await processApi('POST', `/v1/flows/${FLOW}/start`, {
      input: procedure(patient, 'proc-screws', [{ itemCode: 'SCREW-CANC-65', quantity: 2 }]),
    });
    expect(started.status).toBe(201);
    const flow = await eventually(async () => {
      const current = (await processApi('GET', `/v1/flows/${started.body.id}`)).body;
      expect(current.status).toBe('completed');
      return current;
    });
    expect(flow.state.issues).toEqual([expect.objectContaining({ itemId: 'SCREW-CANC-65', totalCostCents: 24_000 })]);
    expect(flow.state.issues[0].chargeCode).toBeUndefined();
    expect(flow.state.requisitions).toBeUndefined();
    expect((await system('GET', `/billing/v1/accounts/${accountId}/charges`)).body.items.map((c: Json) => c.chargeCode)).toEqual([
      'IMP-KNEE',
    ]);
    expect(rows((await system('GET', `/erp/v1/journals/${link(flow, 'erp-journal:issue:SCREW-CANC-65')}`)).body)).toStrictEqual([
      ['CR', '1300', '', 24_000],
      ['DR', '5000', '6300', 24_000],
    ]);
  });
  it('finds the ERP item an EHR supply code or a GTIN names, so the flow issues by the item’s own tracking', async () => {
    const byCode = await system('GET', '/erp/v1/items/by-clinical-id?system=urn:concord:ehr:supply-item&value=KNEE-TOT-CR');
    expect(byCode.body).toMatchObject({
      id: 'KNEE-TOT-CR',
      serialTracked: true,
      lotTracked: false,
      chargeCode: 'IMP-KNEE',
      billableHcpcs: 'C1776',
    });
    const byGtin = await system('GET', '/erp/v1/items/by-clinical-id?system=https://www.gs1.org/gtin&value=10812345678922');
    expect(byGtin.body).toMatchObject({ id: 'GLV-NIT-M' });
    const unknown = await system('GET', '/erp/v1/items/by-clinical-id?system=https://www.gs1.org/gtin&value=00812345678906');
    expect(unknown).toMatchObject({
      status: 404,
      body: { code: 'ERP_RECORD_NOT_FOUND', detail: expect.stringContaining('00812345678906') },
    });
    const invalid = await system('GET', '/erp/v1/items/by-clinical-id?system=urn:other&value=X');
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body.errors)).toContain('system');
  });
});

describe('two procedures taking the same implant to its reorder point at once', () => {
  let stack: Stack;
  let operator: Record<string, string>;
  let patient: { id: string; mrn: string };

  beforeAll(async () => {
    ({ stack, operator, patient } = await bootStack());
  });
  afterAll(async () => stack?.close());

  it('issues both knees but raises one requisition: the other flow finds the item being replenished', async () => {
    await publishProcedures(stack, [
      procedure(patient, 'proc-race-a', [knee('SN-KN-55010')]),
      procedure(patient, 'proc-race-b', [knee('SN-KN-55011')]),
    ]);
    const flows = await eventually(async () => {
      const both = [await flowOf(stack, operator, 'proc-race-a'), await flowOf(stack, operator, 'proc-race-b')];
      expect(both.map((f) => f.status).sort()).toEqual(['completed', 'waiting']);
      return both;
    });
    const waiting = flows.find((f) => f.status === 'waiting')!;
    const completed = flows.find((f) => f.status === 'completed')!;
    expect(waiting.currentStep).toBe('approve-requisition');
    expect(waiting.state.requisitions).toHaveLength(1);
    expect(completed.state.requisitions).toBeUndefined();
    expect(completed.state.reorderSkipped).toEqual([{ itemId: 'KNEE-TOT-CR', reason: `being replenished by flow ${waiting.id}` }]);
    const approvals = (await call(stack, operator, 'process', 'GET', '/v1/approvals?status=pending')).body;
    expect(approvals.filter((a: Json) => a.flowType === FLOW)).toHaveLength(1);
    const balance = (await call(stack, operator, 'system', 'GET', '/erp/v1/inventory?itemId=KNEE-TOT-CR&locationId=CG-MAIN-OR')).body
      .items[0];
    expect(balance).toMatchObject({ onHand: 2 });
  });
  it('a rejected requisition frees the item: the next procedure at the reorder point requisitions again', async () => {
    const [approval] = (await call(stack, operator, 'process', 'GET', `/v1/approvals?status=pending`)).body as Json[];
    const rejected = await call(stack, operator, 'process', 'POST', `/v1/approvals/${approval.id}/reject`, {
      comment: 'Loan set arriving',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected' });
    const first = await eventually(async () => {
      const flow = (await call(stack, operator, 'process', 'GET', `/v1/flows/${approval.flowId}`)).body;
      expect(flow).toMatchObject({ status: 'completed', state: { decision: 'rejected' } });
      return flow;
    });
    const requisitionId = link(first, 'erp-requisition:KNEE-TOT-CR');
    expect((await call(stack, operator, 'system', 'GET', `/erp/v1/purchase-requisitions/${requisitionId}`)).body).toMatchObject({
      approvalStatus: 'rejected',
      decidedBy: 'ops-console',
    });

    await publishProcedures(stack, [procedure(patient, 'proc-race-c', [knee('SN-KN-55013')])]);
    const next = await eventually(async () => {
      const flow = await flowOf(stack, operator, 'proc-race-c', 'waiting');
      expect(flow.currentStep).toBe('approve-requisition');
      return flow;
    });
    expect(link(next, 'erp-requisition:KNEE-TOT-CR')).not.toBe(requisitionId);
  });

  it('raises an item the ERP does not know as an exception naming it, and issues nothing', async () => {
    await publishProcedures(stack, [
      procedure(patient, 'proc-unknown-item', [{ itemCode: 'KNEE-TOT-PS', quantity: 1, serialNumber: 'SN-X-1' }]),
    ]);
    const flow = await flowOf(stack, operator, 'proc-unknown-item');
    const [exception] = await eventually(async () => {
      const list = (await call(stack, operator, 'process', 'GET', `/v1/exceptions?flowId=${flow.id}`)).body.items as Json[];
      expect(list).toHaveLength(1);
      return list;
    });
    expect(exception).toMatchObject({
      step: 'issue-stock',
      kind: 'step-failed',
      code: 'UNKNOWN_SUPPLY_ITEM',
      impact: { items: 'KNEE-TOT-PS×1', department: '6300' },
    });
    expect(exception.reason).toContain('KNEE-TOT-PS');
    expect((await call(stack, operator, 'process', 'GET', `/v1/flows/${flow.id}`)).body.status).toBe('failed');
  });
  it('charges no implant the EHR charged itself (DFT^P03 FT1 through charge capture): one charge, never two', async () => {
    const account = (await call(stack, operator, 'system', 'GET', '/billing/v1/accounts?encounterId=enc-aq-tka')).body.items[0];
    const ehrCharge = await call(stack, operator, 'system', 'POST', `/billing/v1/accounts/${account.id}/charges`, {
      chargeCode: 'IMP-KNEE',
      quantity: 1,
      serviceDate: '2026-11-02',
      departmentCode: '6300',
      sourceChargeId: 'chg-aq-imp',
    });
    expect(ehrCharge.status).toBe(201);
    const before = (await call(stack, operator, 'system', 'GET', `/billing/v1/accounts/${account.id}/charges`)).body.items.length;
    await publishProcedures(stack, [procedure(patient, 'proc-race-d', [knee('SN-KN-55012')])]);
    const flow = await flowOf(stack, operator, 'proc-race-d', 'completed');
    expect(flow.state.capturedByEhr).toEqual([{ itemId: 'KNEE-TOT-CR', chargeId: ehrCharge.body.id }]);
    expect(flow.state.charges).toEqual([]);
    expect((await call(stack, operator, 'system', 'GET', `/billing/v1/accounts/${account.id}/charges`)).body.items).toHaveLength(before);
  });
});
