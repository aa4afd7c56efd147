import type { QuestionFigures } from "@passerelle/shared";
import { horizontalBarOptions, seriesColour, type BarConfig, type ChartContext, type ChartView } from "./chart-view";
import type { StatQuestion } from "./dashboard-questionnaire";
import { summarise } from "./summary";

/** The facets shown for each theme, in this order; the need itself is free text, counted only. */
export const CHARTED_FACETS = ["urgency", "budget", "studies", "cofunding"] as const;

/**
 * One facet of a theme (its urgency, its budget…) as a single bar split by answer: each segment
 * is the share of the respondents who answered, so the bar reads as a distribution at a glance.
 * Null when nobody answered or the figures are not counts.
 */
export function facetChart(question: StatQuestion, figures: QuestionFigures | undefined, ctx: ChartContext): ChartView | null {
  if (!figures || figures.kind !== "counts" || figures.n === 0) return null;
  const { t, formats } = ctx;
  const rows = question.choices.map((choice) => {
    const count = figures.counts[choice.value] ?? 0;
    return { choice, count, share: count / figures.n };
  });
  const config: BarConfig = {
    type: "bar",
    data: {
      labels: [question.title],
      datasets: rows.map((row, index) => ({
        label: row.choice.label,
        data: [row.share],
        backgroundColor: seriesColour(index),
        maxBarThickness: 32,
      })),
    },
    options: horizontalBarOptions(ctx, { format: formats.percent, max: 1, isStacked: true }),
  };
  // The heading above the chart names the facet: the bar needs no label of its own.
  const y = config.options?.scales?.y;
  if (y) y.ticks = { ...y.ticks, display: false };
  return {
    config,
    summary: summarise(ctx, question.title, rows.map((row) => [row.choice.label, formats.percent(row.share)])),
    table: {
      caption: question.title,
      columns: [t("colAnswer"), t("colCount"), t("colShare")],
      rows: rows.map((row) => ({ header: row.choice.label, cells: [formats.integer(row.count), formats.percent(row.share)] })),
      notes: [t("sharesBase", { count: formats.integer(figures.n) })],
    },
    legend: rows.map((row, index) => ({ label: row.choice.label, colour: seriesColour(index) })),
    height: 84,
  };
}
