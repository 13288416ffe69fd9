import { type Middleware, sendODataError } from './middleware';

export interface InjectedFault {
  /** Answer with this status instead of serving the request. */
  status?: 429 | 500 | 502 | 503 | 504;
  retryAfterSeconds?: number;
  /** Hold the request this long before serving (or failing) it. */
  delayMs?: number;
}

export interface RateLimitOptions {
  requestsPerSecond: number;
  retryAfterSeconds: number;
}

/**
 * Faults on demand, for resilience tests: the next N requests fail with a status (and Retry-After)
 * or are delayed; and an optional rate limit answering 429 + Retry-After, as a cloud ERP's API quota.
 */
export class FaultSwitch {
  private readonly queue: InjectedFault[] = [];
  private readonly arrivals: number[] = [];
  private rateLimit?: RateLimitOptions;

  constructor(rateLimit?: RateLimitOptions) {
    this.rateLimit = rateLimit;
  }

  /** The next `count` requests get `fault`. */
  failNext(count: number, fault: InjectedFault): void {
    for (let index = 0; index < count; index++) this.queue.push(fault);
  }

  setRateLimit(rateLimit: RateLimitOptions | undefined): void {
    this.rateLimit = rateLimit;
    this.arrivals.length = 0;
  }

  clear(): void {
    this.queue.length = 0;
    this.setRateLimit(undefined);
  }

  readonly middleware: Middleware = (_request, response, next) => {
    const fault = this.queue.shift();
    if (!fault) {
      if (this.overRateLimit()) {
        sendODataError(response, 429, '429', 'Rate limit exceeded', { 'retry-after': String(this.rateLimit!.retryAfterSeconds) });
        return;
      }
      return next();
    }
    const act = () => {
      if (fault.status === undefined) return next();
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      sendODataError(response, fault.status, String(fault.status), 'Injected fault', headers);
    };
    if (fault.delayMs) setTimeout(act, fault.delayMs);
    else act();
  };

  private overRateLimit(): boolean {
    if (!this.rateLimit) return false;
    const now = Date.now();
    while (this.arrivals.length && now - this.arrivals[0] >= 1_000) this.arrivals.shift();
    if (this.arrivals.length >= this.rateLimit.requestsPerSecond) return true;
    this.arrivals.push(now);
    return false;
  }
}
