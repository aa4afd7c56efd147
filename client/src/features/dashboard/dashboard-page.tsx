import { MATCHING_SURVEYS, type AnalyticsOverview, type AnalyticsQuestion, type AnalyticsThemes, type JsonObject, type Role } from "@passerelle/shared";
import { useCallback, useMemo, useState } from "react";
import { navigate, useLocation } from "../../app/navigation";
import { briefPath, dashboardPath } from "../../app/routes";
import { ApiError } from "../../api/http";
import { Alert } from "../../components/alert";
import { PageHeading } from "../../components/page-heading";
import { RequireStaff } from "../access/require-staff";
import { FollowUpSection } from "../matching/follow-up-section";
import { errorMessageKey } from "../../i18n/error-messages";
import { useMessages } from "../../i18n/i18n-context";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useLoader } from "../../lib/use-loader";
import { BreakdownSection, TrackingSection } from "./activity-sections";
import { CrossTabSection } from "./cross-tab-section";
import { dashboardMessages } from "./dashboard.messages";
import { DownloadsSection } from "./downloads-section";
import { getDefinition, getOverview, getQuestion, getThemes } from "./dashboard.api";
import { parseFilters, periodProblem, toQueryString, type DashboardFilters } from "./dashboard-filters";
import { readDashboardQuestionnaire } from "./dashboard-questionnaire";
import { FiltersBar } from "./filters-bar";
import { INTENT_QUESTION } from "./intent";
import { MapSection } from "./map-section";
import { OverviewCards } from "./overview-cards";
import { QuestionsSection } from "./questions-section";
import type { ThemeMetric } from "./themes.chart";
import { ThemesSection } from "./themes-section";
import { TextsSection } from "../texts/texts-section";
import { BriefLink } from "../texts/brief-link";
import { useChartContext } from "./use-chart-context";
import { useRefreshingLoader } from "./use-refreshing-loader";
import "./dashboard.css";

/**
 * `/surveys/:surveyId/dashboard`: the analysts' view of the submitted responses. Loaded lazily,
 * so chart.js never weighs on the respondents' pages.
 */
export default function DashboardPage({ surveyId }: { surveyId: string }) {
  const { t } = useMessages(dashboardMessages);
  return (
    <RequireStaff roles={STAFF_ROLES} title={t("dashboardTitle")}>
      {(session) => <DashboardLoader surveyId={surveyId} role={session.account.role} />}
    </RequireStaff>
  );
}

const STAFF_ROLES: readonly Role[] = ["admin", "analyst", "viewer"];

function DashboardLoader({ surveyId, role }: { surveyId: string; role: Role }) {
  const { t } = useMessages(dashboardMessages);
  useDocumentTitle(t("dashboardTitle"));
  const [detail, reload] = useLoader((signal) => getDefinition(surveyId, signal), [surveyId]);

  if (detail.status === "loading") {
    return (
      <section className="page">
        <PageHeading>{t("dashboardTitle")}</PageHeading>
        <p className="loading" role="status">
          {t("dashboardLoading")}
        </p>
      </section>
    );
  }
  if (detail.status === "error") {
    return (
      <section className="page">
        <PageHeading>{t("dashboardTitle")}</PageHeading>
        <Alert tone="error">
          <p>{t("dashboardLoadFailed", { reason: t(errorMessageKey(detail.error)) })}</p>
          <button type="button" className="button" onClick={reload}>
            {t("retry")}
          </button>
        </Alert>
      </section>
    );
  }
  return <Dashboard surveyId={surveyId} definition={detail.data.definition} role={role} />;
}

interface Results {
  overview: AnalyticsOverview;
  themes: AnalyticsThemes | null;
  intent: AnalyticsQuestion | null;
}

