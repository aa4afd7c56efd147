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
  type ResponseSlice,
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

/**
 * The encoded deltas move to a narrow table of their own: a fold from scratch then reads the
 * responses' index and these rows only, not every response's page of answers (a quarter of the
 * bytes). A row belongs to the response whose rowid it names, as that response stood at the
 * change it names: a delta is read only while both still match, so a rowid reused or renumbered
 * (VACUUM may renumber a table without an INTEGER PRIMARY KEY) never lends a delta to another
 * response, and a write that left its delta behind is never read as the new answers'.
 */
export const FOLD_DELTA_TABLE_MIGRATION = `
  CREATE TABLE response_fold_deltas (
    response_rowid       INTEGER PRIMARY KEY,
    response_change_seq  INTEGER NOT NULL,
    response_version     TEXT NOT NULL,
    stamp                TEXT NOT NULL,
    delta                BLOB NOT NULL
  ) STRICT;
  INSERT INTO response_fold_deltas (response_rowid, response_change_seq, response_version, stamp, delta)
    SELECT rowid, change_seq, version, fold_delta_stamp, fold_delta FROM responses WHERE fold_delta IS NOT NULL AND fold_delta_stamp IS NOT NULL;
  ALTER TABLE responses DROP COLUMN fold_delta;
  ALTER TABLE responses DROP COLUMN fold_delta_stamp;`;

/**
 * A fold as of one point of the change sequence pages through the responses in the order of
 * their changes, by this index: it holds each row's change, so whether an encoding is still
 * its response's is read from the index alone, and its submission time, so a free period is
 * too; neither the rows nor another index are read.
 */
export const STATUS_CHANGE_INDEX_MIGRATION = `CREATE INDEX responses_survey_status_change ON responses (survey_id, status, change_seq, submitted_at);`;

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

const COLUMN_NAMES = [
  "id",
  "survey_id",
  "version",
  "status",
  "locale",
  "answers",
  "breakdown",
  "token_hash",
  "invitation_id",
  "revision",
  "created_at",
  "updated_at",
  "submitted_at",
];
const COLUMNS = COLUMN_NAMES.join(", ");
// Read from `responses r`, with the response's delta where it still belongs to it (see the migration).
const COLUMNS_OF_R = COLUMN_NAMES.map((name) => `r.${name}`).join(", ");
const COLUMNS_WITH_FOLD_DELTA = `${COLUMNS_OF_R}, d.delta AS fold_delta, d.stamp AS fold_delta_stamp`;
const JOIN_FOLD_DELTA = "LEFT JOIN response_fold_deltas d ON d.response_rowid = r.rowid AND d.response_change_seq = r.change_seq";

