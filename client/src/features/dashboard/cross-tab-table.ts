import { CROSSABLE_KINDS, type AnalyticsCrossTab, type MaybeSuppressed } from "@passerelle/shared";
import { translatorFor } from "../../i18n/feature-messages";
import { SUPPRESSED, type ChartContext } from "./chart-view";
import { crossTabMessages } from "./cross-tab.messages";
import type { DashboardQuestionnaire, StatQuestion } from "./dashboard-questionnaire";

/**
 * The dashboard's cross-table, as data: which questions can be crossed, which two to start
 * with, and the table of one measure (counts, shares of the row or of the column) with its
 * totals and notes. Pure: no React, no fetch.
 */
export type CrossTabMeasure = "count" | "row" | "column";

const CROSSABLE = new Set<string>(CROSSABLE_KINDS);

/** Choice, ranking and yes/no questions, breakdown fields included, in document order. */
export function crossableQuestions(questionnaire: DashboardQuestionnaire): StatQuestion[] {
  return [...questionnaire.questions.values()].filter((question) => CROSSABLE.has(question.kind));
}

/** The first breakdown field against the first other question; any two questions otherwise; none without two. */
export function defaultAxes(questionnaire: DashboardQuestionnaire): { rows: string; columns: string } | undefined {
  const questions = crossableQuestions(questionnaire);
  const rows = questionnaire.breakdownFields.find((field) => CROSSABLE.has(field.kind)) ?? questions[0];
  const columns =
    questions.find((question) => question.name !== rows?.name && !questionnaire.breakdownFields.includes(question)) ??
    questions.find((question) => question.name !== rows?.name);
  return rows && columns ? { rows: rows.name, columns: columns.name } : undefined;
}

export interface CrossTabCellView {
  text: string;
  /** Said to screen readers (and on hover) for a withheld figure. */
  description?: string;
}

export interface CrossTabView {
  caption: string;
  /** Column headings: the column question's values, then the total. */
  columns: string[];
  rows: { header: string; cells: CrossTabCellView[] }[];
  /** The last row: the columns' totals, then the base. */
  totals: { header: string; cells: CrossTabCellView[] };
  notes: string[];
}

export function crossTabView(
  table: AnalyticsCrossTab,
  options: { rows: StatQuestion; columns: StatQuestion; measure: CrossTabMeasure },
  ctx: ChartContext,
): CrossTabView {
  const t = translatorFor(crossTabMessages, ctx.locale);
  const { formats } = ctx;
  const { measure } = options;
  const withheld: CrossTabCellView = { text: SUPPRESSED, description: ctx.t("suppressedCell", { min: formats.integer(table.minGroupSize) }) };
  const count = (cell: MaybeSuppressed<{ count: number }>): CrossTabCellView => ("count" in cell ? { text: formats.integer(cell.count) } : withheld);
  const base = table.base ?? 0;
  const share = (value: number | null): CrossTabCellView => ({ text: value === null ? "" : formats.percent(value) });
  const ofBase = (cell: MaybeSuppressed<{ count: number }>): CrossTabCellView => ("count" in cell ? share(base > 0 ? cell.count / base : null) : withheld);
  const sized = (cell: MaybeSuppressed<{ count: number }>): CrossTabCellView =>
    "count" in cell ? { text: ctx.t("baseN", { count: formats.integer(cell.count) }) } : withheld;
  const baseCell: CrossTabCellView =
    table.base === null ? withheld : measure === "count" ? { text: formats.integer(base) } : { text: ctx.t("baseN", { count: formats.integer(base) }) };

  // Values nobody in the base gave are left out, as the heat table leaves out empty groups; a
  // withheld total is kept (its emptiness is not known to the reader).
  const isKept = (total: MaybeSuppressed<{ count: number }> | undefined) => !total || !("count" in total) || total.count > 0;
  const keptRows = table.rows.values.flatMap((_value, r) => (isKept(table.rows.totals[r]) ? [r] : []));
  const keptColumns = table.columns.values.flatMap((_value, c) => (isKept(table.columns.totals[c]) ? [c] : []));

  const rows = keptRows.map((r) => {
    const total = table.rows.totals[r] ?? { suppressed: true };
    const cells = keptColumns.map((c): CrossTabCellView => {
      const cell = table.cells[r]?.[c] ?? { suppressed: true };
      if (!("count" in cell)) return withheld;
      return measure === "count" ? { text: formats.integer(cell.count) } : share(measure === "row" ? cell.rowShare : cell.columnShare);
    });
    const last = measure === "count" ? count(total) : measure === "row" ? sized(total) : ofBase(total);
    return { header: labelOf(options.rows, table.rows.values[r] ?? ""), cells: [...cells, last] };
  });
  const columnTotals = keptColumns.map((c) => {
    const total = table.columns.totals[c] ?? { suppressed: true };
    return measure === "count" ? count(total) : measure === "row" ? ofBase(total) : sized(total);
  });

  const measureLabel = t(measure === "count" ? "crossTabCounts" : measure === "row" ? "crossTabRowShares" : "crossTabColumnShares");
  const notes: string[] = [];
  if (table.base === null) notes.push(t("crossTabWithheld", { min: formats.integer(table.minGroupSize) }));
  else notes.push(t("crossTabBase", { count: formats.integer(base) }));
  for (const side of [options.rows, options.columns]) {
    const axis = side.name === table.rows.question ? table.rows : table.columns;
    if (axis.isMultiple && measure !== "count") notes.push(t("crossTabMultiple", { question: side.title }));
  }
  const hasWithheld = [...table.cells.flat(), ...table.rows.totals, ...table.columns.totals].some((cell) => !("count" in cell));
  if (hasWithheld) notes.push(t("crossTabSuppressed", { min: formats.integer(table.minGroupSize) }));
  const hidden = table.rows.values.length - keptRows.length + table.columns.values.length - keptColumns.length;
  if (hidden > 0 && table.base !== null) notes.push(t("crossTabEmptyHidden", { count: formats.integer(hidden) }));
  return {
    caption: t("crossTabCaption", { rows: options.rows.title, columns: options.columns.title, measure: measureLabel }),
    columns: [...keptColumns.map((c) => labelOf(options.columns, table.columns.values[c] ?? "")), t("crossTabTotal")],
    rows,
    totals: { header: t("crossTabTotal"), cells: [...columnTotals, baseCell] },
    notes,
  };
}

// A value's label in the reader's language; values seen in the answers (lists loaded at run time) as they are.
function labelOf(question: StatQuestion, value: string): string {
  return question.choices.find((choice) => choice.value === value)?.label ?? value;
}
