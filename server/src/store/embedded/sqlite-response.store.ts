import type Database from "better-sqlite3";
import { isEncodingOf } from "@passerelle/shared";
import {
  StoreConflictError,
  type AnswerPageOptions,
  type AnswersOfVersion,
  type ChangeBounds,
  type FoldDeltaWrite,
  type IdempotentInsertResult,
  type InvitedResponseState,
  type ResponseChanges,
  type ResponseFilter,
  type ResponseStore,
  type StoredIdempotencyRecord,
  type StreamOptions,
  type StoredResponse,
  type WriteOptions,
} from "../store.port";
import type { SqliteAuditStore } from "./sqlite-access.store";
import { SqliteIdempotencyRecords } from "./sqlite-idempotency.store";
import { readBoundedPage, type PageBounds } from "./sqlite-bounded-page";

/**
 * The change sequence: one counter per questionnaire, incremented in the transaction of every
 * write to one of its responses; each response keeps the point of its latest change and of its
 * submission. Responses written before it existed get points in insertion order.
 */
export const CHANGE_SEQUENCE_MIGRATION = `
  ALTER TABLE responses ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE responses ADD COLUMN submitted_seq INTEGER;
  UPDATE responses SET change_seq = rowid, submitted_seq = CASE WHEN status = 'submitted' THEN rowid END;
  CREATE TABLE response_sequences (
    survey_id  TEXT PRIMARY KEY,
    seq        INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  INSERT INTO response_sequences (survey_id, seq) SELECT survey_id, MAX(change_seq) FROM responses GROUP BY survey_id;
  CREATE INDEX responses_survey_change ON responses (survey_id, change_seq);
  CREATE INDEX responses_survey_submitted_seq ON responses (survey_id, submitted_seq);`;

/**
 * The encoded delta of each response's answers (see `StoredResponse.foldDelta`) and the stamp
 * it was encoded under. Responses saved before stay NULL and are folded from their answers
 * until they are saved again.
 */
export const FOLD_DELTA_MIGRATION = `
  ALTER TABLE responses ADD COLUMN fold_delta BLOB;
  ALTER TABLE responses ADD COLUMN fold_delta_stamp TEXT;`;

interface ResponseRow {
  id: string;
  survey_id: string;
  version: string;
  status: string;
  locale: string;
  answers: string;
  breakdown: string;
  token_hash: string;
  invitation_id: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** Absent where a read did not ask for them. */
  fold_delta?: Uint8Array | null;
  fold_delta_stamp?: string | null;
}

const COLUMNS_BUT_FOLD_DELTA =
  "id, survey_id, version, status, locale, answers, breakdown, token_hash, invitation_id, revision, created_at, updated_at, submitted_at";
const COLUMNS = `${COLUMNS_BUT_FOLD_DELTA}, fold_delta, fold_delta_stamp`;

// Written with every row, never read back into a StoredResponse.
interface SequenceColumns {
  change_seq: number;
  submitted_seq: number | null;
}

interface InvitedStateRow {
  invitation_id: string;
  id: string;
  status: string;
  updated_at: string;
}

// Rows fetched per step when streaming: large enough to be fast, small enough to keep memory flat.
const STREAM_PAGE_SIZE = 500;
// And at most 4 M characters of answers a page of `stream` (plus one response): a thread's memory
// stays bounded by the largest response rather than by 500 of them (export-thread-memory.ts).
const STREAM_PAGE_BOUNDS: PageBounds = { rows: STREAM_PAGE_SIZE, characters: 4 * 2 ** 20 };

/** Responses in SQLite: indexed columns for what we filter on, the answers as JSON text. */
export class SqliteResponseStore implements ResponseStore {
  private readonly insertStatement: Database.Statement;
  private readonly findStatement: Database.Statement<[string], ResponseRow>;
  private readonly findByInvitationStatement: Database.Statement<[string], ResponseRow>;
  private readonly invitedStatesStatement: Database.Statement<[string], InvitedStateRow>;
  private readonly updateStatement: Database.Statement;
  private readonly revisionStatement: Database.Statement<[string], { survey_id: string; revision: number }>;
  private readonly nextSequenceStatement: Database.Statement<[string], { seq: number }>;
  private readonly sequenceStatement: Database.Statement<[string], { seq: number }>;
  private readonly idempotency: SqliteIdempotencyRecords;