interface FoldDeltaColumns {
  delta: Uint8Array;
  stamp: string;
}

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
  private readonly revisionStatement: Database.Statement<[string], { rowid: number; survey_id: string; revision: number }>;
  private readonly writeDeltaStatement: Database.Statement;
  private readonly dropDeltaStatement: Database.Statement<[number]>;
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
               @created_at, @updated_at, @submitted_at, @change_seq, @submitted_seq)`,
    );
    this.writeDeltaStatement = db.prepare(
      `INSERT OR REPLACE INTO response_fold_deltas (response_rowid, response_change_seq, response_version, stamp, delta)
       VALUES (@rowid, @change_seq, @version, @stamp, @delta)`,
    );
    this.dropDeltaStatement = db.prepare("DELETE FROM response_fold_deltas WHERE response_rowid = ?");
    this.revisionStatement = db.prepare("SELECT rowid, survey_id, revision FROM responses WHERE id = ?");
    this.nextSequenceStatement = db.prepare(
      `INSERT INTO response_sequences (survey_id, seq) VALUES (?, 1)
       ON CONFLICT (survey_id) DO UPDATE SET seq = seq + 1 RETURNING seq`,
    );
    this.sequenceStatement = db.prepare("SELECT seq FROM response_sequences WHERE survey_id = ?");
    this.findStatement = db.prepare(`SELECT ${COLUMNS_WITH_FOLD_DELTA} FROM responses r ${JOIN_FOLD_DELTA} WHERE r.id = ?`);
    this.findByInvitationStatement = db.prepare(`SELECT ${COLUMNS_WITH_FOLD_DELTA} FROM responses r ${JOIN_FOLD_DELTA} WHERE r.invitation_id = ?`);
    // "IS NOT NULL" spelled out so SQLite may use the partial index on (survey_id, invitation_id).
    this.invitedStatesStatement = db.prepare(`SELECT invitation_id, id, status, updated_at FROM responses WHERE survey_id = ? AND invitation_id IS NOT NULL`);
    this.updateStatement = db.prepare(
      `UPDATE responses
          SET version = @version, status = @status, locale = @locale, answers = @answers, breakdown = @breakdown,
              updated_at = @updated_at, submitted_at = @submitted_at,
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
    const row = toRow(response);
    const { lastInsertRowid } = this.insertStatement.run({ ...row, change_seq: seq, submitted_seq: response.status === "submitted" ? seq : null });
    this.writeDelta(Number(lastInsertRowid), seq, response.version, foldDeltaOf(response.foldDelta, row));
  }

  // The response's delta as of the change `seq`, or none: a delta of earlier answers never stays.
  private writeDelta(rowid: number, seq: number, version: string, delta: FoldDeltaColumns | null): void {
    if (delta) this.writeDeltaStatement.run({ rowid, change_seq: seq, version, ...delta });
    else this.dropDeltaStatement.run(rowid);
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
        breakdown: JSON.stringify(changes.breakdown),
        updated_at: changes.updatedAt.toISOString(),
        submitted_at: changes.submittedAt?.toISOString() ?? null,
        ...columns,
      });
      this.writeDelta(current.rowid, seq, changes.version, foldDeltaOf(changes.foldDelta, { version: changes.version, answers }));
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
    const { where, params } = toWhere(filter, "r.rowid");
    const source = options.withFoldDeltas
      ? `${COLUMNS_WITH_FOLD_DELTA}, r.rowid AS seq FROM responses r ${indexHint(filter)} ${JOIN_FOLD_DELTA}`
      : `${COLUMNS_OF_R}, r.rowid AS seq FROM responses r ${indexHint(filter)}`;
    const page = this.db.prepare<unknown[], ResponseRow & { seq: number }>(
      `SELECT ${source} WHERE ${where} AND r.rowid > ? ORDER BY r.rowid LIMIT ${STREAM_PAGE_SIZE}`,
    );
    let after = firstKeyBefore(filter, "r.rowid");
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

  // Pages follow the same key as the encodings' (see deltaPages).
  private async *answerPages(filter: ResponseFilter): AsyncIterable<AnswersOfVersion[]> {
    const key = pageKeyOf(filter);
    const { where, params } = toWhere(filter, key);
    const page = this.db.prepare<unknown[], { version: string; answers: string; seq: number }>(
      `SELECT r.version, r.answers, ${key} AS seq FROM responses r ${pageIndexHint(filter)} WHERE ${where} AND ${key} > ? ORDER BY ${key} LIMIT ${STREAM_PAGE_SIZE}`,
    );
    let after = firstKeyBefore(filter, key);
    for (;;) {
      const rows = page.all(...params, after);
      if (rows.length > 0) yield rows.map((row) => ({ version: row.version, answers: JSON.parse(row.answers) as StoredResponse["answers"] }));
      const last = rows.at(-1);
      if (!last || rows.length < STREAM_PAGE_SIZE) return;
      after = last.seq;
    }
  }

  // A page as one row: the readable deltas joined into one blob (a value per row costs more to
  // hand over than the bytes it holds), with each row's version and delta length as JSON arrays
  // (every aggregate steps through the same rows in the same order). The page's other rows are
  // then read with their answers, as `answerPages` reads them. Where the filter is on the
  // questionnaire and status only, the rows' part comes from an index alone: no response's
  // page of answers is read. As of a point of the sequence (a fold's usual read), the rows are
  // paged in the order of their changes, and the index gives each row's change too.
  private async *deltaPages(filter: ResponseFilter, stamps: string[]): AsyncIterable<AnswersOfVersion[]> {
    const key = pageKeyOf(filter);
    const { where, params } = toWhere(filter, key);
    const listed = stamps.map(() => "?").join(", ");
    const isOwnDelta = isPagedByChange(filter)
      ? "d.response_change_seq = r.change_seq"
      : `EXISTS (SELECT 1 FROM responses c INDEXED BY responses_survey_change
                  WHERE c.survey_id = r.survey_id AND c.change_seq = d.response_change_seq AND c.rowid = r.rowid)`;
    const readable = `d.stamp IN (${listed}) AND ${isOwnDelta}`;
    const page = this.db.prepare<unknown[], DeltaPageRow>(
      `SELECT count(*) AS n, max(seq) AS last, json_group_array(version) AS versions, json_group_array(length(delta)) AS lengths,
              CAST(group_concat(delta, x'') AS BLOB) AS deltas
         FROM (SELECT ${key} AS seq, d.response_version AS version, CASE WHEN ${readable} THEN d.delta END AS delta
                 FROM responses r ${pageIndexHint(filter)} LEFT JOIN response_fold_deltas d ON d.response_rowid = r.rowid
                WHERE ${where} AND ${key} > ? ORDER BY ${key} LIMIT ${STREAM_PAGE_SIZE})`,
    );
    const within = toWhere(withinPage(filter), key);
    const unreadable = this.db.prepare<unknown[], { version: string; answers: string }>(
      `SELECT r.version, r.answers FROM responses r ${pageIndexHint(filter)} LEFT JOIN response_fold_deltas d ON d.response_rowid = r.rowid
        WHERE ${within.where} AND ${key} > ? AND ${key} <= ? AND NOT coalesce(${readable}, FALSE) ORDER BY ${key}`,
    );
    let after = firstKeyBefore(filter, key);
    for (;;) {
      const row = page.get(...stamps, ...params, after) as DeltaPageRow;
      if (row.n === 0 || row.last === null) return;
      const lengths = JSON.parse(row.lengths) as (number | null)[];
      const others = lengths.includes(null) ? unreadable.all(...within.params, after, row.last, ...stamps) : [];
      yield rowsOfDeltaPage(row, lengths, others);
      if (row.n < STREAM_PAGE_SIZE) return;
      after = row.last;
    }
  }

  async writeFoldDeltas(encodings: readonly FoldDeltaWrite[]): Promise<number> {
    const read = this.db.prepare<[string], { rowid: number; change_seq: number; version: string; answers: string; revision: number }>(
      "SELECT rowid, change_seq, version, answers, revision FROM responses WHERE id = ?",
    );
    // IMMEDIATE, so that no edit lands between a row's check and its write.
    const writeAll = this.db.transaction(() => {
      let written = 0;
      for (const { id, revision, foldDelta } of encodings) {
        const current = read.get(id);
        if (!current || current.revision !== revision) continue;
        const delta = foldDeltaOf(foldDelta, current);
        if (!delta) continue;
        // At the response's own change: an encoding of the same answers is no change to them.
        this.writeDeltaStatement.run({ rowid: current.rowid, change_seq: current.change_seq, version: current.version, ...delta });
        written += 1;
      }
      return written;
    });
    return writeAll.immediate();
  }

  async changeSequence(surveyId: string): Promise<number> {
    return this.sequenceStatement.get(surveyId)?.seq ?? 0;
  }

  async planSlices(filter: ResponseFilter, count: number): Promise<ResponseSlice[]> {
    // Ranges of the key the fold pages on (pageKeyOf), cut evenly between the first and the
    // last row the filter picks now: a slice then seeks to its range and reads no row of the
    // others'. The first and the last are open-ended, so the slices hold every row, those
    // written after this plan too.
    const unsliced: ResponseFilter = { ...filter, slice: undefined };
    const { where, params } = toWhere(unsliced);
    const key = pageKeyOf(unsliced);
    const end = (order: "ASC" | "DESC") =>
      this.db
        .prepare<unknown[], { seq: number }>(`SELECT ${key} AS seq FROM responses r ${pageIndexHint(unsliced)} WHERE ${where} ORDER BY ${key} ${order} LIMIT 1`)
        .get(...params)?.seq;
    const first = end("ASC");
    const last = end("DESC");
    if (first === undefined || last === undefined) return Array.from({ length: count }, (_, index) => ({ index, count }));
    const cut = (index: number) => first + Math.floor((index * (last - first + 1)) / count);
    return Array.from({ length: count }, (_, index) => ({
      index,
      count,
      ...(index > 0 ? { from: cut(index) } : {}),
      ...(index < count - 1 ? { before: cut(index + 1) } : {}),
    }));
  }

  async count(filter: ResponseFilter): Promise<number> {
    const { where, params } = toWhere(filter);
    const row = this.db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n FROM responses r WHERE ${where}`).get(...params);
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

/**
 * Whether a fold's pages follow the responses' changes rather than their rowids: when it reads
 * as of a point of the sequence (`changes.upTo`) and nothing narrows it to later changes or
 * given ids. No write can then land among the changes read, so keyset pages on change_seq
 * (unique within a questionnaire) neither skip nor repeat a response.
 */
function isPagedByChange(filter: ResponseFilter): boolean {
  const { changes } = filter;
  return changes?.upTo !== undefined && changes.after === undefined && changes.submittedAfter === undefined && filter.ids === undefined;
}

// The key a fold's pages, and its planned slices, follow.
function pageKeyOf(filter: ResponseFilter): string {
  return isPagedByChange(filter) ? "r.change_seq" : "r.rowid";
}

/**
 * The filter of a page's rows read again, between its first and last key: the page read them
 * within the planned slice and the point of the sequence, so neither is said again. A second
 * upper bound on the key would let SQLite scan on to the slice's end or the point, past the
 * page, on every page.
 */
function withinPage(filter: ResponseFilter): ResponseFilter {
  const isPlanned = filter.slice?.from !== undefined || filter.slice?.before !== undefined;
  const changes = isPagedByChange(filter) ? { ...filter.changes, upTo: undefined } : filter.changes;
  return { ...filter, slice: isPlanned ? undefined : filter.slice, changes };
}

// Where keyset pages on `pagedOn` start: before a planned slice's first row when the slice is a
// range of that key, so that its pages seek there instead of walking the rows before it.
function firstKeyBefore(filter: ResponseFilter, pagedOn: string): number {
  return filter.slice?.from !== undefined && pageKeyOf(filter) === pagedOn ? filter.slice.from - 1 : 0;
}

// The index of a fold's pages: by change where they follow changes (with the status, which
// covers a fold of the submitted responses).
function pageIndexHint(filter: ResponseFilter): string {
  if (!isPagedByChange(filter)) return indexHint(filter);
  return filter.status ? "INDEXED BY responses_survey_status_change" : "INDEXED BY responses_survey_change";
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
  after: "r.change_seq > ?",
  upTo: "r.change_seq <= ?",
  submittedAfter: "r.submitted_seq > ?",
  submittedUpTo: "r.submitted_seq <= ?",
};

/**
 * The filter as SQL over `responses r`. `pagedOn`: the key a caller pages on from a planned
 * slice's start (firstKeyBefore), whose start then goes unsaid: with a second
 * lower bound on the key, SQLite may seek to the slice's start and step over every row up to
 * the page's, on every page. For the same reason a key has one upper bound: a slice of changes
 * ends at its end or just after the point, whichever comes first.
 */
function toWhere(filter: ResponseFilter, pagedOn?: string): { where: string; params: unknown[] } {
  const clauses = ["r.survey_id = ?"];
  const params: unknown[] = [filter.surveyId];
  if (filter.status) {
    clauses.push("r.status = ?");
    params.push(filter.status);
  }
  for (const [field, value] of Object.entries(filter.breakdown ?? {})) {
    // The field name is bound as a JSON path parameter, never spliced into the SQL.
    clauses.push("json_extract(r.breakdown, ?) = ?");
    params.push(`$."${field.replace(/"/g, "")}"`, value);
  }
  if (filter.submittedFrom) {
    clauses.push("r.submitted_at >= ?");
    params.push(filter.submittedFrom.toISOString());
  }
  if (filter.submittedBefore) {
    clauses.push("r.submitted_at < ?");
    params.push(filter.submittedBefore.toISOString());
  }
  const isPlanned = filter.slice?.from !== undefined || filter.slice?.before !== undefined;
  const sliceKey = pageKeyOf(filter);
  // A slice of changes ending before the point is bounded by its end alone (see pagedOn).
  const sliceEnd = isPlanned && filter.slice?.before !== undefined ? filter.slice.before : undefined;
  const isPointInSliceEnd = sliceEnd !== undefined && sliceKey === "r.change_seq";
  for (const [bound, value] of Object.entries(filter.changes ?? {}) as [keyof ChangeBounds, number | undefined][]) {
    if (value === undefined || (bound === "upTo" && isPointInSliceEnd)) continue;
    clauses.push(CHANGE_CLAUSES[bound]);
    params.push(value);
  }
  if (filter.ids) {
    // One parameter however many ids: SQLite's bound on parameters never comes into it.
    clauses.push("r.id IN (SELECT value FROM json_each(?))");
    params.push(JSON.stringify(filter.ids));
  }
  if (isPlanned) {
    // A planned slice: a range of the key a fold's pages follow (pageKeyOf).
    if (filter.slice?.from !== undefined && sliceKey !== pagedOn) {
      clauses.push(`${sliceKey} >= ?`);
      params.push(filter.slice.from);
    }
    if (sliceEnd !== undefined) {
      clauses.push(`${sliceKey} < ?`);
      params.push(isPointInSliceEnd ? Math.min(sliceEnd, (filter.changes?.upTo as number) + 1) : sliceEnd);
    }
  } else if (filter.slice) {
    // Insertion order interleaves slices, so each gets its share of every period and place.
    clauses.push("r.rowid % ? = ?");
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
    // A view, not `Buffer.subarray`: a Buffer costs more to make than a plain Uint8Array.
    const delta = new Uint8Array(page.deltas.buffer, page.deltas.byteOffset + at, length);
    at += length;
    return { version: versions[index] as string, delta };
  });
}

// An encoding goes in only beside the version and answers it was made for.
function foldDeltaOf(encoded: StoredResponse["foldDelta"], { version, answers }: { version: string; answers: string }): FoldDeltaColumns | null {
  if (!encoded || !isEncodingOf(encoded, { version, answers })) return null;
  return { delta: encoded.bytes, stamp: encoded.stamp };
}

function toRow(response: StoredResponse): ResponseRow {
  return {
    id: response.id,
    survey_id: response.surveyId,
    version: response.version,
    status: response.status,
    locale: response.locale,
    answers: JSON.stringify(response.answers),
    breakdown: JSON.stringify(response.breakdown),
    token_hash: response.tokenHash,
    invitation_id: response.invitationId ?? null,
    revision: response.revision,
    created_at: response.createdAt.toISOString(),
    updated_at: response.updatedAt.toISOString(),
    submitted_at: response.submittedAt?.toISOString() ?? null,
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
