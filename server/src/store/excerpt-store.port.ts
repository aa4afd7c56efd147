import type { Locale } from "@passerelle/shared";
import type { WriteOptions } from "./store.port";

/**
 * A passage of a free-text answer an analyst published for the brief. It keeps the text as
 * the authority wrote it when it was published (`sourceText`), so that a later edit of the
 * answer can be seen and the excerpt held back for review.
 */
export interface StoredExcerpt {
  id: string;
  surveyId: string;
  /** The response the text comes from; the excerpt follows it (filters, later edits). */
  responseId: string;
  /** The free-text question answered. */
  questionName: string;
  /** The theme the question belongs to, if any (the census's need texts). */
  theme: string | null;
  /** What readers of the brief see: the text as written, or an edited, anonymised version. */
  text: string;
  /** The answer as it was when the excerpt was published or last reviewed. */
  sourceText: string;
  /** The language of the form the answer was given in. */
  locale: Locale;
  /** The authority's name, only when the analyst chose to keep it; null otherwise. */
  authorityName: string | null;
  publishedBy: string;
  publishedAt: Date;
  updatedAt: Date;
}

export type ExcerptChanges = Pick<StoredExcerpt, "text" | "sourceText" | "authorityName" | "updatedAt">;

/** The published excerpts. Every write may carry its audit entry, stored in the same transaction. */
export interface ExcerptStore {
  /** Throws StoreConflictError when the id is taken. */
  insert(excerpt: StoredExcerpt, options?: WriteOptions): Promise<void>;
  findById(id: string): Promise<StoredExcerpt | null>;
  /** Every excerpt of a questionnaire, oldest first. */
  listForSurvey(surveyId: string): Promise<StoredExcerpt[]>;
  /** Returns the excerpt as written, or null when there is none (and then writes no audit entry). */
  update(id: string, changes: ExcerptChanges, options?: WriteOptions): Promise<StoredExcerpt | null>;
  /** Withdraws (deletes) an excerpt; false when there was none (and then no audit entry). */
  delete(id: string, options?: WriteOptions): Promise<boolean>;
}
