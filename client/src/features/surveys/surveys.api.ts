import type { SurveyDetail, SurveySummary } from "@passerelle/shared";
import { request } from "../../api/http";

/** Every questionnaire the server knows, with titles in every locale. */
export function listSurveys(signal?: AbortSignal): Promise<SurveySummary[]> {
  return request<SurveySummary[]>("GET", "/api/surveys", { signal });
}

/** One questionnaire with its SurveyJS definition. */
export function getSurvey(surveyId: string, signal?: AbortSignal): Promise<SurveyDetail> {
  return request<SurveyDetail>("GET", `/api/surveys/${encodeURIComponent(surveyId)}`, { signal });
}
