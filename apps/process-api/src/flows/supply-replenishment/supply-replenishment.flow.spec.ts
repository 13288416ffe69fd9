import { describe, expect, it } from 'vitest';
import type { SystemApiClient } from '@concord/clients';
import type { ProcedurePerformedDataDto } from '@concord/contracts';
import type { TransactionRunner } from '@concord/platform';
import type { StepContext } from '../../engine/flow-definition';
import type { ProcessApiConfig } from '../../process-api.config';
import {
  manualSupplyStart,
  SupplyReplenishmentFlow,
  needsReorder,
  requisitionApproval,
  startFromProcedure,
  supplyImpact,
  type SupplyReplenishmentState,
} from './supply-replenishment.flow';
import { storeForDepartment } from './supply-locations';

const procedure = (overrides: Partial<ProcedurePerformedDataDto> = {}): ProcedurePerformedDataDto => ({
  patientId: 'avery-quinn',
  mrn: 'CG-100234',
  source: { origin: 'hl7v2', controlId: 'MSG00042' },
  procedureId: 'proc-aq-tka',
  encounterId: 'enc-aq-tka',
  codes: [{ system: 'http://www.ama-assn.org/go/cpt', code: '27447' }],
  performedAt: '2026-11-02T13:00:00Z',
  departmentCode: '6300',
  itemsUsed: [{ itemCode: 'KNEE-TOT-CR', quantity: 1, serialNumber: 'SN-KN-55012' }],
  ...overrides,
});

describe('starting supply replenishment from a procedure', () => {
  it('keys the instance by procedure, so a redelivered or re-sent procedure is the same instance', () => {
    const start = startFromProcedure(procedure())!;
    expect(start.startKey).toBe('procedure:proc-aq-tka');
    expect(start.businessKeys).toEqual({ patient: 'avery-quinn', procedure: 'proc-aq-tka', encounter: 'enc-aq-tka', mrn: 'CG-100234' });
    expect(start.state).toMatchObject({ departmentCode: '6300', locationId: 'CG-MAIN-OR', serviceDate: '2026-11-02' });
    expect(start.state.items).toEqual([{ itemCode: 'KNEE-TOT-CR', quantity: 1, serialNumber: 'SN-KN-55012' }]);
  });

  it('ignores a procedure that consumed nothing', () => {
    expect(startFromProcedure(procedure({ itemsUsed: [] }))).toBeUndefined();
    expect(startFromProcedure(procedure({ itemsUsed: [{ itemCode: 'X', quantity: 0 }] }))).toBeUndefined();
  });

  it.each([
    [{ ...procedure(), encounterId: undefined }, 'encounterId is required'],
    [{ ...procedure(), itemsUsed: [] }, 'itemsUsed is required'],
    [{ ...procedure(), itemsUsed: [{ itemCode: '', quantity: 1 }] }, 'itemsUsed[0].itemCode is required'],
    [{ ...procedure(), itemsUsed: [{ itemCode: 'KNEE-TOT-CR', quantity: -1 }] }, 'itemsUsed[0].quantity must be a positive number'],
  ])('refuses a manual start that cannot issue stock (%#)', (input, message) => {
    expect(() => manualSupplyStart(input as unknown as Record<string, unknown>)).toThrow(message);
  });

  it('maps departments to the store they draw from', () => {
    expect(storeForDepartment('6300')).toBe('CG-MAIN-OR');
    expect(storeForDepartment('7100')).toBe('RC-CLINIC');
    expect(storeForDepartment('6500')).toBe('CG-CENTRAL');
  });
});

describe('reorder decisions', () => {
  it.each([
    [{ onHand: 3, onOrder: 0, reorderPoint: 3, reorderQuantity: 5 }, true],
    [{ onHand: 2, onOrder: 0, reorderPoint: 3, reorderQuantity: 5 }, true],
    [{ onHand: 4, onOrder: 0, reorderPoint: 3, reorderQuantity: 5 }, false],
    [{ onHand: 2, onOrder: 5, reorderPoint: 3, reorderQuantity: 5 }, false],
    [undefined, false],
  ])('reorders %o at or below the point, counting what is on order: %s', (signal, expected) => {
    expect(needsReorder(signal)).toBe(expected);
  });

  it('asks the supply chain manager only for requisitions the ERP holds for approval', () => {
    const state = {
      ...startFromProcedure(procedure())!.state,
      requisitions: [{ itemId: 'KNEE-TOT-CR', requisitionId: 'PR-000001', totalCents: 2_100_000, approvalRequired: true }],
    } satisfies SupplyReplenishmentState;
    expect(requisitionApproval(state)).toMatchObject({ role: 'SupplyChainManager', amountCents: 2_100_000 });
    expect(requisitionApproval({ ...state, requisitions: [{ ...state.requisitions[0], approvalRequired: false }] })).toBeUndefined();
  });

  it('puts the requisition and the stock-out risk in the impact of a stuck replenishment', () => {
    const state: SupplyReplenishmentState = {
      ...startFromProcedure(procedure())!.state,
      issues: [
        {
          itemCode: 'KNEE-TOT-CR',
          itemId: 'KNEE-TOT-CR',
          issueId: 'GI-1',
          quantity: 1,
          totalCostCents: 415_000,
          chargeCode: 'IMP-KNEE',
          reorder: { onHand: 3, onOrder: 0, reorderPoint: 3, reorderQuantity: 5 },
        },
      ],
      requisitions: [{ itemId: 'KNEE-TOT-CR', requisitionId: 'PR-1', totalCents: 2_100_000, approvalRequired: true }],
    };
    expect(supplyImpact(state, 'purchase-order')).toEqual({
      amountAtRiskCents: 2_100_000,
      details: { location: 'CG-MAIN-OR', item: 'KNEE-TOT-CR', onHand: 3, reorderPoint: 3, stockOutRisk: true },
    });
    expect(supplyImpact(state, 'supply-charge').details).toEqual({ billableItems: 'KNEE-TOT-CR:IMP-KNEE', encounter: 'enc-aq-tka' });
  });
});

