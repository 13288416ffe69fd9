import type { CloudEvent } from '@concord/events';
import type { SystemApiClient } from '@concord/clients';

export interface FlowBusinessImpact {
  /** Money that stays unbilled, unpaid or unposted while the exception is open, in cents. */
  amountAtRiskCents?: number;
  /** The deadline that matters: timely filing, payroll date, expected stock-out (YYYY-MM-DD). */
  dueDate?: string;
  /** Anything else an operator should see (payer, item, on hand, employee ...), without patient data. */
  details?: Record<string, string | number | boolean>;
}

export interface FlowRetryPolicy {
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export interface ApprovalRequest {
  /** Role that decides (CamelCase): the scope `approval/<Role>.u` grants it. */
  role: string;
  summary: string;
  amountCents?: number;
  details?: Record<string, string | number | boolean>;
}

export interface ApprovalDecision {
  decision: 'approved' | 'rejected';
  by: string;
  comment?: string;
}

/** What a step gets: the instance, its state, and the means to reach the systems below, idempotently. */
export interface StepContext<S> {
  flowId: string;
  flowType: string;
  correlationId: string;
  businessKeys: Readonly<Record<string, string>>;
  state: Readonly<S>;
  /** 1 on the first attempt of this step. */
  attempt: number;
  /**
   * A key derived from the instance, the step and the replay revision (plus `suffix`): the same for
   * every retry of the step, so a retried call is recognised downstream and never posts twice.
   */
  idempotencyKey(suffix?: string): string;
  /** The system-api client (typed from openapi/system-api.v1.json), authenticated as process-api. */
  systemApi: SystemApiClient;
  /** Records an id met on the way (HL7 control id, CLM01, payer claim number, 835 trace, journal id ...) for the journey. */
  link(name: string, value: string | number): void;
  /** The event that ended the step's wait, when it waited for one. */
  signal?: CloudEvent;
  /** The decision of the step's approval, when it asked for one. */
  approval?: ApprovalDecision;
  now(): Date;
}

export type StepOutcome<S> =
  | { kind: 'done'; state?: Partial<S>; output?: unknown; next?: string }
  | { kind: 'wait-event'; eventTypes: string[]; subject: string; state?: Partial<S>; output?: unknown }
  | { kind: 'wait-until'; until: Date; state?: Partial<S> };

/** Finishes the step; `next` names another step (or `end`) instead of the following one. */
export function done<S>(options: { state?: Partial<S>; output?: unknown; next?: string } = {}): StepOutcome<S> {
  return { kind: 'done', ...options };
}

/** Parks the step until an event of one of `eventTypes` about `subject` (CloudEvents subject, e.g. `Claim/C-1`) arrives; the step then runs again with `ctx.signal`. */
export function waitForEvent<S>(
  eventTypes: string | string[],
  subject: string,
  options: { state?: Partial<S>; output?: unknown } = {},
): StepOutcome<S> {
  return { kind: 'wait-event', eventTypes: Array.isArray(eventTypes) ? eventTypes : [eventTypes], subject, ...options };
}

/** Parks the step until a time; it then runs again. */
export function waitUntil<S>(until: Date, state?: Partial<S>): StepOutcome<S> {
  return { kind: 'wait-until', until, ...(state ? { state } : {}) };
}

/**
 * A step failure. `retryable` failures are retried with backoff up to the step's policy; the others
 * (and retryable ones out of attempts) become an exception in the work queue.
 */
export class StepFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'StepFailure';
  }
}

export interface FlowStep<S> {
  name: string;
  run(context: StepContext<S>): Promise<StepOutcome<S>>;
  /** Undoes the step's effect when an operator compensates the flow (run in reverse order of completion). */
  compensate?(context: StepContext<S>): Promise<void>;
  /** Asked before the step runs; when it returns a request, the step waits for the decision. */
  approval?(context: StepContext<S>): ApprovalRequest | undefined;
  retry?: Partial<FlowRetryPolicy>;
  /** Longest the step may wait (for an event, a person, a time) before it raises an SLA exception; it goes on waiting. */
  slaMs?: number;
}

export interface FlowStart<S> {
  /** What identifies this start: a second start with the same key is the same instance. */
  startKey: string;
  businessKeys: Record<string, string>;
  state: S;
  correlationId?: string;
}

export interface FlowTrigger<S> {
  eventType: string;
  /** The instance to start for this event, or undefined to ignore it. */
  start(event: CloudEvent): FlowStart<S> | undefined;
}

/**
 * A business flow: a durable state machine of steps. Instances run on the version they started on,
 * so a new version (bump `version`, keep the old definition registered) never breaks running ones.
 */
export interface FlowDefinition<S extends object = Record<string, unknown>> {
  type: string;
  version: number;
  title: string;
  steps: FlowStep<S>[];
  triggers?: FlowTrigger<S>[];
  /** Event types steps wait for (`waitForEvent`): the engine subscribes to them. */
  awaits?: string[];
  /** Builds an instance from a manual start's input (`POST /v1/flows/{type}/start`); absent: cannot be started by hand. */
  manualStart?(input: Record<string, unknown>): FlowStart<S>;
  slaMs?: number;
  /** Business impact of an exception at a step, for the work queue. */
  impact?(state: S, step: string): FlowBusinessImpact;
}

export const DEFAULT_STEP_RETRY: FlowRetryPolicy = { maxAttempts: 5, initialBackoffMs: 1_000, maxBackoffMs: 60_000 };
