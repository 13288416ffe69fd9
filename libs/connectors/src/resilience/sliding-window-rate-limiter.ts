/**
 * Admits at most `ratePerSecond` starts in any sliding window of one second plus a small margin,
 * so a core system counting per wall-clock second never sees more than the configured rate.
 * Waiting callers are served in arrival order.
 */
export class SlidingWindowRateLimiter {
  private readonly starts: number[] = [];
  private readonly waiting: (() => void)[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ratePerSecond: number,
    private readonly windowMs = 1_050,
  ) {}

  acquire(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.drain();
    });
  }

  private drain(): void {
    if (this.timer) return;
    const now = Date.now();
    while (this.starts.length && now - this.starts[0] >= this.windowMs) this.starts.shift();
    while (this.waiting.length && this.starts.length < this.ratePerSecond) {
      this.starts.push(now);
      this.waiting.shift()!();
    }
    if (this.waiting.length) {
      const wait = this.windowMs - (now - this.starts[0]);
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.drain();
        },
        Math.max(1, wait),
      );
      this.timer.unref();
    }
  }
}
