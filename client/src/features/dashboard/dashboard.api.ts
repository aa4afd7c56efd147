import type { AnalyticsOverview, AnalyticsQuestion, AnalyticsThemes, SurveyDetail } from "@passerelle/shared";
import { request } from "../../api/http";

/**
 * The dashboard's calls to the analytics API. `query` is the filters as a query string without
 * `?` (`toQueryString` in `dashboard-filters.ts`), the same on every endpoint.
 */

/** The questionnaire's SurveyJS definition: question titles and choice labels in every language. */
export function getDefinition(surveyId: string, signal?: AbortSignal): Promise<SurveyDetail> {
  return request<SurveyDetail>("GET", surveyPath(surveyId), { signal });
}

/** Submitted and draft counts, respondents per breakdown value, activity per day. */
export function getOverview(surveyId: string, query: string, signal?: AbortSignal): Promise<AnalyticsOverview> {
  return request<AnalyticsOverview>("GET", analyticsPath(surveyId, "overview", query), { signal });
}

/** Each theme's figures overall (with its facets) and per value of the first breakdown field. */
export function getThemes(surveyId: string, query: string, signal?: AbortSignal): Promise<AnalyticsThemes> {
  return request<AnalyticsThemes>("GET", analyticsPath(surveyId, "themes", query), { signal });
}

/** One question's figures. */
export function getQuestion(surveyId: string, questionName: string, query: string, signal?: AbortSignal): Promise<AnalyticsQuestion> {
  return request<AnalyticsQuestion>("GET", analyticsPath(surveyId, `questions/${encodeURIComponent(questionName)}`, query), {
    signal,
  });
}

function surveyPath(surveyId: string): string {
  return `/api/surveys/${encodeURIComponent(surveyId)}`;
}

function analyticsPath(surveyId: string, endpoint: string, query: string): string {
  const path = `${surveyPath(surveyId)}/analytics/${endpoint}`;
  return query ? `${path}?${query}` : path;
}
