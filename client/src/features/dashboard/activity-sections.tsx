import type { AnalyticsOverview } from "@passerelle/shared";
import { useMemo } from "react";
import { useMessages } from "../../i18n/i18n-context";
import { breakdownChart } from "./breakdown.chart";
import { ChartPanel } from "./chart-panel";
import type { ChartContext } from "./chart-view";
import { DashboardSection } from "./dashboard-section";
import type { StatQuestion } from "./dashboard-questionnaire";
import { dashboardMessages } from "./dashboard.messages";
import { trackingChart } from "./tracking.chart";

/** Responses started and submitted per day. */
export function TrackingSection({ overview, ctx }: { overview: AnalyticsOverview; ctx: ChartContext }) {
  const { t } = useMessages(dashboardMessages);
  const title = t("trackingTitle");
  const view = useMemo(() => trackingChart(overview.tracking, title, ctx), [overview, title, ctx]);
  return <DashboardSection title={title}>{view ? <ChartPanel view={view} /> : <p className="muted">{t("trackingEmpty")}</p>}</DashboardSection>;
}

/** Respondents per value of the first breakdown field (per governorate for the census). */
export function BreakdownSection({ overview, field, ctx }: { overview: AnalyticsOverview; field: StatQuestion; ctx: ChartContext }) {
  const { t } = useMessages(dashboardMessages);
  const entries = overview.breakdowns[field.name];
  const view = useMemo(() => (entries ? breakdownChart(entries, field, overview.minGroupSize, ctx) : null), [entries, field, overview, ctx]);
  if (!view) return null;
  return (
    <DashboardSection title={t("breakdownTitle", { field: field.title })}>
      <ChartPanel view={view} />
    </DashboardSection>
  );
}
