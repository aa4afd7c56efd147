import { isSuppressed, type AnalyticsOverview } from "@passerelle/shared";
import {
  horizontalBarOptions,
  horizontalChartHeight,
  labelWidth,
  SUPPRESSED,
  wrapLabel,
  type BarConfig,
  type ChartContext,
  type ChartView,
} from "./chart-view";
import type { StatQuestion } from "./dashboard-questionnaire";
import { summarise } from "./summary";
import { NEUTRAL_COLOUR } from "./theme-colours";

type BreakdownEntries = AnalyticsOverview["breakdowns"][string];

/**
 * Respondents per value of a breakdown field (per governorate), as horizontal bars in the
 * questionnaire's order. A count withheld because the group is small has no bar and reads "—".
 */
export function breakdownChart(entries: BreakdownEntries, field: StatQuestion, minGroupSize: number, ctx: ChartContext): ChartView {
  const { formats, t } = ctx;
  const title = t("breakdownTitle", { field: field.title });
  const rows = entries.map((entry) => ({
    label: field.choices.find((choice) => choice.value === entry.value)?.label ?? entry.value,
    count: isSuppressed(entry.respondents) ? null : entry.respondents.count,
  }));
  const hasSuppressed = rows.some((row) => row.count === null);
  const labels = rows.map((row) => wrapLabel(row.label, labelWidth(ctx)));
  const config: BarConfig = {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          label: t("colRespondents"),
          data: rows.map((row) => row.count),
          backgroundColor: NEUTRAL_COLOUR,
          maxBarThickness: 24,
        },
      ],
    },
    options: horizontalBarOptions(ctx, { format: formats.integer }),
  };
  const show = (count: number | null) => (count === null ? SUPPRESSED : formats.integer(count));
  return {
    config,
    summary: summarise(
      ctx,
      title,
      rows.map((row) => [row.label, row.count === null ? t("suppressedWord") : formats.integer(row.count)]),
    ),
    table: {
      caption: title,
      columns: [field.title, t("colRespondents")],
      rows: rows.map((row) => ({ header: row.label, cells: [show(row.count)] })),
      notes: hasSuppressed ? [t("suppressedNote", { min: formats.integer(minGroupSize) })] : [],
    },
    legend: [],
    height: horizontalChartHeight(labels),
  };
}
