import { z } from "zod";
import { QuestionnaireStatusSchema, type QuestionnaireStatus } from "./api";
import type { QuestionnaireAccess } from "./invitations";
import type { Locale } from "./locales";

/** Where a questionnaire's setting comes from: its definition (file or upload), or an administrator. */
export type SettingSource = "definition" | "administrator";

export interface SettingView<T> {
  value: T;
  source: SettingSource;
}

/** Where the version served comes from: a file of `surveys/`, or an administrator's upload. */
export type QuestionnaireOriginView = { kind: "file"; file: string } | { kind: "upload"; fileName: string; publishedAt: string; publishedBy: string };

/** A questionnaire as administrators manage it: `GET /api/admin/questionnaires`. */
export interface ManagedQuestionnaireView {
  id: string;
  title: Record<Locale, string>;
  access: QuestionnaireAccess;
  /** The status now, from the settings below and the clock. */
  status: QuestionnaireStatus;
  /** The settings in force, each with its source; dates are ISO 8601 or null (none). */
  settings: {
    status: SettingView<QuestionnaireStatus>;
    opensAt: SettingView<string | null>;
    closesAt: SettingView<string | null>;
  };
  /** What the definition itself declares, shown beside an administrator's value. */
  declared: { status: QuestionnaireStatus; opensAt: string | null; closesAt: string | null };
  version: string;
  origin: QuestionnaireOriginView;
  /** Every version served so far, oldest first; responses keep the one they answered. */
  versions: { version: string; firstSeenAt: string; isCurrent: boolean }[];
  /** The last change by an administrator, if any. */
  lastChange: { at: string; by: string } | null;
}

const InstantSchema = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date and time with its offset, e.g. 2026-12-31T23:59:59+02:00" });

/**
 * `PUT /api/admin/questionnaires/:surveyId/settings`: the administrator's settings, replacing
 * the previous ones. A field left out follows the definition; a date set to null means none.
 */
export const QuestionnaireSettingsSchema = z.strictObject({
  status: QuestionnaireStatusSchema.optional(),
  opensAt: InstantSchema.nullable().optional(),
  closesAt: InstantSchema.nullable().optional(),
});
export type QuestionnaireSettings = z.infer<typeof QuestionnaireSettingsSchema>;

/** `POST /api/admin/questionnaires/check`: an uploaded questionnaire that passed every check, not yet published. */
export interface QuestionnaireUploadCheck {
  id: string;
  version: string;
  title: Record<Locale, string>;
  /** No questionnaire has this id yet. */
  isNew: boolean;
  /** It is the version already served: publishing it changes nothing. */
  isUnchanged: boolean;
  /** The version it would replace, if any. */
  previousVersion: string | null;
  /** The languages its texts are written in (SurveyJS codes; "" when every text is plain). */
  languages: string[];
  /** The definition as it would be served (theme labels filled in), for the preview. */
  definition: Record<string, unknown>;
  /** What survey-core said of it without refusing it (an unknown function in an expression). */
  warnings: string[];
}

/** `POST /api/admin/questionnaires`: the upload published (or already the version served). */
export interface QuestionnairePublished {
  questionnaire: ManagedQuestionnaireView;
  isUnchanged: boolean;
}