  constructor(
    private readonly db: Database.Database,
    private readonly audit: SqliteAuditStore,
    /** The longest answers `stream` reads, in characters of their JSON (an export thread's heap cap); none when omitted. */
    private readonly largestAnswers?: number,
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO responses (${COLUMNS}, change_seq, submitted_seq)
       VALUES (@id, @survey_id, @version, @status, @locale, @answers, @breakdown, @token_hash, @invitation_id, @revision,
               @created_at, @updated_at, @submitted_at, @fold_delta, @fold_delta_stamp, @change_seq, @submitted_seq)`,
    );
    this.revisionStatement = db.prepare("SELECT survey_id, revision FROM responses WHERE id = ?");
    this.nextSequenceStatement = db.prepare(
      `INSERT INTO response_sequences (survey_id, seq) VALUES (?, 1)
       ON CONFLICT (survey_id) DO UPDATE SET seq = seq + 1 RETURNING seq`,
    );
    this.sequenceStatement = db.prepare("SELECT seq FROM response_sequences WHERE survey_id = ?");
    this.findStatement = db.prepare(`SELECT ${COLUMNS} FROM responses WHERE id = ?`);
    this.findByInvitationStatement = db.prepare(`SELECT ${COLUMNS} FROM responses WHERE invitation_id = ?`);
    // "IS NOT NULL" spelled out so SQLite may use the partial index on (survey_id, invitation_id).
    this.invitedStatesStatement = db.prepare(`SELECT invitation_id, id, status, updated_at FROM responses WHERE survey_id = ? AND invitation_id IS NOT NULL`);
    this.updateStatement = db.prepare(
      `UPDATE responses
          SET version = @version, status = @status, locale = @locale, answers = @answers, breakdown = @breakdown,
              updated_at = @updated_at, submitted_at = @submitted_at, fold_delta = @fold_delta, fold_delta_stamp = @fold_delta_stamp,
              revision = revision + 1,
              change_seq = @change_seq, submitted_seq = COALESCE(submitted_seq, @submitted_seq)
        WHERE id = @id AND revision = @expected_revision`,
    );
    this.idempotency = new SqliteIdempotencyRecords(db);
  }

  async insert(response: StoredResponse, options: WriteOptions = {}): Promise<void> {
    this.insertRows([response], options);
  }

  async insertMany(responses: readonly StoredResponse[]): Promise<void> {
    this.insertRows(responses, {});
  }

  async insertIdempotent(response: StoredResponse, record: StoredIdempotencyRecord, options: WriteOptions = {}): Promise<IdempotentInsertResult> {
    const insertOnce = this.db.transaction((): IdempotentInsertResult => {
      const existing = this.idempotency.findLive(record.surveyId, record.keyHash, record.createdAt);
      if (existing) return { kind: "existing", record: existing };
      this.insertRow(response);
      this.idempotency.insertAfterPurge(record);
      if (options.audit) this.audit.write(options.audit);
      return { kind: "created" };
    });
    // IMMEDIATE takes the write lock before the check, so another connection to the same file
    // cannot slip the same key in between the check and the insert.
    return translateConflict(() => insertOnce.immediate());
  }

  async findIdempotencyRecord(surveyId: string, keyHash: string, now: Date): Promise<StoredIdempotencyRecord | null> {
    return this.idempotency.findLive(surveyId, keyHash, now);
  }

  // One transaction, so one durable commit for the lot and its audit entry.
  private insertRows(responses: readonly StoredResponse[], options: WriteOptions): void {
    const insertAll = this.db.transaction((rows: readonly StoredResponse[]) => {
      for (const row of rows) this.insertRow(row);
      if (options.audit) this.audit.write(options.audit);
    });
    translateConflict(() => insertAll(responses));
  }

  // Only inside a transaction: the row and the counter's step commit together.
  private insertRow(response: StoredResponse): void {
    const seq = this.nextSequence(response.surveyId);
    this.insertStatement.run({ ...toRow(response), change_seq: seq, submitted_seq: response.status === "submitted" ? seq : null });
  }

  private nextSequence(surveyId: string): number {
    return (this.nextSequenceStatement.get(surveyId) as { seq: number }).seq;
  }

  async findById(id: string): Promise<StoredResponse | null> {
    const row = this.findStatement.get(id);
    return row ? fromRow(row) : null;
  }

  async findByInvitation(invitationId: string): Promise<StoredResponse | null> {
    const row = this.findByInvitationStatement.get(invitationId);
    return row ? fromRow(row) : null;
  }

  async invitedResponseStates(surveyId: string): Promise<InvitedResponseState[]> {
    return this.invitedStatesStatement.all(surveyId).map((row) => ({
      invitationId: row.invitation_id,
      responseId: row.id,
      status: row.status as InvitedResponseState["status"],
      updatedAt: new Date(row.updated_at),
    }));
  }

  async update(id: string, expectedRevision: number, changes: ResponseChanges, options: WriteOptions = {}): Promise<StoredResponse | null> {
    const updateOnce = this.db.transaction((): boolean => {
      // Checked first so that a refused update leaves the sequence (and so every cache) alone.
      const current = this.revisionStatement.get(id);
      if (!current || current.revision !== expectedRevision) return false;
      const seq = this.nextSequence(current.survey_id);
      const columns: SequenceColumns = { change_seq: seq, submitted_seq: changes.status === "submitted" ? seq : null };
      const answers = JSON.stringify(changes.answers);
      this.updateStatement.run({
        id,
        expected_revision: expectedRevision,
        version: changes.version,
        status: changes.status,
        locale: changes.locale,
        answers,
        ...foldDeltaColumns(changes.foldDelta, { version: changes.version, answers }),
        breakdown: JSON.stringify(changes.breakdown),
        updated_at: changes.updatedAt.toISOString(),
        submitted_at: changes.submittedAt?.toISOString() ?? null,
        ...columns,
      });
      if (options.audit) this.audit.write(options.audit);
      return true;
    });
    // IMMEDIATE, so the revision read and the write see the same state of the file.
    if (!updateOnce.immediate()) return null;
    return this.findById(id);
  }

  async *stream(filter: ResponseFilter, options: StreamOptions = {}): AsyncIterable<StoredResponse> {
    // Keyset pagination on rowid (insertion order) rather than one long-lived iterator: no read
    // transaction stays open between pages, so a slow consumer never holds back the WAL.
    const { where, params } = toWhere(filter);
    const page = this.db.prepare<unknown[], ResponseRow & { seq: number }>(
      `SELECT ${options.withFoldDeltas ? COLUMNS : COLUMNS_BUT_FOLD_DELTA}, rowid AS seq FROM responses ${indexHint(filter)} WHERE ${where} AND rowid > ? ORDER BY rowid LIMIT ${STREAM_PAGE_SIZE}`,
    );
    let after = 0;
    for (;;) {
      const bounds = { ...STREAM_PAGE_BOUNDS, largestRow: this.largestAnswers };
      const { rows, isLast } = readBoundedPage(page, [...params, after], bounds, (row) => row.answers.length);
      for (const row of rows) yield fromRow(row);
      const last = rows.at(-1);
      if (!last || isLast) return;
      after = last.seq;
    }
  }

  async *streamAnswerPages(filter: ResponseFilter, options: AnswerPageOptions = {}): AsyncIterable<AnswersOfVersion[]> {
    // A store writes an encoding only with the version it was made for, so its stamp alone
    // tells whether the fold reads it.
    const stamps = [...new Set(options.deltaStamps?.values())];
    if (stamps.length === 0) return yield* this.answerPages(filter);
    yield* this.deltaPages(filter, stamps);
  }

  private async *answerPages(filter: ResponseFilter): AsyncIterable<AnswersOfVersion[]> {
    const { where, params } = toWhere(filter);
    const page = this.db.prepare<unknown[], { version: string; answers: string; seq: number }>(
      `SELECT version, answers, rowid AS seq FROM responses ${indexHint(filter)} WHERE ${where} AND rowid > ? ORDER BY rowid LIMIT ${STREAM_PAGE_SIZE}`,
    );
    let after = 0;
    for (;;) {
      const rows = page.all(...params, after);
      if (rows.length > 0) yield rows.map((row) => ({ version: row.version, answers: JSON.parse(row.answers) as StoredResponse["answers"] }));
      const last = rows.at(-1);
      if (!last || rows.length < STREAM_PAGE_SIZE) return;
      after = last.seq;
    }
  }

  // A page as one row: the readable deltas joined into one blob (a value per row costs more to
  // hand over than the bytes it holds), the other rows' answers as one JSON array, in order.
  // A page as one row: the readable deltas joined into one blob (a value per row costs more to
  // hand over than the bytes it holds), with each row's version and delta length as JSON arrays
  // (every aggregate steps through the same rows in the same order). The page's other rows are
  // then read with their answers, as `answerPages` reads them.
  private async *deltaPages(filter: ResponseFilter, stamps: string[]): AsyncIterable<AnswersOfVersion[]> {
    const { where, params } = toWhere(filter);
    const listed = stamps.map(() => "?").join(", ");
    const page = this.db.prepare<unknown[], DeltaPageRow>(
      `SELECT count(*) AS n, max(seq) AS last, json_group_array(version) AS versions, json_group_array(length(delta)) AS lengths,
              CAST(group_concat(delta, x'') AS BLOB) AS deltas
         FROM (SELECT rowid AS seq, version, CASE WHEN fold_delta_stamp IN (${listed}) THEN fold_delta END AS delta
                 FROM responses ${indexHint(filter)} WHERE ${where} AND rowid > ? ORDER BY rowid LIMIT ${STREAM_PAGE_SIZE})`,
    );
    const unreadable = this.db.prepare<unknown[], { version: string; answers: string }>(
      `SELECT version, answers FROM responses ${indexHint(filter)}
        WHERE ${where} AND rowid > ? AND rowid <= ? AND (fold_delta_stamp IS NULL OR fold_delta_stamp NOT IN (${listed})) ORDER BY rowid`,
    );
    let after = 0;
    for (;;) {
      const row = page.get(...stamps, ...params, after) as DeltaPageRow;
      if (row.n === 0 || row.last === null) return;
      const lengths = JSON.parse(row.lengths) as (number | null)[];
      const others = lengths.includes(null) ? unreadable.all(...params, after, row.last, ...stamps) : [];
      yield rowsOfDeltaPage(row, lengths, others);
      if (row.n < STREAM_PAGE_SIZE) return;
      after = row.last;
    }
  }

  async writeFoldDeltas(encodings: readonly FoldDeltaWrite[]): Promise<number> {
    const read = this.db.prepare<[string], { version: string; answers: string; revision: number }>(
      "SELECT version, answers, revision FROM responses WHERE id = ?",
    );
    const write = this.db.prepare("UPDATE responses SET fold_delta = @fold_delta, fold_delta_stamp = @fold_delta_stamp WHERE id = @id");
    // IMMEDIATE, so that no edit lands between a row's check and its write.
    const writeAll = this.db.transaction(() => {
      let written = 0;
      for (const { id, revision, foldDelta } of encodings) {
        const current = read.get(id);
        if (!current || current.revision !== revision) continue;
        const columns = foldDeltaColumns(foldDelta, current);
        if (columns.fold_delta === null) continue;
        write.run({ id, ...columns });
        written += 1;
      }
      return written;
    });
    return writeAll.immediate();
  }

  async changeSequence(surveyId: string): Promise<number> {
    return this.sequenceStatement.get(surveyId)?.seq ?? 0;
  }

  async count(filter: ResponseFilter): Promise<number> {
    const { where, params } = toWhere(filter);
    const row = this.db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM responses WHERE ${where}`).get(...params);
    return row?.n ?? 0;
  }
}

