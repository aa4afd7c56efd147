import type { Summary } from "@passerelle/shared";

/**
 * A summary as two folds of the same responses must give it whatever their order: as JSON
 * writes it (accumulators with no number yet lose their infinities alike, lazily unpacked
 * groups are read). Distributions of numbers are already in one form whatever the order the
 * numbers came in, so they compare as they are.
 */
export function comparableSummary(summary: Summary): unknown {
  return JSON.parse(JSON.stringify(summary));
}

/**
 * `received` as `comparableSummary` gives it, each number within a relative 1e-12 of the one
 * in the same place of `expected` taken as that one: sums of floating-point numbers added in
 * another order (responses added up by combination of groups, slices merged) differ in their
 * last bits, and nothing else may differ.
 */
export function comparableSummaryBeside(received: Summary, expected: unknown): unknown {
  return snapped(comparableSummary(received), expected);
}

function snapped(received: unknown, expected: unknown): unknown {
  if (typeof received === "number" && typeof expected === "number") {
    return Math.abs(received - expected) <= 1e-12 * Math.max(Math.abs(received), Math.abs(expected)) ? expected : received;
  }
  if (Array.isArray(received) && Array.isArray(expected)) return received.map((item, index) => snapped(item, expected[index]));
  if (received && expected && typeof received === "object" && typeof expected === "object") {
    return Object.fromEntries(Object.entries(received).map(([key, value]) => [key, snapped(value, (expected as Record<string, unknown>)[key])]));
  }
  return received;
}
