import { describe, expect, it } from 'vitest';
import type { ProcedurePerformedDataDto } from '@concord/contracts';
import {
  manualSupplyStart,
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
