import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { StoreUnavailableError, type Store } from "../store.port";
import { ACCESS_MIGRATION, ACCOUNT_LIFECYCLE_MIGRATION, SqliteAccountStore, SqliteAuditStore, SqliteSessionStore } from "./sqlite-access.store";
import { EXCERPT_MIGRATION, SqliteExcerptStore } from "./sqlite-excerpt.store";
import { INVITATION_MIGRATION, SqliteInvitationStore } from "./sqlite-invitation.store";
import { MATCHING_MIGRATION, SqliteMatchingStore } from "./sqlite-matching.store";
import { QUESTIONNAIRE_SETTINGS_MIGRATION, SqliteQuestionnaireSettingsStore } from "./sqlite-questionnaire-settings.store";
import { SqliteQuestionnaireVersionStore } from "./sqlite-questionnaire-version.store";
import {
  CHANGE_SEQUENCE_MIGRATION,
  FOLD_DELTA_MIGRATION,
  FOLD_DELTA_TABLE_MIGRATION,
  STATUS_CHANGE_INDEX_MIGRATION,
  SqliteResponseStore,
} from "./sqlite-response.store";
import {
  SUMMARY_ACTIVITY_MIGRATION,
  SUMMARY_CELLS_MIGRATION,
  SUMMARY_CELL_MEMBERS_INDEX_MIGRATION,
  SUMMARY_CELL_NUMBERS_MIGRATION,
  SUMMARY_KEY_NUMBERS_MIGRATION,
  SqliteSummaryCellStore,
} from "./sqlite-summary-cell.store";

export const EMBEDDED_FILE_NAME = "passerelle.sqlite";

// Below this much free space in the data folder the health check reports a full disk: SQLite
// needs room for the WAL and a checkpoint before a write can be acknowledged.
const MIN_FREE_BYTES = 8 * 1024 * 1024;

/**
 * The schema's steps: each runs once, in order, and `user_version` records how many have run.
 * Only ever appended to: a released step is never edited. Exported so that tests can build a
 * store as an earlier version left it.
 */
export const EMBEDDED_MIGRATIONS: readonly string[] = [
  `CREATE TABLE responses (
     id            TEXT PRIMARY KEY,
     survey_id     TEXT NOT NULL,
     version       TEXT NOT NULL,
     status        TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
     locale        TEXT NOT NULL,
     answers       TEXT NOT NULL,
     breakdown     TEXT NOT NULL,
     token_hash    TEXT NOT NULL,
     revision      INTEGER NOT NULL,
     created_at    TEXT NOT NULL,
     updated_at    TEXT NOT NULL,
     submitted_at  TEXT
   ) STRICT;
   CREATE INDEX responses_survey_status_submitted ON responses (survey_id, status, submitted_at);`,
  `CREATE TABLE questionnaire_versions (
     version        TEXT PRIMARY KEY,
     survey_id      TEXT NOT NULL,
     definition     TEXT NOT NULL,
     first_seen_at  TEXT NOT NULL
   ) STRICT;`,
  `CREATE INDEX responses_survey_updated ON responses (survey_id, updated_at);`,
  // Index entries end with the rowid, so these serve streaming's "rowid > ? ORDER BY rowid"
  // pages as range scans instead of sorting every matching row for each page.
  `CREATE INDEX responses_survey_status_rowid ON responses (survey_id, status);
   CREATE INDEX responses_survey_rowid ON responses (survey_id);`,
  // Keyed by questionnaire and key hash: the same key sent to two questionnaires is two keys.
  `CREATE TABLE idempotency_keys (
     survey_id            TEXT NOT NULL,
     key_hash             TEXT NOT NULL,
     response_id          TEXT NOT NULL,
     request_fingerprint  TEXT NOT NULL,
     sealed_reply         TEXT NOT NULL,
     created_at           TEXT NOT NULL,
     expires_at           TEXT NOT NULL,
     PRIMARY KEY (survey_id, key_hash)
   ) STRICT, WITHOUT ROWID;
   CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);`,
  ACCESS_MIGRATION,
  INVITATION_MIGRATION,
  CHANGE_SEQUENCE_MIGRATION,
  MATCHING_MIGRATION,
  ACCOUNT_LIFECYCLE_MIGRATION,
  SUMMARY_CELLS_MIGRATION,
  SUMMARY_CELL_NUMBERS_MIGRATION,
  EXCERPT_MIGRATION,
  QUESTIONNAIRE_SETTINGS_MIGRATION,
  SUMMARY_CELL_MEMBERS_INDEX_MIGRATION,
  SUMMARY_ACTIVITY_MIGRATION,
  SUMMARY_KEY_NUMBERS_MIGRATION,
  FOLD_DELTA_MIGRATION,
  FOLD_DELTA_TABLE_MIGRATION,
  STATUS_CHANGE_INDEX_MIGRATION,
];

/** The schema version (`user_version`) this code migrates a store up to. */
export const EMBEDDED_SCHEMA_VERSION = EMBEDDED_MIGRATIONS.length;

export interface EmbeddedStoreOptions {
  /** Folder holding the SQLite file; created when missing. `:memory:` keeps everything in RAM (tests). */
  dataDir: string;
  /** How long a write waits for another connection's lock (a backup, a worker) before failing with a 503. */
  busyTimeoutMs?: number;
  /** The longest answers the responses' stream reads (characters of JSON); a longer one fails it. None when omitted. */
  largestAnswers?: number;
}

/**
 * Opens (and migrates) the embedded store: one SQLite file in WAL mode with synchronous=FULL,
 * so a write acknowledged to a client survives a crash or power loss.
 */
export function openEmbeddedStore(options: EmbeddedStoreOptions): Store {
  const file = options.dataDir === ":memory:" ? ":memory:" : prepareFile(options.dataDir);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  migrate(db);
  const audit = new SqliteAuditStore(db);
  return {
    kind: "embedded",
    responses: new SqliteResponseStore(db, audit, options.largestAnswers),
    questionnaireVersions: new SqliteQuestionnaireVersionStore(db),
    accounts: new SqliteAccountStore(db, audit),
    sessions: new SqliteSessionStore(db),
    audit,
    invitations: new SqliteInvitationStore(db, audit),
    matching: new SqliteMatchingStore(db, audit),
    summaryCells: new SqliteSummaryCellStore(db),
    excerpts: new SqliteExcerptStore(db, audit),
    questionnaireSettings: new SqliteQuestionnaireSettingsStore(db, audit),
    async ping() {
      db.prepare("SELECT 1").get();
      if (file !== ":memory:") assertRoomLeft(path.dirname(file));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

/** Where the embedded store of a data folder lives. */
export function embeddedStoreFile(dataDir: string): string {
  return path.join(dataDir, EMBEDDED_FILE_NAME);
}

function assertRoomLeft(dir: string): void {
  const { bavail, bsize } = fs.statfsSync(dir);
  if (bavail * bsize < MIN_FREE_BYTES) throw new StoreUnavailableError("disk_full", `less than ${MIN_FREE_BYTES} bytes free in ${dir}`);
}

function prepareFile(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  return embeddedStoreFile(dataDir);
}

function migrate(db: Database.Database): void {
  const applied = db.pragma("user_version", { simple: true }) as number;
  EMBEDDED_MIGRATIONS.slice(applied).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${applied + index + 1}`);
    })();
  });
}
