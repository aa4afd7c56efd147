import { useMemo, useState } from "react";
import { useMessages } from "../../i18n/i18n-context";
import { ChartPanel } from "./chart-panel";
import type { ChartContext } from "./chart-view";
import { DashboardSection } from "./dashboard-section";
import { findFacetQuestion, type DashboardQuestionnaire } from "./dashboard-questionnaire";
import { dashboardMessages } from "./dashboard.messages";
import { CHARTED_FACETS, facetChart } from "./theme-facet.chart";
import type { RankedTheme } from "./themes.chart";

interface ThemeDetailsProps {
  /** Themes in the order of the themes chart. */
  ranked: readonly RankedTheme[];
  questionnaire: DashboardQuestionnaire;
  ctx: ChartContext;
}

/**
 * One expandable entry per theme cited: the urgency, budget, studies and co-funding its
 * respondents declared, each as a distribution. Charts are drawn only once an entry is open.
 */
export function ThemeDetails({ ranked, questionnaire, ctx }: ThemeDetailsProps) {
  const { t } = useMessages(dashboardMessages);
  const cited = ranked.filter((row) => row.figures.cited > 0);
  if (cited.length === 0) return null;
  return (
    <DashboardSection title={t("themeDetailsTitle")}>
      <p className="muted">{t("themeDetailsIntro")}</p>
      <div className="details-list">
        {cited.map((row) => (
          <ThemeEntry key={row.theme} row={row} questionnaire={questionnaire} ctx={ctx} />
        ))}
      </div>
    </DashboardSection>
  );
}

function ThemeEntry({ row, questionnaire, ctx }: { row: RankedTheme; questionnaire: DashboardQuestionnaire; ctx: ChartContext }) {
  const { t } = useMessages(dashboardMessages);
  const [isOpen, setOpen] = useState(false);
  return (
    <details className="details-entry" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <span className="swatch" style={{ backgroundColor: row.colour }} aria-hidden="true" />
        <span className="details-title">{row.label}</span>
        <span className="details-meta">{t("themeCited", { count: ctx.formats.integer(row.figures.cited) })}</span>
      </summary>
      {isOpen && <ThemeFacets row={row} questionnaire={questionnaire} ctx={ctx} />}
    </details>
  );
}

function ThemeFacets({ row, questionnaire, ctx }: { row: RankedTheme; questionnaire: DashboardQuestionnaire; ctx: ChartContext }) {
  const { t } = useMessages(dashboardMessages);
  const facets = useMemo(
    () =>
      CHARTED_FACETS.map((facet) => {
        const question = findFacetQuestion(questionnaire, row.theme, facet);
        return question ? { facet, question, view: facetChart(question, row.figures.facets[facet], ctx) } : null;
      }).filter((entry) => entry !== null && entry.view !== null),
    [row, questionnaire, ctx],
  );
  const needs = row.figures.facets.need;
  return (
    <div className="details-body">
      {needs && needs.kind === "text" && <p>{t("themeNeeds", { count: ctx.formats.integer(needs.n) })}</p>}
      {facets.length === 0 && <p className="muted">{t("themeNoDetails")}</p>}
      {facets.map((entry) =>
        entry?.view ? (
          <div key={entry.facet} className="facet">
            <h3 className="facet-title">{entry.question.title}</h3>
            <ChartPanel view={entry.view} />
          </div>
        ) : null,
      )}
    </div>
  );
}
