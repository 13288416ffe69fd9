/**
 * Admits at most `ratePerSecond` starts in any sliding window of one second plus a small margin,
 * spaced evenly (one every 1000/rate ms) so that a stalled event loop cannot release a burst.
 * Waiting callers are served in arrival order.
 */
export class SlidingWindowRateLimiter {
  private readonly starts: number[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly spacingMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ratePerSecond: number,
    private readonly windowMs = 1_050,
  ) {
    this.spacingMs = 1_000 / ratePerSecond;
  }

  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.drain();
    });
  }

  private drain(): void {
    if (this.timer || !this.waiting.length) return;
    const now = Date.now();
    while (this.starts.length && now - this.starts[0] >= this.windowMs) this.starts.shift();
    const last = this.starts[this.starts.length - 1];
    const spacingWait = last === undefined ? 0 : this.spacingMs - (now - last);
    const windowWait = this.starts.length < this.ratePerSecond ? 0 : this.windowMs - (now - this.starts[0]);
    const wait = Math.max(spacingWait, windowWait);
    if (wait <= 0) {
      this.starts.push(now);
      this.waiting.shift()!();
      // One admission per turn: the next waits for its own slot.
      if (this.waiting.length) this.schedule(this.spacingMs);
      return;
    }
    this.schedule(wait);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.drain();
      },
      Math.max(1, Math.ceil(delayMs)),
    );
    this.timer.unref();
  }
}
