import { responseEtag, type CreatedResponse, type InvitationSession, type ResponseView, type SaveResponse, type SavedResponse } from "@passerelle/shared";
import { request } from "../../api/http";

/**
 * Creates a response (draft or submitted); the answer holds the resume token, shown only this
 * once. The idempotency key makes a retry of the same request give that answer again instead
 * of creating a second response.
 */
export function createResponse(surveyId: string, body: SaveResponse, idempotencyKey: string, invitationToken?: string): Promise<CreatedResponse> {
  return request<CreatedResponse>("POST", `/api/surveys/${encodeURIComponent(surveyId)}/responses`, {
    body,
    headers: { "Idempotency-Key": idempotencyKey },
    ...(invitationToken ? { bearerToken: invitationToken } : {}),
  });
}

/** What an invitation link opens: the authority, what to fill in and lock, its response if started. */
export function getInvitation(invitationToken: string, signal?: AbortSignal): Promise<InvitationSession> {
  return request<InvitationSession>("GET", "/api/invitation", { bearerToken: invitationToken, signal });
}

/**
 * Replaces the answers of a response the resume token gives access to, provided it is still at
 * `revision` (else `412 response_changed`); `null` saves whatever the current version.
 */
export function updateResponse(responseId: string, resumeToken: string, body: SaveResponse, revision: number | null): Promise<SavedResponse> {
  return request<SavedResponse>("PUT", `/api/responses/${encodeURIComponent(responseId)}`, {
    body,
    bearerToken: resumeToken,
    ...(revision === null ? {} : { headers: { "If-Match": responseEtag(revision) } }),
  });
}

/** Reads back a response to resume it. */
export function getResponse(responseId: string, resumeToken: string, signal?: AbortSignal): Promise<ResponseView> {
  return request<ResponseView>("GET", `/api/responses/${encodeURIComponent(responseId)}`, {
    bearerToken: resumeToken,
    signal,
  });
}
