import { done, type FlowDefinition, StepFailure, waitForEvent } from '../../apps/process-api/src/engine/flow-definition';
import { TEST_SIGNAL_RECORDED, type TestSignalData } from './event-backbone-harness';
import { post } from './ledger-server';

/** Flow definitions that exercise the engine against a LedgerServer (real HTTP, idempotency keys). */
export interface TestFlowState {
  ledger: string;
  amountCents: number;
  memberId?: string;
  postings?: string[];
  signalN?: number;
  decision?: string;
}

export function testFlows(): FlowDefinition<TestFlowState>[] {
  const postStep = (name: string) => ({
    name,
    retry: { maxAttempts: 4, initialBackoffMs: 10, maxBackoffMs: 20 },
    async run(ctx: Parameters<FlowDefinition<TestFlowState>['steps'][number]['run']>[0]) {
      const { id } = await post(ctx.state.ledger, ctx.idempotencyKey(), { step: name, amount: ctx.state.amountCents });
      ctx.link(`ledger-${name}`, id);
      return done<TestFlowState>({ state: { postings: [...(ctx.state.postings ?? []), id] }, output: { posting: id } });
    },
    async compensate(ctx: Parameters<FlowDefinition<TestFlowState>['steps'][number]['run']>[0]) {
      await post(ctx.state.ledger, ctx.idempotencyKey('reversal'), { step: name, amount: -ctx.state.amountCents });
    },
  });
  const manualStart = (input: Record<string, unknown>) => {
    if (typeof input.ledger !== 'string' || typeof input.amountCents !== 'number') throw new Error('ledger and amountCents are required');
    return {
      startKey: typeof input.key === 'string' ? input.key : '',
      businessKeys: {
        patient: typeof input.patient === 'string' ? input.patient : 'test-patient',
        ...(typeof input.mrn === 'string' ? { mrn: input.mrn } : {}),
      },
      state: {
        ledger: input.ledger,
        amountCents: input.amountCents,
        ...(typeof input.memberId === 'string' ? { memberId: input.memberId } : {}),
      },
    };
  };
  return [
    {
      type: 'test-posting',
      version: 1,
      title: 'Two postings, each retried on outages',
      manualStart,
      steps: [postStep('first'), postStep('second')],
    },
    {
      type: 'test-claim',
      version: 1,
      title: 'A step that needs a member id, with business impact',
      manualStart,
      impact: (state) => ({ amountAtRiskCents: state.amountCents, dueDate: '2027-11-02', details: { payer: 'BMCD1' } }),
      steps: [
        postStep('prepare'),
        {
          name: 'submit',
          async run(ctx) {
            if (!ctx.state.memberId) throw new StepFailure('MEMBER_ID_MISSING', 'The coverage has no subscriber member id', false);
            const { id } = await post(ctx.state.ledger, ctx.idempotencyKey(), { memberId: ctx.state.memberId });
            return done({ output: { submission: id, key: ctx.idempotencyKey() } });
          },
        },
      ],
    },
    {
      type: 'test-wait',
      version: 1,
      title: 'Waits for a signal about its subject, with an SLA',
      awaits: [TEST_SIGNAL_RECORDED.type],
      manualStart,
      steps: [
        {
          name: 'await-signal',
          slaMs: 150,
          async run(ctx) {
            if (!ctx.signal) return waitForEvent(TEST_SIGNAL_RECORDED.type, `Signal/${ctx.businessKeys.patient}`);
            return done({ state: { signalN: (ctx.signal.data as TestSignalData).n } });
          },
        },
      ],
    },
    {
      type: 'test-approval',
      version: 1,
      title: 'A posting above a threshold needs a manager',
      manualStart,
      steps: [
        {
          name: 'approve-and-post',
          approval: (ctx) =>
            ctx.state.amountCents > 1_000_000
              ? { role: 'SupplyChainManager', summary: 'Large posting', amountCents: ctx.state.amountCents }
              : undefined,
          async run(ctx) {
            if (ctx.approval?.decision === 'rejected') return done({ state: { decision: 'rejected' }, next: 'end' });
            await post(ctx.state.ledger, ctx.idempotencyKey(), { approvedBy: ctx.approval?.by ?? 'nobody' });
            return done({ state: { decision: ctx.approval?.decision ?? 'not-needed' } });
          },
        },
      ],
    },
    {
      type: 'test-trigger',
      version: 1,
      title: 'Started by an event',
      triggers: [
        {
          eventType: TEST_SIGNAL_RECORDED.type,
          start: (event) => {
            const data = event.data as TestSignalData;
            return data.key.startsWith('trigger-')
              ? { startKey: event.id, businessKeys: { signal: data.key }, state: { ledger: '', amountCents: data.n } }
              : undefined;
          },
        },
      ],
      steps: [{ name: 'note', run: async () => done() }],
    },
  ];
}
