import type { QuestionFigures } from "@passerelle/shared";
import {
  horizontalBarOptions,
  horizontalChartHeight,
  labelWidth,
  seriesColour,
  SUPPRESSED,
  wrapLabel,
  type BarConfig,
  type ChartContext,
  type ChartView,
  type TableView,
} from "./chart-view";
import type { Choice, StatQuestion } from "./dashboard-questionnaire";
import { summarise } from "./summary";
import { NEUTRAL_COLOUR, themeColour } from "./theme-colours";

/**
 * How one question's figures are shown, by kind: bars of shares for choices (single, multiple,
 * yes/no), bars of Borda scores for rankings, a stacked bar for a matrix, a small table for
 * numbers, a count for free text (whose answers are never shown here).
 */
export type QuestionView =
  | { kind: "chart"; chart: ChartView }
  | { kind: "table"; table: TableView }
  | { kind: "message"; text: string }
  /** A group: a view per part (item, cell, column, question of a dynamic panel), with notes. */
  | { kind: "parts"; notes: string[]; parts: { name: string; title: string; view: QuestionView }[] };

type Figures<K extends QuestionFigures["kind"]> = Extract<QuestionFigures, { kind: K }>;

export function questionView(question: StatQuestion, figures: QuestionFigures, ctx: ChartContext): QuestionView {
  const { t, formats } = ctx;
  if (figures.n === 0) return { kind: "message", text: t("questionNoAnswer") };
  switch (figures.kind) {
    case "counts":
      return { kind: "chart", chart: countsChart(withObservedChoices(question, figures.counts), figures, ctx) };
    case "ranking":
      return { kind: "chart", chart: rankingChart(withObservedChoices(question, scoresOf(figures)), figures, ctx) };
    case "matrix":
      return { kind: "chart", chart: matrixChart(question, figures, ctx) };
    case "numeric":
      return { kind: "table", table: numericTable(question, figures, ctx) };
    case "text":
      if (question.kind !== "file") return { kind: "message", text: t("textAnswers", { count: formats.integer(figures.n) }) };
      return { kind: "message", text: t(question.signature ? "signatureAnswers" : "fileAnswers", { count: formats.integer(figures.n) }) };
    case "values": {
      // A computed value: numbers in five figures, words as the choices they are.
      const words = Object.values(figures.counts).reduce((sum, count) => sum + count, 0);
      if (figures.numbers.n >= words) return { kind: "table", table: numericTable(question, figures.numbers, ctx) };
      const counts = { kind: "counts" as const, n: words, counts: figures.counts };
      return { kind: "chart", chart: countsChart(withObservedChoices({ ...question, openChoices: true }, figures.counts), counts, ctx) };
    }
    case "group":
      return {
        kind: "parts",
        notes: question.repeated ? [t("groupRows", { rows: formats.integer(figures.entries), count: formats.integer(figures.n) })] : [],
        parts: (question.parts ?? []).flatMap((part) => {
          const partFigures = figures.parts[part.name];
          return partFigures ? [{ name: part.name, title: part.title, view: questionView(part, partFigures, ctx) }] : [];
        }),
      };
  }
}

function scoresOf(figures: Figures<"ranking">): Record<string, number> {
  return Object.fromEntries(Object.entries(figures.items).map(([value, item]) => [value, item.score]));
}

/**
 * A question whose choices load when the form runs has none listed: its choices are the values
 * respondents gave, most given first, labelled as given.
 */
export function withObservedChoices(question: StatQuestion, counts: Record<string, number>): StatQuestion {
  if (!question.openChoices) return question;
  const listed = new Set(question.choices.map((choice) => choice.value));
  const observed = Object.entries(counts)
    .filter(([value]) => !listed.has(value))
    .sort(([, a], [, b]) => b - a)
    .map(([value]) => ({ value, label: value }));
  return { ...question, choices: [...question.choices, ...observed] };
}

/**
 * Choices as bars of shares, the base being the respondents who answered (so shares of a
 * multiple choice may add up to more than 100 %). Choices keep the questionnaire's order,
 * which is often a scale (immediate, short term, medium term).
 */
export function countsChart(question: StatQuestion, figures: Figures<"counts">, ctx: ChartContext): ChartView {
  const { t, formats } = ctx;
  const rows = choiceShares(question, figures);
  const labels = rows.map((row) => wrapLabel(row.choice.label, labelWidth(ctx)));
  const config: BarConfig = {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          label: t("colShare"),
          data: rows.map((row) => row.share),
          backgroundColor: rows.map((row) => (row.choice.theme ? themeColour(row.choice.theme) : NEUTRAL_COLOUR)),
          maxBarThickness: 24,
        },
      ],
    },
    options: horizontalBarOptions(ctx, { format: formats.percent, max: 1 }),
  };
  const notes = [t("sharesBase", { count: formats.integer(figures.n) })];
  if (question.kind === "multi") notes.push(t("multipleAnswers"));
  if (question.openChoices) notes.push(t("observedChoices"));
  return { config, ...sharesSummaryAndTable(question, rows, notes, ctx), legend: [], height: horizontalChartHeight(labels) };
}

export interface ChoiceShare {
  choice: Choice;
  count: number;
  share: number;
}

/** Each choice's count and share of the respondents who answered, in questionnaire order. */
export function choiceShares(question: StatQuestion, figures: Figures<"counts">): ChoiceShare[] {
  return question.choices.map((choice) => {
    const count = figures.counts[choice.value] ?? 0;
    return { choice, count, share: figures.n > 0 ? count / figures.n : 0 };
  });
}

