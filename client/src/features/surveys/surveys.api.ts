import type { Locale, SurveyDetail, SurveySummary } from "@passerelle/shared";
import { request } from "../../api/http";

// Titles of the questionnaires listed so far: the form page shows its title while its code loads.
const knownTitles = new Map<string, Record<Locale, string>>();

/** Every questionnaire the server knows, with titles in every locale. */
export async function listSurveys(signal?: AbortSignal): Promise<SurveySummary[]> {
  const surveys = await request<SurveySummary[]>("GET", "/api/surveys", { signal });
  for (const survey of surveys) knownTitles.set(survey.id, survey.title);
  return surveys;
}

/** The title of a questionnaire already listed on this page, if any. */
export function knownSurveyTitle(surveyId: string, locale: Locale): string | null {
  return knownTitles.get(surveyId)?.[locale] ?? null;
}

/** One questionnaire with its SurveyJS definition. */
export function getSurvey(surveyId: string, signal?: AbortSignal): Promise<SurveyDetail> {
  return request<SurveyDetail>("GET", `/api/surveys/${encodeURIComponent(surveyId)}`, { signal });
}