function Dashboard({ surveyId, definition, role }: { surveyId: string; definition: JsonObject; role: Role }) {
  const { t, locale } = useMessages(dashboardMessages);
  const ctx = useChartContext();
  const questionnaire = useMemo(
    () =>
      readDashboardQuestionnaire(
        definition,
        locale,
        {
          yes: t("answerYes"),
          no: t("answerNo"),
          other: t("answerOther"),
          none: t("answerNone"),
          computed: t("computedValues"),
        },
        role !== "viewer",
      ),
    // `t` changes with `locale`.
    [definition, locale, role],
  );
  const fields = questionnaire.breakdownFields;
  const location = useLocation();
  const filters = useMemo(() => parseFilters(location.search, fields), [location.search, fields]);
  const query = toQueryString(filters, fields);
  const problem = periodProblem(filters);
  const [metric, setMetric] = useState<ThemeMetric>("score");

  // The address is the filters' one home: every chart reads them from it.
  const handleFiltersChange = useCallback(
    (next: DashboardFilters) => navigate(dashboardPath(surveyId, toQueryString(next, fields)), { replace: true }),
    [surveyId, fields],
  );

  // What to load depends on the questionnaire's questions, not on the language of their labels:
  // switching language must not fetch the figures again.
  const needs = { themes: !!questionnaire.themeQuestion, intent: questionnaire.questions.has(INTENT_QUESTION) };
  const results = useRefreshingLoader(
    (signal) => (problem ? Promise.resolve(null) : loadResults(surveyId, query, needs, signal)),
    [surveyId, query, problem, needs.themes, needs.intent],
  );
  const data = problem ? null : results.data;
  const groupField = fields[0];

  return (
    <section className="page dashboard">
      <PageHeading>{t("dashboardTitle")}</PageHeading>
      <p className="lead">{t("dashboardIntro", { title: questionnaire.title })}</p>
      <BriefLink href={briefPath(surveyId, query)} />
      <FiltersBar fields={fields} filters={filters} onChange={handleFiltersChange} isOneAtATime={role === "viewer"} />
      {role === "viewer" && data && <p className="muted">{t("controlledNote", { min: ctx.formats.integer(data.overview.minGroupSize) })}</p>}

      <p className="dashboard-status" role="status">
        {results.isLoading && !problem ? t(data ? "dashboardUpdating" : "dashboardLoading") : ""}
      </p>
      {problem === "inverted" && <Alert tone="error">{t("filterPeriodInverted")}</Alert>}
      {!problem && results.error !== undefined && !results.isLoading && (
        <Alert tone="error">
          <p>{isFilterError(results.error) ? t("filterInvalid") : t("dashboardLoadFailed", { reason: t(errorMessageKey(results.error)) })}</p>
          <button type="button" className="button" onClick={results.reload}>
            {t("retry")}
          </button>
        </Alert>
      )}

      {data && (
        <div className={results.isLoading ? "dashboard-body is-updating" : "dashboard-body"}>
          <OverviewCards overview={data.overview} intent={data.intent} hasPeriod={!!(filters.from || filters.to)} ctx={ctx} />
          {data.overview.respondents === null && (
            <Alert tone="info">
              <p>{t("viewWithheld", { min: ctx.formats.integer(data.overview.minGroupSize) })}</p>
            </Alert>
          )}
          {data.overview.respondents === 0 && (
            <p className="empty-state" role="status">
              {t("dashboardEmpty")}
            </p>
          )}
          {data.overview.respondents !== null && <TrackingSection overview={data.overview} ctx={ctx} />}
          {(data.overview.respondents ?? 0) > 0 && (
            <>
              {groupField && <BreakdownSection overview={data.overview} field={groupField} ctx={ctx} />}
              <MapSection surveyId={surveyId} questionnaire={questionnaire} overview={data.overview} query={query} ctx={ctx} />
              {data.themes && <ThemesSection themes={data.themes} questionnaire={questionnaire} metric={metric} onMetricChange={setMetric} ctx={ctx} />}
              <QuestionsSection surveyId={surveyId} questionnaire={questionnaire} query={query} ctx={ctx} />
              {role !== "viewer" && <TextsSection surveyId={surveyId} questionnaire={questionnaire} query={query} />}
              {role !== "viewer" && <CrossTabSection surveyId={surveyId} questionnaire={questionnaire} query={query} ctx={ctx} />}
              <DownloadsSection surveyId={surveyId} query={query} withRawResponses={role !== "viewer"} repeats={questionnaire.repeats} />
            </>
          )}
          {surveyId === MATCHING_SURVEYS.lebanese && <FollowUpSection className="dashboard-section follow-up-on-dashboard" />}
        </div>
      )}
    </section>
  );
}

/** The first row's figures and the themes, in parallel; the intent card only for questionnaires that ask it. */
async function loadResults(surveyId: string, query: string, needs: { themes: boolean; intent: boolean }, signal: AbortSignal): Promise<Results> {
  const [overview, themes, intent] = await Promise.all([
    getOverview(surveyId, query, signal),
    needs.themes ? getThemes(surveyId, query, signal) : Promise.resolve(null),
    needs.intent ? getQuestion(surveyId, INTENT_QUESTION, query, signal) : Promise.resolve(null),
  ]);
  return { overview, themes, intent };
}

function isFilterError(error: unknown): boolean {
  return error instanceof ApiError && error.code === "invalid_request";
}
