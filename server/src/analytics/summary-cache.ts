export interface StampedCacheOptions<T> {
  /** The bound on what the cache holds, in bytes as `sizeOf` counts them. */
  maxBytes: number;
  /** An estimate of the memory a value holds, in bytes. */
  sizeOf: (value: T) => number;
}

// A summary's size: its JSON text, two bytes a character as V8 keeps most strings. The heap
// objects behind it take more, so the bound is a floor to what the cache really holds.
export function jsonSize(value: unknown): number {
  return 2 * (JSON.stringify(value)?.length ?? 0);
}

/** 64 MB: the default `SUMMARY_CACHE_MB`. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Computed statistics by questionnaire and filters, valid while the store's change sequence for
 * that questionnaire is unchanged: a dashboard reload without new answers costs one read of
 * it. Bounded by bytes, not entries: a viewer trying one `from=` date after another adds a
 * summary each time, and summaries of a large questionnaire weigh megabytes. The least
 * recently used go first; a value larger than the whole bound is not kept at all.
 */
export class StampedCache<T> {
  private readonly entries = new Map<string, { stamp: string; value: T; bytes: number }>();
  private bytes = 0;
  private readonly options: StampedCacheOptions<T>;

  constructor(options: Partial<StampedCacheOptions<T>> = {}) {
    this.options = { maxBytes: options.maxBytes ?? DEFAULT_CACHE_BYTES, sizeOf: options.sizeOf ?? jsonSize };
  }

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
    this.remove(key);
    const bytes = this.options.sizeOf(value);
    if (bytes > this.options.maxBytes) return;
    this.entries.set(key, { stamp, value, bytes });
    this.bytes += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.options.maxBytes) break;
      this.remove(oldest);
    }
  }

  /** What the cache holds, in bytes as counted. */
  get heldBytes(): number {
    return this.bytes;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