describe('the supply charge step', () => {
  // The system-api client is the edge here: it answers the account search with nothing.
  const noAccount = {
    GET: () => Promise.resolve({ data: { items: [] }, response: new Response(null, { status: 200 }) }),
  } as unknown as SystemApiClient;
  const step = new SupplyReplenishmentFlow({} as TransactionRunner, { SUPPLY_CHARGE_GRACE_MS: 0 } as ProcessApiConfig)
    .v1()
    .steps.find((s) => s.name === 'supply-charge')!;
  const context = (state: Partial<SupplyReplenishmentState>, now: Date): StepContext<SupplyReplenishmentState> => ({
    flowId: 'f-1',
    flowType: 'supply-replenishment',
    correlationId: 'c-1',
    businessKeys: {},
    state: {
      ...startFromProcedure(procedure())!.state,
      issues: [
        { itemCode: 'KNEE-TOT-CR', itemId: 'KNEE-TOT-CR', issueId: 'GI-1', quantity: 1, totalCostCents: 415_000, chargeCode: 'IMP-KNEE' },
      ],
      ...state,
    },
    attempt: 1,
    idempotencyKey: (suffix) => `k:${suffix ?? ''}`,
    systemApi: noAccount,
    link: () => undefined,
    now: () => now,
  });

  it('looks again later while the encounter has no billing account yet', async () => {
    const now = new Date('2026-11-02T14:00:00Z');
    const outcome = await step.run(context({}, now));
    expect(outcome).toEqual({
      kind: 'wait-until',
      until: new Date('2026-11-02T14:00:30Z'),
      state: { accountWaitDeadline: '2026-11-03T14:00:00.000Z' },
    });
  });

  it('raises the missing account once its wait is over', async () => {
    const run = step.run(context({ accountWaitDeadline: '2026-11-03T14:00:00.000Z' }, new Date('2026-11-03T14:00:01Z')));
    await expect(run).rejects.toMatchObject({ code: 'BILLING_ACCOUNT_MISSING', retryable: false });
  });

  it('charges nothing and asks nothing when no item is billable', async () => {
    const outcome = await step.run(
      context(
        { issues: [{ itemCode: 'SCREW-CANC-65', itemId: 'SCREW-CANC-65', issueId: 'GI-2', quantity: 2, totalCostCents: 24_000 }] },
        new Date(),
      ),
    );
    expect(outcome).toMatchObject({ kind: 'done', output: { charges: [], reason: 'no billable item' } });
  });
});

describe('the supply charge step next to the EHR’s own charges', () => {
  const issue = {
    itemCode: 'KNEE-TOT-CR',
    itemId: 'KNEE-TOT-CR',
    issueId: 'GI-1',
    quantity: 1,
    totalCostCents: 415_000,
    chargeCode: 'IMP-KNEE',
  };
  /** The system-api client is the edge: one account, with the charges given; a POST would be a second charge. */
  const client = (charges: object[]) => {
    const posts: string[] = [];
    const ok = (data: unknown) => Promise.resolve({ data, response: new Response(null, { status: 200 }) });
    const api = {
      GET: (path: string) => ok(path.endsWith('/charges') ? { items: charges } : { items: [{ id: 'CG-A-000001' }] }),
      POST: (path: string) => {
        posts.push(path);
        return Promise.reject(new Error('no charge expected'));
      },
    } as unknown as SystemApiClient;
    return { api, posts };
  };
  const run = (grace: number, api: SystemApiClient, now: Date, state: Partial<SupplyReplenishmentState> = {}) =>
    new SupplyReplenishmentFlow({} as TransactionRunner, { SUPPLY_CHARGE_GRACE_MS: grace } as ProcessApiConfig)
      .v1()
      .steps.find((s) => s.name === 'supply-charge')!
      .run({
        flowId: 'f-1',
        flowType: 'supply-replenishment',
        correlationId: 'c-1',
        businessKeys: {},
        state: { ...startFromProcedure(procedure())!.state, issues: [issue], ...state },
        attempt: 1,
        idempotencyKey: () => 'k',
        systemApi: api,
        link: () => undefined,
        now: () => now,
      });

  it('charges nothing when the EHR charged the implant', async () => {
    const { api, posts } = client([{ id: 'CHG-9', chargeCode: 'IMP-KNEE', sourceChargeId: 'chg-aq-imp' }]);
    const outcome = await run(120_000, api, new Date());
    expect(outcome).toMatchObject({ kind: 'done', state: { charges: [], capturedByEhr: [{ itemId: 'KNEE-TOT-CR', chargeId: 'CHG-9' }] } });
    expect(posts).toEqual([]);
  });

  it('gives the EHR’s charge its grace period before charging the implant itself', async () => {
    const { api, posts } = client([{ id: 'CHG-1', chargeCode: 'IMP-KNEE', sourceChargeId: 'supply:GI-0' }]);
    const outcome = await run(120_000, api, new Date('2026-11-02T14:00:00Z'));
    expect(outcome).toEqual({
      kind: 'wait-until',
      until: new Date('2026-11-02T14:02:00Z'),
      state: { chargeGraceUntil: '2026-11-02T14:02:00.000Z' },
    });
    expect(posts).toEqual([]);
  });
});
