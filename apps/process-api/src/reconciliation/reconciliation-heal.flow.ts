import { Injectable } from '@nestjs/common';
import { unwrap } from '@concord/clients';
import { done, type FlowDefinition, type StepContext, StepFailure } from '../engine/flow-definition';
import type { HealAction } from './rules/rule';

export const RECONCILIATION_HEAL_FLOW = 'reconciliation-heal';
export const HEAL_STEP = 'heal';

export interface ReconciliationHealState {
  breakId: string;
  rule: string;
  breakKey: string;
  cause: string;
  amountCents: number;
  heal?: HealAction;
}

const LAYER = 'system-api';

/**
 * Runs a break's healing action against system-api. The idempotency key comes from the instance and
 * the step, and there is one instance per break, so however often the heal is asked for, retried or
 * re-run after a crash, the journal is posted (or the record synced) once.
 */
async function heal(ctx: StepContext<ReconciliationHealState>) {
  const action = ctx.state.heal;
  if (!action)
    throw new StepFailure(
      'NO_HEAL_ACTION',
      `Break ${ctx.state.breakKey} (${ctx.state.cause}) has no known remedy; it needs a person in the source systems`,
      false,
    );
  switch (action.kind) {
    case 'post-journal': {
      const journal = await unwrap(
        LAYER,
        ctx.systemApi.POST('/erp/v1/journals', {
          headers: { 'Idempotency-Key': ctx.idempotencyKey() },
          body: {
            memo: action.memo.slice(0, 200),
            sourceDocument: action.sourceDocument,
            lines: action.lines.map((line) => ({
              account: line.account,
              side: line.side,
              amount: { amount: line.amountCents, currency: 'USD' as const },
              ...(line.costCentre ? { costCentre: line.costCentre } : {}),
            })),
          },
        }),
      );
      ctx.link('journal', journal.id);
      return done<ReconciliationHealState>({ output: { journalId: journal.id } });
    }
    case 'sync-payroll-employee': {
      const record = await unwrap(
        LAYER,
        ctx.systemApi.POST('/workforce/v1/payroll/employees/{employeeNumber}/sync', {
          params: { path: { employeeNumber: action.employeeNumber } },
          headers: { 'Idempotency-Key': ctx.idempotencyKey() },
        }),
      );
      ctx.link('payroll-employee', record.employeeNumber);
      return done<ReconciliationHealState>({ output: { employeeNumber: record.employeeNumber, status: record.status } });
    }
  }
}

/** The flow that carries a reconciliation break: its exception in the queue, and its healing. */
export const reconciliationHealFlow: FlowDefinition<ReconciliationHealState> = {
  type: RECONCILIATION_HEAL_FLOW,
  version: 1,
  title: 'Heal a reconciliation break (post the missing journal, sync the payroll record)',
  steps: [{ name: HEAL_STEP, retry: { maxAttempts: 5, initialBackoffMs: 1_000, maxBackoffMs: 30_000 }, run: heal }],
  impact: (state) => ({
    amountAtRiskCents: state.amountCents,
    details: { rule: state.rule, cause: state.cause, breakKey: state.breakKey, ...(state.heal ? { healAction: state.heal.kind } : {}) },
  }),
};

/** Its definitions for FLOW_SOURCES (structurally a FlowDefinitionSource; importing that type would make a cycle). */
@Injectable()
export class ReconciliationHealFlow {
  definitions(): FlowDefinition<object>[] {
    return [reconciliationHealFlow];
  }
}
