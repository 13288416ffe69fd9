import type { Provider, Type } from '@nestjs/common';
import type { FlowDefinition } from '../engine/flow-definition';
import { FLOW_DEFINITIONS } from '../engine/flow-registry';
import { ChargeCaptureFlow } from './charge-capture/charge-capture.flow';
import { PatientToCashFlow } from './patient-to-cash/patient-to-cash.flow';
import { ProcureToPayFlow } from './procure-to-pay/procure-to-pay.flow';
import { SupplyReplenishmentFlow } from './supply-replenishment/supply-replenishment.flow';
import { CostAllocationFlows } from './cost-allocation/cost-allocation.flow';
import { HireToPayrollFlows } from './hire-to-payroll/hire-to-payroll.flow';
import { ReconciliationHealFlow } from '../reconciliation/reconciliation-heal.flow';

/** A flow module's provider of its definitions (every version that may still have running instances). */
export interface FlowDefinitionSource {
  definitions(): FlowDefinition<object>[];
}

/**
 * The business flows of this process layer. Each flow folder (flows/<flow-name>/) exports one class
 * implementing FlowDefinitionSource; list it here.
 */
export const FLOW_SOURCES: Type<FlowDefinitionSource>[] = [
  PatientToCashFlow,
  ChargeCaptureFlow,
  SupplyReplenishmentFlow,
  ProcureToPayFlow,
  HireToPayrollFlows,
  CostAllocationFlows,
  ReconciliationHealFlow,
];

/** The providers that feed the FlowRegistry: the sources, and extra definitions (tests, benchmarks). */
export function flowDefinitionProviders(extra: FlowDefinition<object>[] = []): Provider[] {
  return [
    ...FLOW_SOURCES,
    {
      provide: FLOW_DEFINITIONS,
      inject: FLOW_SOURCES,
      useFactory: (...sources: FlowDefinitionSource[]) => [...sources.flatMap((source) => source.definitions()), ...extra],
    },
  ];
}
