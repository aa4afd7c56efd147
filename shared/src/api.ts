import { z } from "zod";
import type { QuestionnaireAccess } from "./invitations";
import { LOCALES, type Locale } from "./locales";

export const ResponseStatusSchema = z.enum(["draft", "submitted"]);
export type ResponseStatus = z.infer<typeof ResponseStatusSchema>;

export const QuestionnaireStatusSchema = z.enum(["draft", "open", "closed"]);
export type QuestionnaireStatus = z.infer<typeof QuestionnaireStatusSchema>;

export const LocaleSchema = z.enum(LOCALES);

export type Answers = Record<string, unknown>;

/**
 * Far deeper than any answer (a dynamic panel in a dynamic panel is a handful of levels), far
 * shallower than what makes recursive code (JSON.stringify, the request fingerprint) overflow
 * the stack: a 1 MB body can nest half a million levels.
 */
export const MAX_ANSWERS_DEPTH = 32;

/**
 * Answers are a plain JSON object keyed by question name. Their meaning is checked against the
 * questionnaire by the server's validator; here only the envelope is checked. The object is kept
 * as parsed (not copied key by key), so a key such as "__proto__" stays an ordinary key that the
 * validator reports, instead of being silently turned into a prototype.
 */
export const AnswersSchema = z
  .custom<Answers>((value) => typeof value === "object" && value !== null && !Array.isArray(value), {
    message: "answers must be an object mapping question names to answers",
  })
  .refine((answers) => !isNestedDeeperThan(answers, MAX_ANSWERS_DEPTH), {
    message: `answers must not be nested more than ${MAX_ANSWERS_DEPTH} levels deep`,
  });

/** Whether a JSON value nests deeper than `maxDepth`; walks with its own stack, so that the check cannot overflow where the walk it guards would. */
export function isNestedDeeperThan(root: unknown, maxDepth: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== "object" || next.value === null) continue;
    if (next.depth > maxDepth) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
  }
  return false;
}

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
  /** "invitation": answering needs an invitation link; the public address shows how to get one. */
  access: QuestionnaireAccess;
}

export interface SurveyDetail {
  id: string;
  status: QuestionnaireStatus;
  access: QuestionnaireAccess;
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
  /** `degraded`: the store failed a request lately, or fails the check now (the answer is then a 503). */
  status: "ok" | "degraded";
  store: "embedded" | "mongodb";
  /** Why it is degraded: the store cannot be reached, did not answer in time, has no room left, or is read-only. */
  reason?: "unreachable" | "timeout" | "disk_full" | "read_only";
}
