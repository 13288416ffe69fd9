/**
 * Counts requests per wall-clock second and, when given a quota, refuses the excess with 429 and
 * Retry-After, the way a cloud EHR or ERP API gateway does.
 */
export class RequestMeter {
  private readonly perSecond = new Map<number, number>();

  constructor(private readonly quotaPerSecond = 0) {}

  /** Counts the request; returns the seconds to wait when it is over quota. */
  admit(now = Date.now()): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const second = Math.floor(now / 1000);
    const count = (this.perSecond.get(second) ?? 0) + 1;
    this.perSecond.set(second, count);
    if (this.perSecond.size > 600) this.perSecond.delete(this.perSecond.keys().next().value as number);
    if (this.quotaPerSecond > 0 && count > this.quotaPerSecond) return { allowed: false, retryAfterSeconds: 1 };
    return { allowed: true };
  }

  stats(): { quotaPerSecond: number; maxPerSecond: number; perSecond: Record<string, number> } {
    const perSecond = Object.fromEntries([...this.perSecond].map(([second, count]) => [String(second), count]));
    return { quotaPerSecond: this.quotaPerSecond, maxPerSecond: Math.max(0, ...this.perSecond.values()), perSecond };
  }

  reset(): void {
    this.perSecond.clear();
  }
}
