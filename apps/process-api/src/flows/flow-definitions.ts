import type { Provider, Type } from '@nestjs/common';
import type { FlowDefinition } from '../engine/flow-definition';
import { FLOW_DEFINITIONS } from '../engine/flow-registry';
import { ReconciliationHealFlow } from '../reconciliation/reconciliation-heal.flow';

/** A flow module's provider of its definitions (every version that may still have running instances). */
export interface FlowDefinitionSource {
  definitions(): FlowDefinition<object>[];
}

/**
 * The business flows of this process layer. Each flow folder (flows/<flow-name>/) exports one class
 * implementing FlowDefinitionSource; list it here.
 */
export const FLOW_SOURCES: Type<FlowDefinitionSource>[] = [ReconciliationHealFlow];

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
