// Enough for every filter combination an office uses in a day, small enough to never matter.
const MAX_ENTRIES = 200;

/**
 * Computed statistics by questionnaire and filters, valid while the store's change stamp for
 * that questionnaire is unchanged: a dashboard reload without new answers costs one stamp query.
 */
export class StampedCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: T }>();

  get(key: string, stamp: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.stamp !== stamp) return undefined;
    // Refresh its place: the map's order is least recently used first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** The last value stored under the key, whatever its stamp (a base to bring up to date). */
  latest(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  set(key: string, stamp: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { stamp, value });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