/** The screen-reader summary and the copyable table of a chart of choice shares. */
export function sharesSummaryAndTable(
  question: StatQuestion,
  rows: readonly ChoiceShare[],
  notes: string[],
  ctx: ChartContext,
): Pick<ChartView, "summary" | "table"> {
  const { t, formats } = ctx;
  return {
    summary: summarise(
      ctx,
      question.title,
      rows.map((row) => [row.choice.label, formats.percent(row.share)]),
    ),
    table: {
      caption: question.title,
      columns: [t("colAnswer"), t("colCount"), t("colShare")],
      rows: rows.map((row) => ({ header: row.choice.label, cells: [formats.integer(row.count), formats.percent(row.share)] })),
      notes,
    },
  };
}

/** Ranked items as bars of Borda points, highest first, themes in their catalogue colours. */
export function rankingChart(question: StatQuestion, figures: Figures<"ranking">, ctx: ChartContext): ChartView {
  const { t, formats } = ctx;
  const rows = question.choices
    .map((choice) => ({ choice, item: figures.items[choice.value] }))
    .filter((row): row is { choice: Choice; item: NonNullable<typeof row.item> } => row.item !== undefined)
    .sort((a, b) => b.item.score - a.item.score);
  const labels = rows.map((row) => wrapLabel(row.choice.label, labelWidth(ctx)));
  const config: BarConfig = {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          label: t("colScore"),
          data: rows.map((row) => row.item.score),
          backgroundColor: rows.map((row) => (row.choice.theme ? themeColour(row.choice.theme) : NEUTRAL_COLOUR)),
          maxBarThickness: 24,
        },
      ],
    },
    options: horizontalBarOptions(ctx, { format: formats.integer }),
  };
  const dash = (value: number | null, format: (value: number) => string) => (value === null ? SUPPRESSED : format(value));
  return {
    config,
    summary: summarise(
      ctx,
      `${question.title} (${t("colScore")})`,
      rows.map((row) => [row.choice.label, formats.integer(row.item.score)]),
    ),
    table: {
      caption: question.title,
      columns: [t("colAnswer"), t("colScore"), t("colCited"), t("colShare"), t("colRankedFirst"), t("colMeanRank")],
      rows: rows.map(({ choice, item }) => ({
        header: choice.label,
        cells: [
          formats.integer(item.score),
          formats.integer(item.ranked),
          dash(item.share, formats.percent),
          formats.integer(item.rankedFirst),
          dash(item.meanRank, formats.decimal),
        ],
      })),
      notes: [t("sharesBase", { count: formats.integer(figures.n) }), t("scoreExplain")],
    },
    legend: [],
    height: horizontalChartHeight(labels),
  };
}

/** A matrix as one stacked bar per row, a segment per column, counting respondents. */
export function matrixChart(question: StatQuestion, figures: Figures<"matrix">, ctx: ChartContext): ChartView {
  const { t, formats } = ctx;
  const rows = question.rows ?? [];
  const columns = question.columns ?? [];
  const count = (row: string, column: string) => figures.cells[row]?.[column] ?? 0;
  const labels = rows.map((row) => wrapLabel(row.label, labelWidth(ctx)));
  const config: BarConfig = {
    type: "bar",
    data: {
      labels,
      datasets: columns.map((column, index) => ({
        label: column.label,
        data: rows.map((row) => count(row.value, column.value)),
        backgroundColor: seriesColour(index),
        maxBarThickness: 28,
      })),
    },
    options: horizontalBarOptions(ctx, { format: formats.integer, isStacked: true }),
  };
  return {
    config,
    summary: summarise(
      ctx,
      question.title,
      rows.map((row) => [row.label, formats.list(columns.map((column) => `${column.label} ${formats.integer(count(row.value, column.value))}`))]),
    ),
    table: {
      caption: question.title,
      columns: [t("colItem"), ...columns.map((column) => column.label)],
      rows: rows.map((row) => ({ header: row.label, cells: columns.map((column) => formats.integer(count(row.value, column.value))) })),
      notes: [t("sharesBase", { count: formats.integer(figures.n) })],
    },
    legend: columns.map((column, index) => ({ label: column.label, colour: seriesColour(index) })),
    height: horizontalChartHeight(labels),
  };
}

/** A number question (or a rating) in five figures. */
export function numericTable(question: StatQuestion, figures: Omit<Figures<"numeric">, "kind">, ctx: ChartContext): TableView {
  const { t, formats } = ctx;
  const show = (value: number | null) => (value === null ? SUPPRESSED : formats.decimal(value));
  const isEstimated = figures.median !== null && !figures.isMedianExact;
  const median = isEstimated ? t("medianEstimated", { value: show(figures.median) }) : show(figures.median);
  return {
    caption: question.title,
    columns: [t("colStatistic"), t("colValue")],
    rows: [
      { header: t("numericN"), cells: [formats.integer(figures.n)] },
      { header: t("numericMean"), cells: [show(figures.mean)] },
      { header: t("numericMedian"), cells: [median] },
      { header: t("numericMin"), cells: [show(figures.min)] },
      { header: t("numericMax"), cells: [show(figures.max)] },
    ],
    notes: isEstimated ? [t("medianEstimatedNote")] : [],
  };
}
