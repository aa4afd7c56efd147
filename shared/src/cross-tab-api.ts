import type { FigureDisclosure } from "./analytics-api";
import type { MaybeSuppressed } from "./statistics/present";

/** The kinds of question a cross-table can cross: their answers are values from a list. */
export const CROSSABLE_KINDS = ["single", "multi", "ranking", "boolean"] as const;
export type CrossableKind = (typeof CROSSABLE_KINDS)[number];

/** One side of a cross-table: a question and the values it is broken down by. */
export interface CrossTabAxis {
  question: string;
  kind: CrossableKind;
  /**
   * A respondent can give several values (a multiple choice, a ranking): then the shares along
   * this side add up to more than 100 %, and the cells to more than the totals.
   */
  isMultiple: boolean;
  /** In questionnaire order ("true", "false" for a yes/no question; observed values when the list loads at run time). */
  values: string[];
  /** Respondents of the table's base who gave each value. */
  totals: MaybeSuppressed<{ count: number }>[];
}

export interface CrossTabCell {
  /** Respondents who gave both the row's and the column's value. */
  count: number;
  /** Of the row's total; null when the total is zero. */
  rowShare: number | null;
  /** Of the column's total; null when the total is zero. */
  columnShare: number | null;
}

/** `GET /api/surveys/:id/analytics/crosstab?rows=…&columns=…` (analysts and administrators). */
export interface AnalyticsCrossTab {
  surveyId: string;
  filters: Record<string, string>;
  disclosure: FigureDisclosure;
  minGroupSize: number;
  /** Submitted responses matching the filters. */
  respondents: number;
  /** Respondents who answered both questions: the table's base; null when the view is withheld. */
  base: number | null;
  rows: CrossTabAxis;
  columns: CrossTabAxis;
  /** `cells[r][c]`: the row's `r`-th value crossed with the column's `c`-th; suppressed under the small-group rule. */
  cells: MaybeSuppressed<CrossTabCell>[][];
}