function translateConflict<T>(write: () => T): T {
  try {
    return write();
  } catch (error) {
    const { code } = error as { code?: string };
    if (code === "SQLITE_CONSTRAINT_PRIMARYKEY") throw new StoreConflictError("a response with this id already exists");
    // The only UNIQUE index on responses besides the id: one response per invitation.
    if (code === "SQLITE_CONSTRAINT_UNIQUE") throw new StoreConflictError("the invitation already has a response");
    throw error;
  }
}

// Left to itself SQLite walks the rowid-ordered index and checks every row's sequence point;
// the responses changed since a fold are few, so reach them through the sequence's indexes.
function indexHint(filter: ResponseFilter): string {
  // The primary key's own index (SQLite names it so): a cell's members among a million rows.
  if (filter.ids) return "INDEXED BY sqlite_autoindex_responses_1";
  if (filter.changes?.submittedAfter !== undefined) return "INDEXED BY responses_survey_submitted_seq";
  if (filter.changes?.after !== undefined) return "INDEXED BY responses_survey_change";
  return "";
}

const CHANGE_CLAUSES: Record<keyof ChangeBounds, string> = {
  after: "change_seq > ?",
  upTo: "change_seq <= ?",
  submittedAfter: "submitted_seq > ?",
  submittedUpTo: "submitted_seq <= ?",
};

