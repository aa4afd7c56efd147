import type { Summary } from "@passerelle/shared";

/**
 * A summary as two folds of the same responses must give it whatever their order: the numbers
 * kept for medians sorted (a merge of cells lists them cell by cell, a fold response by
 * response), accumulators with no number yet as JSON writes them.
 */
export function comparableSummary(summary: Summary): unknown {
  return JSON.parse(
    JSON.stringify(summary, (_key, value: unknown) =>
      Array.isArray(value) && value.every((item) => typeof item === "number") ? [...value].sort((a, b) => a - b) : value,
    ),
  );
}
