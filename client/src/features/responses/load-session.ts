import { canonicalJson, type InvitationSession, type ResponseView, type SurveyDetail } from "@passerelle/shared";
import { ApiError, NetworkError } from "../../api/http";
import { getSurvey } from "../surveys/surveys.api";
import { forgetUnsent, keepInvitation, keepSurvey, readKeptInvitation, readKeptSurvey, readUnsent, unsentKey, type UnsentAnswers } from "./device-store";
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
      /** Answers this device has and the server has not (see `reconcileUnsent`). */
      unsent: UnsentAnswers | null;
      /** Where those answers are kept on the device. */
      unsentKey: string;
      /** Opened from the device's copies, without a connection. */
      isOffline: boolean;
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
 * device remembers), the response. A resumed response is remembered on this device, and so is
 * the questionnaire. Without a connection, both come from the device: the questionnaire as last
 * opened, the answers from the device's unsent copy (a response with nothing unsent cannot be
 * shown offline: its answers are on the server).
 */
export async function loadSession(request: SessionRequest, signal: AbortSignal): Promise<Session> {
  const invitationToken = resolveInvitationToken(request);
  if (invitationToken === null) return { kind: "resume-failed", reason: "missing-token", error: null };
  if (invitationToken !== undefined) return loadInvitation(request.surveyId, invitationToken, signal);
  const credentials = resolveCredentials(request);
  if (credentials === "missing-token") {
    return { kind: "resume-failed", reason: "missing-token", error: null };
  }

  const key = unsentKey(request.surveyId, credentials?.responseId ?? null, null);
  const [survey, response, unsent] = await Promise.all([
    loadSurvey(request.surveyId, signal),
    settle(credentials ? getResponse(credentials.responseId, credentials.resumeToken, signal) : Promise.resolve(null)),
    readUnsent(key),
  ]);
  if (survey.kind === "survey-failed") return survey;
  if (response.status === "rejected") {
    if (response.reason instanceof NetworkError && unsent) {
      return { kind: "ready", survey: survey.survey, credentials, response: null, invitation: null, unsent, unsentKey: key, isOffline: true };
    }
    return { kind: "resume-failed", reason: classifyResumeError(response.reason), error: response.reason };
  }
  if (response.value && response.value.surveyId !== request.surveyId) {
    return { kind: "resume-failed", reason: "not-found", error: null };
  }
  if (credentials) saveCredentials(request.surveyId, credentials);
  return {
    kind: "ready",
    survey: survey.survey,
    credentials,
    response: response.value,
    invitation: null,
    unsent: await reconcileUnsent(key, unsent, response.value),
    unsentKey: key,
    isOffline: survey.isOffline,
  };
}

/**
 * The device's unsent answers still worth sending: `null` when there are none, or when the
 * server already holds exactly them (their save landed, its answer lost), which forgets them.
 * Answers that differ are kept and sent over the revision they were typed on; if the server's
 * response changed since (another device), that save is refused and the respondent chooses
 * between the two versions, as for any conflict.
 */
export async function reconcileUnsent(key: string, unsent: UnsentAnswers | null, response: ResponseView | null): Promise<UnsentAnswers | null> {
  if (unsent === null || !isHeldByServer(unsent, response)) return unsent;
  await forgetUnsent(key);
  return null;
}

export function isHeldByServer(unsent: UnsentAnswers, response: ResponseView | null): boolean {
  return response !== null && response.status === unsent.status && canonicalJson(response.answers) === canonicalJson(unsent.answers);
}

/** The questionnaire from the server (kept on the device for later), else the device's copy. */
async function loadSurvey(
  surveyId: string,
  signal: AbortSignal,
): Promise<{ kind: "loaded"; survey: SurveyDetail; isOffline: boolean } | { kind: "survey-failed"; error: unknown }> {
  try {
    const survey = await getSurvey(surveyId, signal);
    await keepSurvey(survey);
    return { kind: "loaded", survey, isOffline: false };
  } catch (error) {
    const kept = error instanceof NetworkError ? await readKeptSurvey(surveyId) : null;
    return kept ? { kind: "loaded", survey: kept, isOffline: true } : { kind: "survey-failed", error };
  }
}

async function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  const [result] = await Promise.allSettled([promise]);
  return result as PromiseSettledResult<T>;
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
  const [survey, invitation] = await Promise.all([loadSurvey(surveyId, signal), loadInvitationSession(token, signal)]);
  if (survey.kind === "survey-failed") return survey;
  if (invitation.kind === "failed") {
    return { kind: "resume-failed", reason: classifyInvitationError(invitation.error), error: invitation.error };
  }
  const { session } = invitation;
  if (session.surveyId !== surveyId) return { kind: "resume-failed", reason: "not-found", error: null };
  // Offline, the invitation as kept may predate the response this device created since.
  const remembered = loadCredentials(surveyId);
  const responseId = session.responseId ?? (remembered?.isInvitation && remembered.resumeToken === token ? remembered.responseId : null);
  const credentials: ResponseCredentials | null = responseId ? { responseId, resumeToken: token, isInvitation: true } : null;
  const key = unsentKey(surveyId, responseId, token);
  const unsent = await readUnsent(key);
  const opened = { kind: "ready", survey: survey.survey, credentials, invitation: { token, session }, unsentKey: key } as const;
  let response: ResponseView | null = null;
  if (credentials) {
    try {
      response = await getResponse(credentials.responseId, token, signal);
    } catch (error) {
      if (error instanceof NetworkError && unsent) return { ...opened, response: null, unsent, isOffline: true };
      return { kind: "resume-failed", reason: classifyResumeError(error), error };
    }
    saveCredentials(surveyId, credentials);
  }
  const isOffline = survey.isOffline || invitation.isOffline;
  return { ...opened, response, unsent: await reconcileUnsent(key, unsent, response), isOffline };
}

/** What the invitation opens, from the server (kept on the device for later), else the device's copy. */
async function loadInvitationSession(
  token: string,
  signal: AbortSignal,
): Promise<{ kind: "loaded"; session: InvitationSession; isOffline: boolean } | { kind: "failed"; error: unknown }> {
  try {
    const session = await getInvitation(token, signal);
    await keepInvitation(token, session);
    return { kind: "loaded", session, isOffline: false };
  } catch (error) {
    const kept = error instanceof NetworkError ? await readKeptInvitation(token) : null;
    return kept ? { kind: "loaded", session: kept, isOffline: true } : { kind: "failed", error };
  }
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
