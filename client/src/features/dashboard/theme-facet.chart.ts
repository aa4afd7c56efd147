import type { QuestionFigures } from "@passerelle/shared";
import { horizontalBarOptions, seriesColour, type BarConfig, type ChartContext, type ChartView } from "./chart-view";
import type { StatQuestion } from "./dashboard-questionnaire";
import { choiceShares, sharesSummaryAndTable } from "./question.chart";

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
  const rows = choiceShares(question, figures);
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
    ...sharesSummaryAndTable(question, rows, [t("sharesBase", { count: formats.integer(figures.n) })], ctx),
    legend: rows.map((row, index) => ({ label: row.choice.label, colour: seriesColour(index) })),
    height: 84,
  };
}