function toWhere(filter: ResponseFilter): { where: string; params: unknown[] } {
  const clauses = ["survey_id = ?"];
  const params: unknown[] = [filter.surveyId];
  if (filter.status) {
    clauses.push("status = ?");
    params.push(filter.status);
  }
  for (const [field, value] of Object.entries(filter.breakdown ?? {})) {
    // The field name is bound as a JSON path parameter, never spliced into the SQL.
    clauses.push("json_extract(breakdown, ?) = ?");
    params.push(`$."${field.replace(/"/g, "")}"`, value);
  }
  if (filter.submittedFrom) {
    clauses.push("submitted_at >= ?");
    params.push(filter.submittedFrom.toISOString());
  }
  if (filter.submittedBefore) {
    clauses.push("submitted_at < ?");
    params.push(filter.submittedBefore.toISOString());
  }
  for (const [bound, value] of Object.entries(filter.changes ?? {}) as [keyof ChangeBounds, number | undefined][]) {
    if (value === undefined) continue;
    clauses.push(CHANGE_CLAUSES[bound]);
    params.push(value);
  }
  if (filter.ids) {
    // One parameter however many ids: SQLite's bound on parameters never comes into it.
    clauses.push("id IN (SELECT value FROM json_each(?))");
    params.push(JSON.stringify(filter.ids));
  }
  if (filter.slice) {
    // Insertion order interleaves slices, so each gets its share of every period and place.
    clauses.push("rowid % ? = ?");
    params.push(filter.slice.count, filter.slice.index);
  }
  return { where: clauses.join(" AND "), params };
}

