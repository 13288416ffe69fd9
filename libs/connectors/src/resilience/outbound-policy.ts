import {
  bulkhead,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  handleWhen,
  isBrokenCircuitError,
  isBulkheadRejectedError,
  type IPolicy,
  type IRetryBackoffContext,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { SlidingWindowRateLimiter } from './sliding-window-rate-limiter';

export interface OutboundLimits {
  /** Most calls started in any second (the core system's API quota). */
  ratePerSecond: number;
  /** Most calls in flight at once. */
  concurrency: number;
  /** Retries after the first attempt, for failures marked retryable. */
  retries: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Consecutive failures that open the circuit. */
  breakerThreshold: number;
  /** How long the circuit stays open before one trial call. */
  halfOpenAfterMs: number;
  /** Upper bound on a server's Retry-After that is honoured. */
  maxRetryAfterMs?: number;
}

/** What the policy needs to know about a failure. */
export interface OutboundFailure {
  /** Worth trying again (throttled, unavailable, timed out). */
  retryable: boolean;
  /** Counts toward opening the circuit (the core system is failing, not the request). */
  systemFailure: boolean;
  /** From the core system's Retry-After, when it sent one. */
  retryAfterMs?: number;
}

export type FailureClassifier = (error: unknown) => OutboundFailure;

export class CircuitOpenError extends Error {
  constructor() {
    super('circuit open: the core system failed repeatedly and is being given time to recover');
    this.name = 'CircuitOpenError';
  }
}

/**
 * Retry with backoff (honouring Retry-After), circuit breaker, bulkhead and per-attempt timeout
 * from cockatiel, plus a sliding-window rate limit, around every call a connector makes.
 */
export class OutboundPolicy {
  private readonly policy: IPolicy;
  private readonly limiter: SlidingWindowRateLimiter;
  private readonly breaker;

  constructor(limits: OutboundLimits, classify: FailureClassifier) {
    this.limiter = new SlidingWindowRateLimiter(limits.ratePerSecond);
    const maxRetryAfter = limits.maxRetryAfterMs ?? 30_000;
    // Retry-After when the core system gave one; otherwise exponential backoff with full jitter.
    const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
      const error = 'error' in context.result ? context.result.error : undefined;
      const retryAfter = error === undefined ? undefined : classify(error).retryAfterMs;
      if (retryAfter !== undefined) return Math.min(retryAfter, maxRetryAfter);
      return Math.round(Math.random() * Math.min(5_000, 100 * 2 ** context.attempt));
    });
    const retryPolicy = retry(
      handleWhen((error) => classify(error).retryable),
      { maxAttempts: limits.retries, backoff },
    );
    this.breaker = circuitBreaker(
      handleWhen((error) => classify(error).systemFailure),
      { halfOpenAfter: limits.halfOpenAfterMs, breaker: new ConsecutiveBreaker(limits.breakerThreshold) },
    );
    const isolation = bulkhead(limits.concurrency, Number.MAX_SAFE_INTEGER);
    const perAttempt = timeout(limits.timeoutMs, TimeoutStrategy.Aggressive);
    this.policy = wrap(retryPolicy, this.breaker, isolation, perAttempt);
  }

  get circuitState(): 'closed' | 'open' | 'half-open' | 'isolated' {
    switch (this.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.Open:
        return 'open';
      case CircuitState.HalfOpen:
        return 'half-open';
      case CircuitState.Isolated:
        return 'isolated';
    }
  }

  async execute<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(async ({ signal }) => {
        await this.limiter.acquire();
        return call(signal);
      });
    } catch (error) {
      if (isBrokenCircuitError(error)) throw new CircuitOpenError();
      if (isBulkheadRejectedError(error)) throw new CircuitOpenError();
      throw error;
    }
  }
}
