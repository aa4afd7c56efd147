import { StampedCache } from "../../../server/src/analytics/summary-cache";

// Values are strings whose size is their length, so the arithmetic below is exact.
const cacheOf = (maxBytes: number) => new StampedCache<string>({ maxBytes, sizeOf: (value) => value.length });

describe("the summary cache", () => {
  it("serves a value while its stamp holds, and not after", () => {
    const cache = cacheOf(100);
    cache.set("north", "7", "x".repeat(10));
    expect(cache.get("north", "7")).toBe("x".repeat(10));
    expect(cache.get("north", "8")).toBeUndefined();
    expect(cache.latest("north")).toBe("x".repeat(10));
  });

  it("never holds more bytes than its bound, whatever the number of distinct filters", () => {
    const cache = cacheOf(1000);
    for (let day = 1; day <= 220; day += 1) {
      cache.set(`from=2026-01-${day}`, "1", "s".repeat(90));
      expect(cache.heldBytes).toBeLessThanOrEqual(1000);
    }
    expect(cache.heldBytes).toBe(990);
    expect(cache.get("from=2026-01-220", "1")).toBeDefined();
    expect(cache.get("from=2026-01-1", "1")).toBeUndefined();
  });

  it("drops the least recently used first, a value read counting as used", () => {
    const cache = cacheOf(30);
    cache.set("a", "1", "a".repeat(10));
    cache.set("b", "1", "b".repeat(10));
    cache.set("c", "1", "c".repeat(10));
    cache.get("a", "1");
    cache.set("d", "1", "d".repeat(10));
    expect([cache.latest("a"), cache.latest("b"), cache.latest("c"), cache.latest("d")].map(Boolean)).toEqual([true, false, true, true]);
  });

  it("counts a value replaced under the same key once, at its new size", () => {
    const cache = cacheOf(100);
    cache.set("a", "1", "a".repeat(40));
    cache.set("a", "2", "a".repeat(60));
    expect(cache.heldBytes).toBe(60);
  });

  it("does not keep a value larger than the whole bound, nor evict the others for it", () => {
    const cache = cacheOf(50);
    cache.set("small", "1", "s".repeat(20));
    cache.set("huge", "1", "h".repeat(51));
    expect(cache.latest("huge")).toBeUndefined();
    expect(cache.latest("small")).toBe("s".repeat(20));
    expect(cache.heldBytes).toBe(20);
  });
});