interface DeltaPageRow {
  n: number;
  last: number | null;
  /** JSON arrays, one item per row: its version, its delta's length (null for none). */
  versions: string;
  lengths: string;
  /** The deltas, joined in the rows' order; null when no row of the page has one. */
  deltas: Uint8Array | null;
}

// The page's rows in order: each readable delta cut out of the joined blob, the other rows'
// answers (read in rowid order, as the rows are) in their places.
function rowsOfDeltaPage(page: DeltaPageRow, lengths: readonly (number | null)[], others: readonly { version: string; answers: string }[]): AnswersOfVersion[] {
  const versions = JSON.parse(page.versions) as string[];
  let at = 0;
  let other = 0;
  return lengths.map((length, index): AnswersOfVersion => {
    if (length === null || !page.deltas) {
      const { version, answers } = others[other++] as { version: string; answers: string };
      return { version, answers: JSON.parse(answers) as StoredResponse["answers"] };
    }
    const delta = page.deltas.subarray(at, at + length);
    at += length;
    return { version: versions[index] as string, delta };
  });
}

// An encoding goes in only beside the version and answers it was made for.
function foldDeltaColumns(
  encoded: StoredResponse["foldDelta"],
  { version, answers }: { version: string; answers: string },
): Pick<ResponseRow, "fold_delta" | "fold_delta_stamp"> {
  if (!encoded || !isEncodingOf(encoded, { version, answers })) return { fold_delta: null, fold_delta_stamp: null };
  return { fold_delta: encoded.bytes, fold_delta_stamp: encoded.stamp };
}

function toRow(response: StoredResponse): ResponseRow {
  const answers = JSON.stringify(response.answers);
  return {
    id: response.id,
    survey_id: response.surveyId,
    version: response.version,
    status: response.status,
    locale: response.locale,
    answers,
    breakdown: JSON.stringify(response.breakdown),
    token_hash: response.tokenHash,
    invitation_id: response.invitationId ?? null,
    revision: response.revision,
    created_at: response.createdAt.toISOString(),
    updated_at: response.updatedAt.toISOString(),
    submitted_at: response.submittedAt?.toISOString() ?? null,
    ...foldDeltaColumns(response.foldDelta, { version: response.version, answers }),
  };
}

function fromRow(row: ResponseRow): StoredResponse {
  return {
    id: row.id,
    surveyId: row.survey_id,
    version: row.version,
    status: row.status as StoredResponse["status"],
    locale: row.locale as StoredResponse["locale"],
    answers: JSON.parse(row.answers) as StoredResponse["answers"],
    breakdown: JSON.parse(row.breakdown) as StoredResponse["breakdown"],
    tokenHash: row.token_hash,
    // Omitted rather than undefined: a public-link response has no such property at all.
    ...(row.invitation_id === null ? {} : { invitationId: row.invitation_id }),
    revision: row.revision,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    submittedAt: row.submitted_at ? new Date(row.submitted_at) : null,
    ...(row.fold_delta && typeof row.fold_delta_stamp === "string" ? { foldDelta: { stamp: row.fold_delta_stamp, bytes: row.fold_delta } } : {}),
  };
}
