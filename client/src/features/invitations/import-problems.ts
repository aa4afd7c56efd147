import type { ImportColumn, ImportOutcome, ImportProblem, ImportProblemCode } from "@passerelle/shared";
import type { Translate } from "../../i18n/messages";
import type { InvitationsKey } from "./invitations.messages";

// Records over the shared unions: a code or a column added there fails the type check here
// until it has its wording in the three languages.
const PROBLEM_MESSAGES: Record<ImportProblemCode, InvitationsKey> = {
  missing: "importProblemMissing",
  too_long: "importProblemTooLong",
  unknown_choice: "importProblemUnknownChoice",
  district_outside_governorate: "importProblemDistrictOutsideGovernorate",
  invalid_email: "importProblemInvalidEmail",
  unknown_language: "importProblemUnknownLanguage",
  duplicate_line: "importProblemDuplicateLine",
};

/** Column names as the administrator reads them, also the headings of the invitations table. */
export const COLUMN_LABELS: Record<ImportColumn, InvitationsKey> = {
  name: "invitationColName",
  kind: "invitationColKind",
  governorate: "invitationColGovernorate",
  district: "invitationColDistrict",
  email: "invitationColEmail",
  language: "invitationColLanguage",
};

export const OUTCOME_LABELS: Record<ImportOutcome, InvitationsKey> = {
  created: "importOutcomeCreated",
  updated: "importOutcomeUpdated",
  unchanged: "importOutcomeUnchanged",
  rejected: "importOutcomeRejected",
};

/**
 * One problem of a rejected line in the administrator's language, from its code and column
 * (the server's English `message` is for logs): "E-mail : adresse non valable". A problem of
 * the line as a whole (a duplicate) names no column.
 */
export function describeImportProblem(problem: ImportProblem, t: Translate<InvitationsKey>): string {
  // A code newer than this client (server deployed first) falls back to the server's own words.
  const problemKey = PROBLEM_MESSAGES[problem.code] as InvitationsKey | undefined;
  const wording = problemKey ? t(problemKey) : problem.message;
  if (problem.column === "line") return wording;
  const columnKey = COLUMN_LABELS[problem.column] as InvitationsKey | undefined;
  return t("importProblemInColumn", { column: columnKey ? t(columnKey) : problem.column, problem: wording });
}
