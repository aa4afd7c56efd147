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
