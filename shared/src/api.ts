import { z } from "zod";
import { LOCALES, type Locale } from "./locales";

export const ResponseStatusSchema = z.enum(["draft", "submitted"]);
export type ResponseStatus = z.infer<typeof ResponseStatusSchema>;

export const QuestionnaireStatusSchema = z.enum(["draft", "open", "closed"]);
export type QuestionnaireStatus = z.infer<typeof QuestionnaireStatusSchema>;

export const LocaleSchema = z.enum(LOCALES);

export type Answers = Record<string, unknown>;

/**
 * Answers are a plain JSON object keyed by question name. Their meaning is checked against the
 * questionnaire by the server's validator; here only the envelope is checked. The object is kept
 * as parsed (not copied key by key), so a key such as "__proto__" stays an ordinary key that the
 * validator reports, instead of being silently turned into a prototype.
 */
export const AnswersSchema = z.custom<Answers>(
  (value) => typeof value === "object" && value !== null && !Array.isArray(value),
  { message: "answers must be an object mapping question names to answers" },
);

export const SaveResponseSchema = z.strictObject({
  answers: AnswersSchema,
  status: ResponseStatusSchema,
  locale: LocaleSchema,
});
export type SaveResponse = z.infer<typeof SaveResponseSchema>;

/**
 * A questionnaire's status now: its declared status, except that an "open" questionnaire is
 * "draft" before its opening instant and "closed" from its closing instant.
 */
export function statusAt(questionnaire: { status: QuestionnaireStatus; opensAt?: Date; closesAt?: Date }, now: Date): QuestionnaireStatus {
  if (questionnaire.status !== "open") return questionnaire.status;
  if (questionnaire.opensAt && now < questionnaire.opensAt) return "draft";
  if (questionnaire.closesAt && now >= questionnaire.closesAt) return "closed";
  return "open";
}

export interface SurveySummary {
  id: string;
  /** Title and description in every locale, ready to display. */
  title: Record<Locale, string>;
  description: Record<Locale, string>;
  /** The status now (see `statusAt`). */
  status: QuestionnaireStatus;
  /** ISO 8601, when set in the questionnaire. */
  opensAt?: string;
  closesAt?: string;
  locales: readonly Locale[];
  version: string;
}

export interface SurveyDetail {
  id: string;
  status: QuestionnaireStatus;
  version: string;
  definition: Record<string, unknown>;
}

/** What `PUT /responses/:id` returns. */
export interface SavedResponse {
  id: string;
  status: ResponseStatus;
  version: string;
  /** Incremented on every write; the `ETag` header is `"r<revision>"` (see `responseEtag`). */
  revision: number;
}

/** What `POST /responses` returns: the only time the resume token is ever shown. */
export interface CreatedResponse extends SavedResponse {
  resumeToken: string;
}

export interface ResponseView {
  id: string;
  surveyId: string;
  status: ResponseStatus;
  version: string;
  locale: Locale;
  answers: Answers;
  revision: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

export interface Health {
  status: "ok";
  store: "embedded" | "mongodb";
}
