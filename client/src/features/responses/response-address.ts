import { invitationPath, resumePath } from "../../app/routes";
import type { ResponseCredentials } from "./draft-storage";

/**
 * Where a response is reopened from: its resume link, or for an authority's response the
 * invitation link itself, which also brings back the identity filled in and locked.
 */
export function responseAddress(surveyId: string, credentials: ResponseCredentials): string {
  return credentials.isInvitation ? invitationPath(surveyId, credentials.resumeToken) : resumePath(surveyId, credentials.responseId, credentials.resumeToken);
}

/** The same, absolute, to paste into a message or a note. */
export function responseUrl(surveyId: string, credentials: ResponseCredentials): string {
  return new URL(responseAddress(surveyId, credentials), window.location.origin).href;
}
