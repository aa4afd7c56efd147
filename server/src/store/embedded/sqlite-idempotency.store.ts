import type Database from "better-sqlite3";
import type { StoredIdempotencyRecord } from "../store.port";

interface IdempotencyRow {
  survey_id: string;
  key_hash: string;
  response_id: string;
  request_fingerprint: string;
  sealed_reply: string;
  created_at: string;
  expires_at: string;
}

const COLUMNS = "survey_id, key_hash, response_id, request_fingerprint, sealed_reply, created_at, expires_at";

/**
 * The idempotency records' statements. Not a store of its own: a record is only ever written
 * with its response, inside the response store's transaction.
 */
export class SqliteIdempotencyRecords {
  private readonly findLiveStatement: Database.Statement<[string, string, string], IdempotencyRow>;
  private readonly insertStatement: Database.Statement;
  private readonly purgeStatement: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    // ISO-8601 instants in UTC compare correctly as text.
    this.findLiveStatement = db.prepare(`SELECT ${COLUMNS} FROM idempotency_keys WHERE survey_id = ? AND key_hash = ? AND expires_at > ?`);
    this.insertStatement = db.prepare(
      `INSERT INTO idempotency_keys (${COLUMNS})
       VALUES (@survey_id, @key_hash, @response_id, @request_fingerprint, @sealed_reply, @created_at, @expires_at)`,
    );
    this.purgeStatement = db.prepare("DELETE FROM idempotency_keys WHERE expires_at <= ?");
  }

  findLive(surveyId: string, keyHash: string, now: Date): StoredIdempotencyRecord | null {
    const row = this.findLiveStatement.get(surveyId, keyHash, now.toISOString());
    return row ? fromRow(row) : null;
  }

  /** Inserts a record after dropping the expired ones (an expired record may hold the same key). */
  insertAfterPurge(record: StoredIdempotencyRecord): void {
    this.purgeStatement.run(record.createdAt.toISOString());
    this.insertStatement.run(toRow(record));
  }
}

function toRow(record: StoredIdempotencyRecord): IdempotencyRow {
  return {
    survey_id: record.surveyId,
    key_hash: record.keyHash,
    response_id: record.responseId,
    request_fingerprint: record.requestFingerprint,
    sealed_reply: record.sealedReply,
    created_at: record.createdAt.toISOString(),
    expires_at: record.expiresAt.toISOString(),
  };
}

function fromRow(row: IdempotencyRow): StoredIdempotencyRecord {
  return {
    surveyId: row.survey_id,
    keyHash: row.key_hash,
    responseId: row.response_id,
    requestFingerprint: row.request_fingerprint,
    sealedReply: row.sealed_reply,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
  };
}
