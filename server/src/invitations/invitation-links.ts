import Papa from "papaparse";
import { DEFAULT_LOCALE, neutraliseFormula } from "@passerelle/shared";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { StoredInvitation } from "../store/store.port";
import { authorityCells } from "./invitation-form";

/**
 * The address an authority opens to answer. The token travels in the fragment, which browsers
 * never send to a server: it cannot end up in access logs or in a Referer header.
 */
export function invitationLink(origin: string, surveyId: string, token: string): string {
  return `${origin}/surveys/${encodeURIComponent(surveyId)}/invitation#${token}`;
}

/**
 * The links as a CSV for a mail merge, with a BOM so that spreadsheets read the Arabic right.
 * Kind, governorate and district are worded in the authority's language, ready to put in a
 * letter; text a spreadsheet would run as a formula is neutralised.
 */
export function mailMergeCsv(questionnaire: Questionnaire, links: readonly { invitation: StoredInvitation; link: string }[]): string {
  const form = questionnaire.invitationForm;
  const rows = links.map(({ invitation, link }) => {
    const locale = invitation.locale ?? DEFAULT_LOCALE;
    return [...authorityCells(form, invitation, locale), link].map(neutraliseFormula);
  });
  const header = ["name", "kind", "governorate", "district", "email", "language", "link"];
  return `\uFEFF${Papa.unparse([header, ...rows], { newline: "\r\n" })}\r\n`;
}
