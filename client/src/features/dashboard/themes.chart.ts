import { isSuppressed, type AnalyticsThemes, type PresentedThemeFigures } from "@passerelle/shared";
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
import type { DashboardQuestionnaire } from "./dashboard-questionnaire";
import { summarise } from "./summary";
import { themeColour } from "./theme-colours";

/** What the themes chart ranks by: Borda points (rankings only) or the share of respondents citing a theme. */
export type ThemeMetric = "score" | "share";

export interface RankedTheme {
  theme: string;
  label: string;
  colour: string;
  figures: PresentedThemeFigures;
}

/** Theme id → label, from the theme question's choices (the server gives them the catalogue's labels). */
export function themeLabels(questionnaire: DashboardQuestionnaire): ReadonlyMap<string, string> {
  const choices = questionnaire.themeQuestion?.choices ?? [];
  return new Map(choices.filter((choice) => choice.theme).map((choice) => [choice.theme as string, choice.label]));
}

/** Whether the theme question is a ranking, so themes have Borda scores (the census) or only shares (the offer's checkboxes). */
export function hasScores(themes: AnalyticsThemes): boolean {
  return themes.themes.some((theme) => !isSuppressed(theme.overall) && theme.overall.score !== null);
}

/**
 * The themes with figures, highest `metric` first; ties keep the catalogue's order (the API's).
 * Empty when the overall figures are withheld (the filters narrow to a small group).
 */
export function rankThemes(themes: AnalyticsThemes, metric: ThemeMetric, labels: ReadonlyMap<string, string>): RankedTheme[] {
  const ranked: RankedTheme[] = [];
  for (const { theme, overall } of themes.themes) {
    if (isSuppressed(overall)) continue;
    ranked.push({ theme, label: labels.get(theme) ?? theme, colour: themeColour(theme), figures: overall });
  }
  const value = (row: RankedTheme) => row.figures[metric] ?? -1;
  // Array.prototype.sort is stable: equal values keep the catalogue order.
  return ranked.sort((a, b) => value(b) - value(a));
}

/**
 * The themes ranked as horizontal bars in their catalogue colours, by score or share; the table
 * gives every figure the API has for each theme.
 */
export function themesChart(
  themes: AnalyticsThemes,
  options: { metric: ThemeMetric; labels: ReadonlyMap<string, string>; maxRanked: number | undefined; title: string },
  ctx: ChartContext,
): ChartView | null {
  const rows = rankThemes(themes, options.metric, options.labels);
  if (rows.length === 0) return null;
  const { formats, t } = ctx;
  const isShare = options.metric === "share";
  const format = isShare ? formats.percent : formats.integer;
  const withScores = hasScores(themes);
  const metricLabel = isShare ? t("colShare") : t("colScore");
  const barLabels = rows.map((row) => wrapLabel(row.label, labelWidth(ctx)));
  const config: BarConfig = {
    type: "bar",
    data: {
      labels: barLabels,
      datasets: [
        {
          label: metricLabel,
          data: rows.map((row) => row.figures[options.metric]),
          backgroundColor: rows.map((row) => row.colour),
          maxBarThickness: 24,
        },
      ],
    },
    options: horizontalBarOptions(ctx, { format, ...(isShare ? { max: 1 } : {}) }),
  };

  const columns = [t("colTheme")];
  if (withScores) columns.push(t("colScore"));
  columns.push(t("colCited"), t("colShare"));
  if (withScores) columns.push(t("colRankedFirst"), t("colMeanRank"));
  const notes = [t("themesBase", { count: themes.respondents === null ? SUPPRESSED : formats.integer(themes.respondents) })];
  if (withScores && options.maxRanked) {
    notes.push(t("themesScoreExplain", { max: formats.integer(options.maxRanked) }));
  }

  return {
    config,
    summary: summarise(
      ctx,
      `${options.title} (${metricLabel})`,
      rows.map((row) => [row.label, row.figures[options.metric] === null ? SUPPRESSED : format(row.figures[options.metric] ?? 0)]),
    ),
    table: {
      caption: `${options.title} (${metricLabel})`,
      columns,
      rows: rows.map((row) => {
        const { score, cited, share, rankedFirst, meanRank } = row.figures;
        const cells: string[] = [];
        const show = (value: number | null, format: (value: number) => string) => (value === null ? SUPPRESSED : format(value));
        if (withScores) cells.push(show(score, formats.integer));
        cells.push(formats.integer(cited), show(share, formats.percent));
        if (withScores) cells.push(show(rankedFirst, formats.integer), show(meanRank, formats.decimal));
        return { header: row.label, cells };
      }),
      notes,
    },
    legend: [],
    height: horizontalChartHeight(barLabels),
  };
}
