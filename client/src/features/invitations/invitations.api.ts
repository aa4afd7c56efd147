import type { InvitationImportReport, InvitationList, InvitationProgress, InvitationView, Locale, ReissuedInvitation } from "@passerelle/shared";
import { request } from "../../api/http";

/** The administration area's calls for one questionnaire's invitations and their progress. */

function invitationsPath(surveyId: string): string {
  return `/api/admin/surveys/${encodeURIComponent(surveyId)}/invitations`;
}

export function listInvitations(surveyId: string, signal?: AbortSignal): Promise<InvitationList> {
  return request("GET", invitationsPath(surveyId), { signal });
}

/** Sends the file's text as it is: the server reads the columns and reports line by line. */
export function importInvitations(surveyId: string, csv: string): Promise<InvitationImportReport> {
  return request("POST", `${invitationsPath(surveyId)}/import`, { text: { body: csv, contentType: "text/csv; charset=utf-8" } });
}

export function revokeInvitation(surveyId: string, invitationId: string): Promise<InvitationView> {
  return request("POST", `${invitationsPath(surveyId)}/${encodeURIComponent(invitationId)}/revoke`);
}

/** A new link for the invitation (a revoked one becomes active again); the previous link stops working. */
export function reissueInvitation(surveyId: string, invitationId: string): Promise<ReissuedInvitation> {
  return request("POST", `${invitationsPath(surveyId)}/${encodeURIComponent(invitationId)}/reissue`);
}

export function getProgress(surveyId: string, signal?: AbortSignal): Promise<InvitationProgress> {
  return request("GET", `/api/admin/surveys/${encodeURIComponent(surveyId)}/progress`, { signal });
}

/** The CSV of the authorities that have not submitted, labelled in `locale` (a plain download link). */
export function nonRespondentsHref(surveyId: string, locale: Locale): string {
  return `/api/admin/surveys/${encodeURIComponent(surveyId)}/non-respondents.csv?lang=${locale}`;
}
