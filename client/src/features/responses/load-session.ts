import type { InvitationSession, ResponseView, SurveyDetail } from "@passerelle/shared";
import { ApiError } from "../../api/http";
import { getSurvey } from "../surveys/surveys.api";
import { loadCredentials, saveCredentials, type ResponseCredentials } from "./draft-storage";
import { getInvitation, getResponse } from "./responses.api";

/** An invitation being answered: its token (the response's credential too) and what it opens. */
export interface OpenInvitation {
  token: string;
  session: InvitationSession;
}

/** Everything the form page needs before it can show the form. */
export type Session =
  | {
      kind: "ready";
      survey: SurveyDetail;
      credentials: ResponseCredentials | null;
      response: ResponseView | null;
      invitation: OpenInvitation | null;
    }
  | { kind: "survey-failed"; error: unknown }
  | { kind: "resume-failed"; reason: ResumeFailure; error: unknown };

/**
 * Why a response cannot be resumed: the link lacks its token, the token is refused, the
 * response is gone, too many attempts from this address (a shared office connection: retry
 * later rather than start a duplicate), or something temporary (offline, server error) worth
 * retrying.
 */
export type ResumeFailure = "missing-token" | "unauthorised" | "invitation-invalid" | "not-found" | "rate-limited" | "temporary";

/** Whole minutes to wait before a rate-limited resume may be tried again (at least one). */
export function minutesToWait(error: unknown): number {
  const seconds = error instanceof ApiError ? (error.retryAfterSeconds ?? 60) : 60;
  return Math.max(1, Math.ceil(seconds / 60));
}

export interface SessionRequest {
  surveyId: string;
  /** From the address: `/surveys/:surveyId/responses/:responseId#token`. */
  responseId: string | null;
  resumeToken: string | null;
  /** From an invitation link, `/surveys/:surveyId/invitation#token`; `undefined` for other addresses. */
  invitationToken?: string | null;
}

/**
 * Loads the questionnaire and, when there is one to resume (from the link, else the one this
 * device remembers), the response. A resumed response is remembered on this device.
 */
export async function loadSession(request: SessionRequest, signal: AbortSignal): Promise<Session> {
  const invitationToken = resolveInvitationToken(request);
  if (invitationToken === null) return { kind: "resume-failed", reason: "missing-token", error: null };
  if (invitationToken !== undefined) return loadInvitation(request.surveyId, invitationToken, signal);
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
  return { kind: "ready", survey: survey.value, credentials, response: response.value, invitation: null };
}

/**
 * The invitation's token when the page answers an invitation: from the link, or the one this
 * device answered with before. null for an invitation link without its token.
 */
function resolveInvitationToken(request: SessionRequest): string | null | undefined {
  if (request.invitationToken !== undefined) return request.invitationToken;
  if (request.responseId !== null) return undefined;
  const remembered = loadCredentials(request.surveyId);
  return remembered?.isInvitation ? remembered.resumeToken : undefined;
}

async function loadInvitation(surveyId: string, token: string, signal: AbortSignal): Promise<Session> {
  const [survey, invitation] = await Promise.allSettled([getSurvey(surveyId, signal), getInvitation(token, signal)]);
  if (survey.status === "rejected") return { kind: "survey-failed", error: survey.reason };
  if (invitation.status === "rejected") {
    return { kind: "resume-failed", reason: classifyInvitationError(invitation.reason), error: invitation.reason };
  }
  const session = invitation.value;
  if (session.surveyId !== surveyId) return { kind: "resume-failed", reason: "not-found", error: null };
  const credentials: ResponseCredentials | null = session.responseId ? { responseId: session.responseId, resumeToken: token, isInvitation: true } : null;
  let response: ResponseView | null = null;
  if (credentials) {
    try {
      response = await getResponse(credentials.responseId, token, signal);
    } catch (error) {
      return { kind: "resume-failed", reason: classifyResumeError(error), error };
    }
    saveCredentials(surveyId, credentials);
  }
  return { kind: "ready", survey: survey.value, credentials, response, invitation: { token, session } };
}

function classifyInvitationError(error: unknown): ResumeFailure {
  return error instanceof ApiError && error.code === "invitation_invalid" ? "invitation-invalid" : classifyResumeError(error);
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
    case "too_many_requests":
      return "rate-limited";
    default:
      return error.status >= 500 ? "temporary" : "not-found";
  }
}
