import type Database from "better-sqlite3";
import type { QuestionnaireVersionStore, StoredQuestionnaireVersion } from "../store.port";

interface VersionRow {
  version: string;
  survey_id: string;
  definition: string;
  first_seen_at: string;
}

export class SqliteQuestionnaireVersionStore implements QuestionnaireVersionStore {
  private readonly insertStatement: Database.Statement;
  private readonly findStatement: Database.Statement<[string], VersionRow>;
  private readonly listStatement: Database.Statement<[string], VersionRow>;

  constructor(db: Database.Database) {
    this.insertStatement = db.prepare(
      `INSERT INTO questionnaire_versions (version, survey_id, definition, first_seen_at)
       VALUES (@version, @survey_id, @definition, @first_seen_at)
       ON CONFLICT (version) DO NOTHING`,
    );
    this.findStatement = db.prepare("SELECT version, survey_id, definition, first_seen_at FROM questionnaire_versions WHERE version = ?");
    this.listStatement = db.prepare(
      "SELECT version, survey_id, definition, first_seen_at FROM questionnaire_versions WHERE survey_id = ? ORDER BY first_seen_at, rowid",
    );
  }

  async save(version: StoredQuestionnaireVersion): Promise<void> {
    this.insertStatement.run({
      version: version.version,
      survey_id: version.surveyId,
      definition: JSON.stringify(version.definition),
      first_seen_at: version.firstSeenAt.toISOString(),
    });
  }

  async find(version: string): Promise<StoredQuestionnaireVersion | null> {
    const row = this.findStatement.get(version);
    return row ? fromRow(row) : null;
  }

  async listForSurvey(surveyId: string): Promise<StoredQuestionnaireVersion[]> {
    return this.listStatement.all(surveyId).map(fromRow);
  }
}

function fromRow(row: VersionRow): StoredQuestionnaireVersion {
  return {
    version: row.version,
    surveyId: row.survey_id,
    definition: JSON.parse(row.definition) as Record<string, unknown>,
    firstSeenAt: new Date(row.first_seen_at),
  };
}
