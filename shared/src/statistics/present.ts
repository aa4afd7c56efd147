import { describeNumbers, type Accumulator, type NumericFigures } from "./accumulators";
import type { ThemeFigures } from "./theme-figures";

/** An accumulator as the API shows it: raw numeric values are summarised, never sent. */
export type QuestionFigures =
  | { kind: "counts"; n: number; counts: Record<string, number> }
  | {
      kind: "ranking";
      n: number;
      items: Record<string, { ranked: number; share: number | null; meanRank: number | null; rankedFirst: number; score: number }>;
    }
  | ({ kind: "numeric" } & NumericFigures)
  | { kind: "matrix"; n: number; cells: Record<string, Record<string, number>> }
  | { kind: "text"; n: number }
  | { kind: "values"; n: number; numbers: NumericFigures; counts: Record<string, number> }
  | { kind: "group"; n: number; entries: number; parts: Record<string, QuestionFigures> };

export function presentAccumulator(acc: Accumulator): QuestionFigures {
  switch (acc.kind) {
    case "ranking":
      return {
        kind: "ranking",
        n: acc.n,
        items: Object.fromEntries(
          Object.entries(acc.items).map(([value, item]) => [
            value,
            {
              ranked: item.ranked,
              share: acc.n > 0 ? item.ranked / acc.n : null,
              meanRank: item.ranked > 0 ? item.rankSum / item.ranked : null,
              rankedFirst: item.first,
              score: item.score,
            },
          ]),
        ),
      };
    case "numeric":
      return { kind: "numeric", ...describeNumbers(acc) };
    case "values":
      return { kind: "values", n: acc.n, numbers: describeNumbers(acc.numbers), counts: acc.counts };
    case "group":
      return {
        kind: "group",
        n: acc.n,
        entries: acc.entries,
        parts: Object.fromEntries(Object.entries(acc.parts).map(([name, part]) => [name, presentAccumulator(part)])),
      };
    default:
      return acc;
  }
}

export interface PresentedThemeFigures extends Omit<ThemeFigures, "facets"> {
  facets: Record<string, QuestionFigures>;
}

export function presentThemeFigures(figures: ThemeFigures): PresentedThemeFigures {
  return {
    ...figures,
    facets: Object.fromEntries(Object.entries(figures.facets).map(([facet, acc]) => [facet, presentAccumulator(acc)])),
  };
}

/** A breakdown cell too small to show without risking that a respondent is recognised. */
export interface SuppressedCell {
  suppressed: true;
}

export type MaybeSuppressed<T> = T | SuppressedCell;

export function isSuppressed<T extends object>(cell: MaybeSuppressed<T>): cell is SuppressedCell {
  return "suppressed" in cell && cell.suppressed === true;
}
