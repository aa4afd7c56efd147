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

/** One questionnaire with its SurveyJS definition (the one `prefetchSurvey` started, if recent). */
export function getSurvey(surveyId: string, signal?: AbortSignal): Promise<SurveyDetail> {
  const early = earlyRequests.get(surveyId);
  earlyRequests.delete(surveyId);
  if (early && Date.now() - early.startedAt <= EARLY_REQUEST_MAX_AGE_MS) return early.survey;
  return request<SurveyDetail>("GET", `/api/surveys/${encodeURIComponent(surveyId)}`, { signal });
}

// A request started while the form's code downloads is taken by the form within seconds; one
// left older than this (the respondent went elsewhere) is not trusted to be current.
const EARLY_REQUEST_MAX_AGE_MS = 60_000;
const earlyRequests = new Map<string, { survey: Promise<SurveyDetail>; startedAt: number }>();

/**
 * Starts fetching a questionnaire before the form page's code has arrived, which otherwise asks
 * for it only once that code runs: on a weak line the two downloads overlap instead of following
 * each other. The form page's `getSurvey` takes the answer (or the failure) once.
 */
export function prefetchSurvey(surveyId: string): void {
  if (earlyRequests.has(surveyId)) return;
  const survey = request<SurveyDetail>("GET", `/api/surveys/${encodeURIComponent(surveyId)}`);
  // Handled by whoever takes it; never an unhandled rejection if nobody does.
  survey.catch(() => undefined);
  earlyRequests.set(surveyId, { survey, startedAt: Date.now() });
}
