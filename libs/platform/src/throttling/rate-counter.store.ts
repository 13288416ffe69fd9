import type Redis from 'ioredis';

export interface WindowCount {
  /** Units used in the current window, this request included. */
  used: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/** Fixed-window counters: in memory for one instance, in Redis so several instances share a limit. */
export interface RateCounterStore {
  add(key: string, windowSeconds: number, cost: number): Promise<WindowCount>;
  close(): Promise<void>;
}

function windowOf(windowSeconds: number, nowMs: number): { index: number; resetSeconds: number } {
  const windowMs = windowSeconds * 1000;
  const index = Math.floor(nowMs / windowMs);
  return { index, resetSeconds: Math.max(1, Math.ceil(((index + 1) * windowMs - nowMs) / 1000)) };
}

export class MemoryRateCounterStore implements RateCounterStore {
  private readonly counts = new Map<string, { index: number; used: number }>();

  add(key: string, windowSeconds: number, cost: number): Promise<WindowCount> {
    const { index, resetSeconds } = windowOf(windowSeconds, Date.now());
    const id = `${key}:${windowSeconds}`;
    const current = this.counts.get(id);
    const used = (current && current.index === index ? current.used : 0) + cost;
    this.counts.set(id, { index, used });
    if (this.counts.size > 100_000) this.sweep();
    return Promise.resolve({ used, resetSeconds });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.counts) {
      const windowSeconds = Number(id.slice(id.lastIndexOf(':') + 1));
      if (entry.index < Math.floor(now / (windowSeconds * 1000))) this.counts.delete(id);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

// INCRBY and the expiry in one atomic step, so concurrent instances never lose a count.
const ADD_SCRIPT = `
local used = redis.call('INCRBY', KEYS[1], ARGV[1])
if used == tonumber(ARGV[1]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return used`;

export class RedisRateCounterStore implements RateCounterStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'concord:rl:',
  ) {}

  async add(key: string, windowSeconds: number, cost: number): Promise<WindowCount> {
    const { index, resetSeconds } = windowOf(windowSeconds, Date.now());
    const redisKey = `${this.prefix}${key}:${windowSeconds}:${index}`;
    const used = (await this.redis.eval(ADD_SCRIPT, 1, redisKey, cost, (windowSeconds + 1) * 1000)) as number;
    return { used, resetSeconds };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
