import type Database from "better-sqlite3";
import type { Locale } from "@passerelle/shared";
import type { ExcerptChanges, ExcerptStore, StoredExcerpt } from "../excerpt-store.port";
import { StoreConflictError, type WriteOptions } from "../store.port";
import type { SqliteAuditStore } from "./sqlite-access.store";

/** Published excerpts of free-text answers, listed per questionnaire in publication order. */
export const EXCERPT_MIGRATION = `
  CREATE TABLE excerpts (
    id             TEXT PRIMARY KEY,
    survey_id      TEXT NOT NULL,
    response_id    TEXT NOT NULL,
    question_name  TEXT NOT NULL,
    theme          TEXT,
    text           TEXT NOT NULL,
    source_text    TEXT NOT NULL,
    locale         TEXT NOT NULL,
    authority_name TEXT,
    published_by   TEXT NOT NULL,
    published_at   TEXT NOT NULL,
    updated_at     TEXT NOT NULL
  ) STRICT;
  CREATE INDEX excerpts_survey ON excerpts (survey_id, published_at);`;

interface ExcerptRow {
  id: string;
  survey_id: string;
  response_id: string;
  question_name: string;
  theme: string | null;
  text: string;
  source_text: string;
  locale: string;
  authority_name: string | null;
  published_by: string;
  published_at: string;
  updated_at: string;
}

export class SqliteExcerptStore implements ExcerptStore {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAuditStore,
  ) {}

  async insert(excerpt: StoredExcerpt, options: WriteOptions = {}): Promise<void> {
    try {
      this.insertAudited(excerpt, options);
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT")) throw new StoreConflictError("an excerpt with this id exists");
      throw error;
    }
  }

  private insertAudited(excerpt: StoredExcerpt, options: WriteOptions): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO excerpts (id, survey_id, response_id, question_name, theme, text, source_text, locale, authority_name, published_by, published_at, updated_at)
           VALUES (@id, @survey_id, @response_id, @question_name, @theme, @text, @source_text, @locale, @authority_name, @published_by, @published_at, @updated_at)`,
        )
        .run(toRow(excerpt));
      if (options.audit) this.audit.write(options.audit);
    })();
  }

  async findById(id: string): Promise<StoredExcerpt | null> {
    const row = this.db.prepare<[string], ExcerptRow>("SELECT * FROM excerpts WHERE id = ?").get(id);
    return row ? fromRow(row) : null;
  }

  async listForSurvey(surveyId: string): Promise<StoredExcerpt[]> {
    return this.db.prepare<[string], ExcerptRow>("SELECT * FROM excerpts WHERE survey_id = ? ORDER BY published_at, rowid").all(surveyId).map(fromRow);
  }

  async update(id: string, changes: ExcerptChanges, options: WriteOptions = {}): Promise<StoredExcerpt | null> {
    return this.db
      .transaction(() => {
        const written = this.db
          .prepare("UPDATE excerpts SET text = ?, source_text = ?, authority_name = ?, updated_at = ? WHERE id = ?")
          .run(changes.text, changes.sourceText, changes.authorityName, changes.updatedAt.toISOString(), id);
        if (written.changes === 0) return null;
        if (options.audit) this.audit.write(options.audit);
        const row = this.db.prepare<[string], ExcerptRow>("SELECT * FROM excerpts WHERE id = ?").get(id);
        return row ? fromRow(row) : null;
      })
      .immediate();
  }

  async delete(id: string, options: WriteOptions = {}): Promise<boolean> {
    return this.db
      .transaction(() => {
        const deleted = this.db.prepare("DELETE FROM excerpts WHERE id = ?").run(id);
        if (deleted.changes === 0) return false;
        if (options.audit) this.audit.write(options.audit);
        return true;
      })
      .immediate();
  }
}

function toRow(excerpt: StoredExcerpt): ExcerptRow {
  return {
    id: excerpt.id,
    survey_id: excerpt.surveyId,
    response_id: excerpt.responseId,
    question_name: excerpt.questionName,
    theme: excerpt.theme,
    text: excerpt.text,
    source_text: excerpt.sourceText,
    locale: excerpt.locale,
    authority_name: excerpt.authorityName,
    published_by: excerpt.publishedBy,
    published_at: excerpt.publishedAt.toISOString(),
    updated_at: excerpt.updatedAt.toISOString(),
  };
}

function fromRow(row: ExcerptRow): StoredExcerpt {
  return {
    id: row.id,
    surveyId: row.survey_id,
    responseId: row.response_id,
    questionName: row.question_name,
    theme: row.theme,
    text: row.text,
    sourceText: row.source_text,
    locale: row.locale as Locale,
    authorityName: row.authority_name,
    publishedBy: row.published_by,
    publishedAt: new Date(row.published_at),
    updatedAt: new Date(row.updated_at),
  };
}
