import type { ResponseView, SurveyDetail } from "@passerelle/shared";
import { ApiError } from "../../api/http";
import { getSurvey } from "../surveys/surveys.api";
import { loadCredentials, saveCredentials, type ResponseCredentials } from "./draft-storage";
import { getResponse } from "./responses.api";

/** Everything the form page needs before it can show the form. */
export type Session =
  | { kind: "ready"; survey: SurveyDetail; credentials: ResponseCredentials | null; response: ResponseView | null }
  | { kind: "survey-failed"; error: unknown }
  | { kind: "resume-failed"; reason: ResumeFailure; error: unknown };

/**
 * Why a response cannot be resumed: the link lacks its token, the token is refused, the
 * response is gone, or something temporary (offline, server error) worth retrying.
 */
export type ResumeFailure = "missing-token" | "unauthorised" | "not-found" | "temporary";

export interface SessionRequest {
  surveyId: string;
  /** From the address: `/surveys/:surveyId/responses/:responseId#token`. */
  responseId: string | null;
  resumeToken: string | null;
}

/**
 * Loads the questionnaire and, when there is one to resume (from the link, else the one this
 * device remembers), the response. A resumed response is remembered on this device.
 */
export async function loadSession(request: SessionRequest, signal: AbortSignal): Promise<Session> {
  const credentials = resolveCredentials(request);
  if (credentials === "missing-token") {
    return { kind: "resume-failed", reason: "missing-token", error: null };
  }

  const [survey, response] = await Promise.allSettled([
    getSurvey(request.surveyId, signal),
    credentials ? getResponse(credentials.responseId, credentials.resumeToken, signal) : Promise.resolve(null),
  ]);
  if (survey.status === "rejected") return { kind: "survey-failed", error: survey.reason };
  if (response.status === "rejected") {
    return { kind: "resume-failed", reason: classifyResumeError(response.reason), error: response.reason };
  }
  if (response.value && response.value.surveyId !== request.surveyId) {
    return { kind: "resume-failed", reason: "not-found", error: null };
  }
  if (credentials) saveCredentials(request.surveyId, credentials);
  return { kind: "ready", survey: survey.value, credentials, response: response.value };
}

function resolveCredentials(request: SessionRequest): ResponseCredentials | null | "missing-token" {
  const remembered = loadCredentials(request.surveyId);
  if (request.responseId === null) return remembered;
  if (request.resumeToken !== null) return { responseId: request.responseId, resumeToken: request.resumeToken };
  // A link copied without its #token still works on the device that created the response.
  return remembered?.responseId === request.responseId ? remembered : "missing-token";
}

function classifyResumeError(error: unknown): ResumeFailure {
  if (!(error instanceof ApiError)) return "temporary";
  switch (error.code) {
    case "unauthenticated":
    case "forbidden":
      return "unauthorised";
    case "response_not_found":
      return "not-found";
    default:
      return error.status >= 500 ? "temporary" : "not-found";
  }
}
