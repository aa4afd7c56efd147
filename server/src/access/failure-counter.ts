// Enough keys for every address and account active in a window; the oldest go first beyond it.
const MAX_KEYS = 50_000;

/**
 * Failures per key (an address, an account, an address and an account) over a sliding window,
 * in memory per server instance.
 */
export class FailureCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Failures of the key within the window. */
  count(key: string): number {
    return this.recent(key).length;
  }

  record(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    // Re-insert: the map's order is least recently failed first.
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  /** Seconds until the key's oldest failure leaves the window (at least 1). */
  secondsUntilOneExpires(key: string): number {
    const oldest = this.recent(key)[0];
    return oldest === undefined ? 1 : Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const times = (this.failures.get(key) ?? []).filter((time) => time > since);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}
