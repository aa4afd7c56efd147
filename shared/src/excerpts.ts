import { z } from "zod";
import type { Locale } from "./locales";

/**
 * Where a text is: a free-text question's answer, the comment box beside a question
 * (`<question>-Comment`), or a choice question's "other, please specify" text.
 */
export type TextSource = "answer" | "comment" | "other";

/** A free-text question the text browser lists, with how many of the filtered responses answered it. */
export interface TextQuestionSummary {
  /** The key the texts and excerpts name it by: the question's name, `<question>-Comment` or `<question>/other`. */
  name: string;
  /** The question it belongs to: its own name for an answer, the question beside which a comment or "other" text is. */
  question: string;
  source: TextSource;
  /** The theme it belongs to (the census's need texts), or null. */
  theme: string | null;
  answered: number;
}

/** One written answer, as analysts read it: the text as written, in the form's language, the authority named. */
export interface TextAnswer {
  responseId: string;
  questionName: string;
  theme: string | null;
  text: string;
  /** The language of the form the authority answered in. */
  locale: Locale;
  /** The authority's name as answered, or null when the questionnaire asks none. */
  authorityName: string | null;
  breakdown: Record<string, string>;
  submittedAt: string | null;
  /** Ids of the excerpts already published from this answer. */
  excerptIds: string[];
}

/** `GET /api/surveys/:id/texts`: one page of written answers, filtered and searched. */
export interface TextsPage {
  surveyId: string;
  filters: Record<string, string>;
  questions: TextQuestionSummary[];
  /** Answers matching the question, theme and search, over every page. */
  total: number;
  page: number;
  pageSize: number;
  items: TextAnswer[];
}

/**
 * A published excerpt. `published` is the text as the brief shows it; `to_review` means the
 * answer was edited after publication: viewers do not see it until an analyst reviews it.
 */
export type ExcerptStatus = "published" | "to_review";

/** An excerpt as viewers read it: the text and its language, the authority only if kept. */
export interface ExcerptView {
  id: string;
  questionName: string;
  theme: string | null;
  text: string;
  locale: Locale;
  authorityName: string | null;
}

/** An excerpt as analysts manage it. */
export interface ManagedExcerpt extends ExcerptView {
  status: ExcerptStatus;
  responseId: string;
  /** The answer as it was when published or last reviewed. */
  sourceText: string;
  /** The answer as it reads now; null when the response is gone or no longer submitted. */
  currentText: string | null;
  publishedBy: string;
  publishedAt: string;
  updatedAt: string;
}

/** `GET /api/surveys/:id/excerpts`: viewers get `ExcerptView`s of current excerpts only. */
export interface ExcerptList {
  surveyId: string;
  excerpts: (ExcerptView | ManagedExcerpt)[];
}

export const EXCERPT_MAX_LENGTH = 2000;

export const PublishExcerptSchema = z.strictObject({
  responseId: z.string().min(1).max(100),
  questionName: z.string().min(1).max(200),
  /** The text to publish; the answer as written when omitted. */
  text: z.string().trim().min(1).max(EXCERPT_MAX_LENGTH).optional(),
  /** Keep the authority's name beside the excerpt (off: the brief shows it unattributed). */
  keepAuthority: z.boolean().default(false),
});
export type PublishExcerpt = z.infer<typeof PublishExcerptSchema>;

/** Editing an excerpt also marks it reviewed against the answer as it reads now. */
export const ReviseExcerptSchema = z.strictObject({
  text: z.string().trim().min(1).max(EXCERPT_MAX_LENGTH),
  keepAuthority: z.boolean(),
});
export type ReviseExcerpt = z.infer<typeof ReviseExcerptSchema>;
