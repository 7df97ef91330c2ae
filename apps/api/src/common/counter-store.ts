/**
 * Counts hits per key in fixed windows: the login throttle (failures per user name) and, with
 * `REDIS_URL`, the limits that every API replica must share. In memory by default: one process.
 */
export interface CounterStore {
  /** Adds one hit to `key`'s current window of `windowMs`: the hits in that window, and when it ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** The hits in `key`'s current window, without adding one. */
  peek(key: string): Promise<{ count: number; resetInMs: number }>;
  /** Forgets `key` (a successful sign-in clears its failures). */
  reset(key: string): Promise<void>;
}

/** The Nest injection token of the process's CounterStore. */
export const COUNTER_STORE = Symbol('COUNTER_STORE');

/** One process's counters; windows that have ended are dropped as they are met or swept. */
export class InMemoryCounterStore implements CounterStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private lastSweep: number;

  constructor(private readonly now: () => number = Date.now) {
    this.lastSweep = now();
  }

  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const now = this.now();
    this.sweep(now);
    const current = this.windows.get(key);
    const window = current && current.endsAt > now ? current : { count: 0, endsAt: now + windowMs };
    window.count += 1;
    this.windows.set(key, window);
    return Promise.resolve({ count: window.count, resetInMs: window.endsAt - now });
  }

  peek(key: string): Promise<{ count: number; resetInMs: number }> {
    const now = this.now();
    const current = this.windows.get(key);
    if (!current || current.endsAt <= now) return Promise.resolve({ count: 0, resetInMs: 0 });
    return Promise.resolve({ count: current.count, resetInMs: current.endsAt - now });
  }

  reset(key: string): Promise<void> {
    this.windows.delete(key);
    return Promise.resolve();
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
