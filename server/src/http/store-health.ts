import type { StoreFailureReason, StoreUnavailableError } from "../store/store.port";

// How long a store failure seen by a request keeps the health check degraded: long enough for a
// monitor polling every few seconds to see it, short enough to clear soon after the cause.
const REMEMBERED_MS = 30_000;

/**
 * The latest store failure requests met. A full disk is seen by writes only (the health
 * check's read still works), so the health check also reports what requests met lately.
 */
export class StoreHealth {
  private latest: { reason: StoreFailureReason; at: number } | undefined;

  constructor(private readonly clock: () => number = Date.now) {}

  record(failure: StoreUnavailableError): void {
    this.latest = { reason: failure.reason, at: this.clock() };
  }

  /** The reason of a failure met within the last 30 seconds, if any. */
  recentFailure(): StoreFailureReason | undefined {
    if (!this.latest || this.clock() - this.latest.at > REMEMBERED_MS) return undefined;
    return this.latest.reason;
  }
}
