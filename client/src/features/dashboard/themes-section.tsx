import type { AnalyticsThemes } from "@passerelle/shared";
import { useId, useMemo } from "react";
import { Alert } from "../../components/alert";
import { useMessages } from "../../i18n/i18n-context";
import { ChartPanel } from "./chart-panel";
import type { ChartContext } from "./chart-view";
import { DashboardSection } from "./dashboard-section";
import type { DashboardQuestionnaire } from "./dashboard-questionnaire";
import { dashboardMessages } from "./dashboard.messages";
import { HeatTableSection } from "./heat-table-section";
import { ThemeDetails } from "./theme-details";
import { hasScores, rankThemes, themeLabels, themesChart, type ThemeMetric } from "./themes.chart";

interface ThemesSectionProps {
  themes: AnalyticsThemes;
  questionnaire: DashboardQuestionnaire;
  metric: ThemeMetric;
  onMetricChange: (metric: ThemeMetric) => void;
  ctx: ChartContext;
}

/** The themes ranked (chart), then theme × governorate (heat table), then each theme's details. */
export function ThemesSection({ themes, questionnaire, metric: chosenMetric, onMetricChange, ctx }: ThemesSectionProps) {
  const { t } = useMessages(dashboardMessages);
  const labels = useMemo(() => themeLabels(questionnaire), [questionnaire]);
  const canScore = hasScores(themes);
  // Without a ranking (the French offer's checkboxes) there are shares only.
  const metric: ThemeMetric = canScore ? chosenMetric : "share";
  const title = t("themesTitle");
  const view = useMemo(
    () => themesChart(themes, { metric, labels, maxRanked: questionnaire.maxRanked, title }, ctx),
    [themes, metric, labels, questionnaire, title, ctx],
  );
  const order = useMemo(() => rankThemes(themes, metric, labels), [themes, metric, labels]);
  const groupField = themes.groupField ? questionnaire.questions.get(themes.groupField) : undefined;

  return (
    <>
      <DashboardSection title={title} actions={canScore && view ? <MetricSwitch metric={metric} onChange={onMetricChange} /> : undefined}>
        {view ? <ChartPanel view={view} /> : <Alert tone="info">{t("themesSuppressed", { min: ctx.formats.integer(themes.minGroupSize) })}</Alert>}
      </DashboardSection>
      {groupField && <HeatTableSection themes={themes} groupField={groupField} labels={labels} order={order.map((row) => row.theme)} ctx={ctx} />}
      {order.length > 0 && <ThemeDetails ranked={order} questionnaire={questionnaire} ctx={ctx} />}
    </>
  );
}

/** Score or share: two radio buttons styled as a segmented switch. */
function MetricSwitch({ metric, onChange }: { metric: ThemeMetric; onChange: (metric: ThemeMetric) => void }) {
  const { t } = useMessages(dashboardMessages);
  const name = useId();
  const options: { value: ThemeMetric; label: string }[] = [
    { value: "score", label: t("metricScore") },
    { value: "share", label: t("metricShare") },
  ];
  return (
    <fieldset className="segmented">
      <legend>{t("themesMetricLabel")}</legend>
      {options.map((option) => (
        <label key={option.value}>
          <input type="radio" name={name} value={option.value} checked={metric === option.value} onChange={() => onChange(option.value)} />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
