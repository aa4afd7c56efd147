import type { Answers } from "./api";
import type { Locale } from "./locales";

/**
 * What an invitation knows of the authority it is sent to, as the administrator's list gives
 * it. A questionnaire maps its own questions to these with the `invitationField` property, so
 * the form opens already filled in.
 */
export const INVITATION_FIELDS = ["name", "kind", "governorate", "district", "email"] as const;
export type InvitationField = (typeof INVITATION_FIELDS)[number];

/**
 * Fields that identify the authority: copied into its response and not editable there, so that
 * an authority cannot answer in another's name or move itself to another district. The e-mail
 * is only a suggestion (the person filling in the form may be someone else).
 */
export const LOCKED_INVITATION_FIELDS: readonly InvitationField[] = ["name", "kind", "governorate", "district"];

/** Who may answer a questionnaire: anyone with its address, or only holders of an invitation. */
export type QuestionnaireAccess = "public" | "invitation";

/**
 * Where an invitation stands, as the administrator follows it: sent and not opened to answer,
 * answered as a draft, submitted, or withdrawn (its link no longer works).
 */
export type InvitationState = "invited" | "started" | "submitted" | "revoked";

export interface InvitationView {
  id: string;
  surveyId: string;
  authorityName: string;
  /** A choice value of the questionnaire's `kind` question (`municipality`, …). */
  authorityKind: string;
  governorate: string;
  district: string;
  email: string;
  /** The language the form opens in; null lets the respondent's browser decide. */
  locale: Locale | null;
  state: InvitationState;
  responseId: string | null;
  createdAt: string;
  updatedAt: string;
  /** The last time the authority saved or submitted its response. */
  respondedAt: string | null;
}

/** `GET /api/admin/surveys/:surveyId/invitations`. */
export interface InvitationList {
  invitations: InvitationView[];
}

/** What an import did with one line of the file. */
export type ImportOutcome = "created" | "updated" | "unchanged" | "rejected";

/** Why a line was rejected; the client words it in the administrator's language. */
export type ImportProblemCode =
  | "missing"
  | "too_long"
  | "unknown_choice"
  | "district_outside_governorate"
  | "invalid_email"
  | "unknown_language"
  | "duplicate_line";

/** The columns of the file, by their canonical (English) names. */
export type ImportColumn = "name" | "kind" | "governorate" | "district" | "email" | "language";

export interface ImportProblem {
  /** The column at fault, or `line` for the line as a whole (a duplicate). */
  column: ImportColumn | "line";
  code: ImportProblemCode;
  /** In English, for logs and API users; the client shows its own wording of `code`. */
  message: string;
}

export interface ImportLineResult {
  /** Line number in the file, the header being line 1: what a spreadsheet shows. */
  line: number;
  outcome: ImportOutcome;
  /** As read from the file (for a rejected line, possibly empty). */
  authorityName: string;
  invitationId: string | null;
  problems: ImportProblem[];
}

/**
 * `POST /api/admin/surveys/:surveyId/invitations/import`: one result per line, and the links of
 * the invitations created, as a CSV for a mail merge. Links are shown this once: only a hash of
 * each token is kept.
 */
export interface InvitationImportReport {
  surveyId: string;
  counts: Record<ImportOutcome, number>;
  lines: ImportLineResult[];
  /** CSV (UTF-8 with BOM, for spreadsheets) of the invitations created; null when none were. */
  mailMergeCsv: string | null;
}

/** `POST .../invitations/:id/reissue`: a new link; the old one stops working. */
export interface ReissuedInvitation {
  invitation: InvitationView;
  link: string;
  mailMergeCsv: string;
}

/** Invited ≥ started ≥ submitted: each count includes the next. Revoked invitations count apart. */
export interface ProgressCounts {
  invited: number;
  started: number;
  submitted: number;
  revoked: number;
}

export interface ProgressGroup extends ProgressCounts {
  /** The governorate's (or district's) choice value. */
  value: string;
  label: Record<Locale, string>;
  /** For a district: its governorate's value. */
  governorate?: string;
}

/** `GET /api/admin/surveys/:surveyId/progress`. */
export interface InvitationProgress {
  surveyId: string;
  total: ProgressCounts;
  byGovernorate: ProgressGroup[];
  byDistrict: ProgressGroup[];
}

/**
 * `GET /api/invitation`, for the holder of an invitation link: which questionnaire, in which
 * language, what to fill in beforehand and keep locked, and the response already started, if any
 * (opened with the same token).
 */
export interface InvitationSession {
  surveyId: string;
  authorityName: string;
  locale: Locale | null;
  /** Answers to set before the respondent starts, by question name. */
  prefill: Answers;
  /** Questions the respondent sees but cannot change. */
  lockedQuestions: string[];
  responseId: string | null;
}
