import type Database from "better-sqlite3";
import {
  parseOverrides,
  type QuestionnaireOverrides,
  type QuestionnairePublication,
  type QuestionnaireSettingsStore,
  type StoredQuestionnaireSettings,
} from "../questionnaire-settings.port";
import type { StoredQuestionnaireVersion, WriteOptions } from "../store.port";
import type { SqliteAuditStore } from "./sqlite-access.store";

/**
 * Run-time settings of questionnaires. The overrides are JSON because each field has three
 * states (absent: follow the definition; a date; `null`: no date).
 */
export const QUESTIONNAIRE_SETTINGS_MIGRATION = `
  CREATE TABLE questionnaire_settings (
    survey_id    TEXT PRIMARY KEY,
    overrides    TEXT NOT NULL,
    publication  TEXT,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL
  ) STRICT;`;

interface SettingsRow {
  survey_id: string;
  overrides: string;
  publication: string | null;
  updated_at: string;
  updated_by: string;
}

export class SqliteQuestionnaireSettingsStore implements QuestionnaireSettingsStore {
  private readonly findStatement: Database.Statement<[string], SettingsRow>;
  private readonly listStatement: Database.Statement<[], SettingsRow>;
  private readonly saveOverridesStatement: Database.Statement<[string, string, string, string], SettingsRow>;
  private readonly publishStatement: Database.Statement<[string, string, string, string], SettingsRow>;
  private readonly insertVersionStatement: Database.Statement<[string, string, string, string]>;
  private readonly saveOverridesTransaction: (
    surveyId: string,
    overrides: QuestionnaireOverrides,
    change: { at: Date; by: string },
    options: WriteOptions,
  ) => SettingsRow;
  private readonly publishTransaction: (version: StoredQuestionnaireVersion, publication: QuestionnairePublication, options: WriteOptions) => SettingsRow;

  constructor(db: Database.Database, audit: SqliteAuditStore) {
    this.findStatement = db.prepare("SELECT * FROM questionnaire_settings WHERE survey_id = ?");
    this.listStatement = db.prepare("SELECT * FROM questionnaire_settings ORDER BY survey_id");
    this.saveOverridesStatement = db.prepare(
      `INSERT INTO questionnaire_settings (survey_id, overrides, publication, updated_at, updated_by) VALUES (?, ?, NULL, ?, ?)
       ON CONFLICT (survey_id) DO UPDATE SET overrides = excluded.overrides, updated_at = excluded.updated_at, updated_by = excluded.updated_by
       RETURNING *`,
    );
    this.publishStatement = db.prepare(
      `INSERT INTO questionnaire_settings (survey_id, overrides, publication, updated_at, updated_by) VALUES (?, '{}', ?, ?, ?)
       ON CONFLICT (survey_id) DO UPDATE SET publication = excluded.publication, updated_at = excluded.updated_at, updated_by = excluded.updated_by
       RETURNING *`,
    );
    this.insertVersionStatement = db.prepare(
      `INSERT INTO questionnaire_versions (version, survey_id, definition, first_seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (version) DO NOTHING`,
    );
    this.saveOverridesTransaction = db.transaction((surveyId, overrides, change, options) => {
      const row = this.saveOverridesStatement.get(surveyId, JSON.stringify(overrides), change.at.toISOString(), change.by) as SettingsRow;
      if (options.audit) audit.write(options.audit);
      return row;
    });
    this.publishTransaction = db.transaction((version, publication, options) => {
      this.insertVersionStatement.run(version.version, version.surveyId, JSON.stringify(version.definition), version.firstSeenAt.toISOString());
      const row = this.publishStatement.get(
        version.surveyId,
        JSON.stringify(publication),
        publication.publishedAt.toISOString(),
        publication.publishedBy,
      ) as SettingsRow;
      if (options.audit) audit.write(options.audit);
      return row;
    });
  }

  async find(surveyId: string): Promise<StoredQuestionnaireSettings | null> {
    const row = this.findStatement.get(surveyId);
    return row ? fromRow(row) : null;
  }

  async list(): Promise<StoredQuestionnaireSettings[]> {
    return this.listStatement.all().map(fromRow);
  }

  async saveOverrides(
    surveyId: string,
    overrides: QuestionnaireOverrides,
    change: { at: Date; by: string },
    options: WriteOptions = {},
  ): Promise<StoredQuestionnaireSettings> {
    return fromRow(this.saveOverridesTransaction(surveyId, overrides, change, options));
  }

  async publish(version: StoredQuestionnaireVersion, publication: QuestionnairePublication, options: WriteOptions = {}): Promise<StoredQuestionnaireSettings> {
    return fromRow(this.publishTransaction(version, publication, options));
  }
}

function fromRow(row: SettingsRow): StoredQuestionnaireSettings {
  const publication =
    row.publication === null ? undefined : (JSON.parse(row.publication) as Omit<QuestionnairePublication, "publishedAt"> & { publishedAt: string });
  return {
    surveyId: row.survey_id,
    overrides: parseOverrides(row.overrides),
    ...(publication ? { publication: { ...publication, publishedAt: new Date(publication.publishedAt) } } : {}),
    updatedAt: new Date(row.updated_at),
    updatedBy: row.updated_by,
  };
}
