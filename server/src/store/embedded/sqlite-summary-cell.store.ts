import type Database from "better-sqlite3";
import { parseCell, serialiseCell } from "@passerelle/shared";
import type { ActivityMembership, CellMembership, StoredSummaryCube, SummaryCellStore, SummaryCubeChanges } from "../summary-cell-store.port";

/**
 * The summary cube: one header per questionnaire (its fold key and the point of the change
 * sequence it covers), its cells as JSON text, and the cell each response is in.
 */
export const SUMMARY_CELLS_MIGRATION = `
  CREATE TABLE summary_cubes (
    survey_id  TEXT PRIMARY KEY,
    fold_key   TEXT NOT NULL,
    seq        INTEGER NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE summary_cells (
    survey_id  TEXT NOT NULL,
    cell_key   TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    cell       TEXT NOT NULL,
    PRIMARY KEY (survey_id, cell_key)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE summary_cell_members (
    survey_id    TEXT NOT NULL,
    response_id  TEXT NOT NULL,
    cell_key     TEXT NOT NULL,
    PRIMARY KEY (survey_id, response_id)
  ) STRICT, WITHOUT ROWID;`;

/**
 * A cell's numbers as bytes beside its JSON header, read back without parsing. Cells kept in
 * the earlier form are under an earlier fold code version, so they are rebuilt, never read.
 */
export const SUMMARY_CELL_NUMBERS_MIGRATION = `ALTER TABLE summary_cells ADD COLUMN data BLOB NOT NULL DEFAULT x'';`;

/** A cell's members found through the cell, so that an edit re-reads only the cells it touches. */
export const SUMMARY_CELL_MEMBERS_INDEX_MIGRATION = `CREATE INDEX summary_cell_members_by_cell ON summary_cell_members (survey_id, cell_key);`;

/** The cube's activity counts and the key each response is counted under, drafts included. */
export const SUMMARY_ACTIVITY_MIGRATION = `
  CREATE TABLE summary_activity (
    survey_id     TEXT NOT NULL,
    activity_key  TEXT NOT NULL,
    responses     INTEGER NOT NULL,
    PRIMARY KEY (survey_id, activity_key)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE summary_activity_members (
    survey_id     TEXT NOT NULL,
    response_id   TEXT NOT NULL,
    activity_key  TEXT NOT NULL,
    PRIMARY KEY (survey_id, response_id)
  ) STRICT, WITHOUT ROWID;`;

/**
 * Memberships by number: a cell key (about 260 characters) and an activity key (about 160)
 * were written again for every response, which made the two members tables and their index
 * weigh half as much as the responses themselves. Each key is now written once, in
 * `summary_keys`, and the members refer to it by number. The cubes are rebuilt after this
 * migration (their header goes), as they are after any change of the counting rules.
 */
export const SUMMARY_KEY_NUMBERS_MIGRATION = `
  DROP TABLE summary_cell_members;
  DROP TABLE summary_activity_members;
  DELETE FROM summary_cubes;
  CREATE TABLE summary_keys (
    key_no     INTEGER PRIMARY KEY,
    survey_id  TEXT NOT NULL,
    key        TEXT NOT NULL,
    UNIQUE (survey_id, key)
  ) STRICT;
  CREATE TABLE summary_cell_members (
    survey_id    TEXT NOT NULL,
    response_id  TEXT NOT NULL,
    cell_no      INTEGER NOT NULL,
    PRIMARY KEY (survey_id, response_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX summary_cell_members_by_cell ON summary_cell_members (survey_id, cell_no);
  CREATE TABLE summary_activity_members (
    survey_id    TEXT NOT NULL,
    response_id  TEXT NOT NULL,
    activity_no  INTEGER NOT NULL,
    PRIMARY KEY (survey_id, response_id)
  ) STRICT, WITHOUT ROWID;`;

// Ids looked up per statement: well under SQLite's limit on bound parameters.
const LOOKUP_CHUNK = 500;

export class SqliteSummaryCellStore implements SummaryCellStore {
  private readonly headerStatement: Database.Statement<[string], { fold_key: string; seq: number }>;
  private readonly cellsStatement: Database.Statement<[string], { seq: number; cell: string; data: Buffer }>;
  private readonly upsertCellStatement: Database.Statement;
  private readonly deleteCellStatement: Database.Statement;
  private readonly upsertMemberStatement: Database.Statement;
  private readonly deleteMemberStatement: Database.Statement;
  private readonly setHeaderStatement: Database.Statement;
  private readonly activityStatement: Database.Statement<[string], { activity_key: string; responses: number }>;
  private readonly upsertActivityStatement: Database.Statement;
  private readonly deleteActivityStatement: Database.Statement;
  private readonly upsertActivityMemberStatement: Database.Statement;
  private readonly deleteActivityMemberStatement: Database.Statement;
  private readonly membersStatement: Database.Statement<[string, string], { response_id: string }>;
  private readonly addKeyStatement: Database.Statement;
  private readonly keyNumberStatement: Database.Statement<[string, string], { key_no: number }>;

  constructor(private readonly db: Database.Database) {
    this.activityStatement = db.prepare("SELECT activity_key, responses FROM summary_activity WHERE survey_id = ?");
    this.upsertActivityStatement = db.prepare(
      `INSERT INTO summary_activity (survey_id, activity_key, responses) VALUES (?, ?, ?)
       ON CONFLICT (survey_id, activity_key) DO UPDATE SET responses = excluded.responses`,
    );
    this.deleteActivityStatement = db.prepare("DELETE FROM summary_activity WHERE survey_id = ? AND activity_key = ?");
    this.upsertActivityMemberStatement = db.prepare(
      `INSERT INTO summary_activity_members (survey_id, response_id, activity_no) VALUES (?, ?, ?)
       ON CONFLICT (survey_id, response_id) DO UPDATE SET activity_no = excluded.activity_no`,
    );
    this.deleteActivityMemberStatement = db.prepare("DELETE FROM summary_activity_members WHERE survey_id = ? AND response_id = ?");
    this.membersStatement = db.prepare(
      `SELECT m.response_id FROM summary_keys k JOIN summary_cell_members m ON m.survey_id = k.survey_id AND m.cell_no = k.key_no
       WHERE k.survey_id = ? AND k.key = ?`,
    );
    this.addKeyStatement = db.prepare("INSERT INTO summary_keys (survey_id, key) VALUES (?, ?) ON CONFLICT (survey_id, key) DO NOTHING");
    this.keyNumberStatement = db.prepare("SELECT key_no FROM summary_keys WHERE survey_id = ? AND key = ?");
    this.headerStatement = db.prepare("SELECT fold_key, seq FROM summary_cubes WHERE survey_id = ?");
    this.cellsStatement = db.prepare("SELECT seq, cell, data FROM summary_cells WHERE survey_id = ?");
    this.upsertCellStatement = db.prepare(
      `INSERT INTO summary_cells (survey_id, cell_key, seq, cell, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (survey_id, cell_key) DO UPDATE SET seq = excluded.seq, cell = excluded.cell, data = excluded.data`,
    );
    this.deleteCellStatement = db.prepare("DELETE FROM summary_cells WHERE survey_id = ? AND cell_key = ?");
    this.upsertMemberStatement = db.prepare(
      `INSERT INTO summary_cell_members (survey_id, response_id, cell_no) VALUES (?, ?, ?)
       ON CONFLICT (survey_id, response_id) DO UPDATE SET cell_no = excluded.cell_no`,
    );
    this.deleteMemberStatement = db.prepare("DELETE FROM summary_cell_members WHERE survey_id = ? AND response_id = ?");
    this.setHeaderStatement = db.prepare(
      `INSERT INTO summary_cubes (survey_id, fold_key, seq) VALUES (?, ?, ?)
       ON CONFLICT (survey_id) DO UPDATE SET fold_key = excluded.fold_key, seq = excluded.seq`,
    );
  }

  async load(surveyId: string, foldKey: string): Promise<StoredSummaryCube | null> {
    // One read transaction, so the header and the cells are of the same write.
    return this.db.transaction(() => {
      const header = this.headerStatement.get(surveyId);
      if (!header || header.fold_key !== foldKey) return null;
      const cells = this.cellsStatement.all(surveyId).map((row) => ({ ...parseCell({ text: row.cell, data: row.data }), sequence: row.seq }));
      const activity = this.activityStatement.all(surveyId).map((row) => ({ key: row.activity_key, responses: row.responses }));
      return { surveyId, foldKey, sequence: header.seq, cells, activity };
    })();
  }

  async cellsOf(surveyId: string, responseIds: readonly string[]): Promise<Map<string, string>> {
    return this.lookUp("summary_cell_members", "cell_no", surveyId, responseIds);
  }

  async activityOf(surveyId: string, responseIds: readonly string[]): Promise<Map<string, string>> {
    return this.lookUp("summary_activity_members", "activity_no", surveyId, responseIds);
  }

  async membersOf(surveyId: string, cellKey: string): Promise<string[]> {
    return this.membersStatement.all(surveyId, cellKey).map((row) => row.response_id);
  }

  async replace(cube: StoredSummaryCube, memberships: readonly CellMembership[], activityMemberships: readonly ActivityMembership[]): Promise<void> {
    this.db
      .transaction(() => {
        for (const table of ["summary_cells", "summary_cell_members", "summary_activity", "summary_activity_members", "summary_keys"]) {
          this.db.prepare(`DELETE FROM ${table} WHERE survey_id = ?`).run(cube.surveyId);
        }
        this.writeCells(cube.surveyId, cube.cells);
        this.writeMemberships(cube.surveyId, memberships);
        this.writeActivity(cube.surveyId, cube.activity, activityMemberships);
        this.setHeaderStatement.run(cube.surveyId, cube.foldKey, cube.sequence);
      })
      .immediate();
  }

  async update(changes: SummaryCubeChanges): Promise<boolean> {
    // IMMEDIATE: the header check and the writes see the same state of the file.
    return this.db
      .transaction(() => {
        const header = this.headerStatement.get(changes.surveyId);
        if (!header || header.fold_key !== changes.foldKey || header.seq !== changes.expectedSequence) return false;
        this.writeCells(changes.surveyId, changes.cells);
        for (const key of changes.removedCells) this.deleteCellStatement.run(changes.surveyId, key);
        this.writeMemberships(changes.surveyId, changes.memberships);
        this.writeActivity(changes.surveyId, changes.activity, changes.activityMemberships);
        this.setHeaderStatement.run(changes.surveyId, changes.foldKey, changes.sequence);
        return true;
      })
      .immediate();
  }

  private writeCells(surveyId: string, cells: StoredSummaryCube["cells"]): void {
    for (const { sequence, ...cell } of cells) {
      const { text, data } = serialiseCell(cell);
      this.upsertCellStatement.run(surveyId, cell.key, sequence, text, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    }
  }

  private writeActivity(surveyId: string, counts: StoredSummaryCube["activity"], memberships: readonly ActivityMembership[]): void {
    for (const { key, responses } of counts) {
      if (responses === 0) this.deleteActivityStatement.run(surveyId, key);
      else this.upsertActivityStatement.run(surveyId, key, responses);
    }
    const numberOf = this.keyNumbers(surveyId);
    for (const { responseId, activityKey } of memberships) {
      if (activityKey === null) this.deleteActivityMemberStatement.run(surveyId, responseId);
      else this.upsertActivityMemberStatement.run(surveyId, responseId, numberOf(activityKey));
    }
  }

  // The key each response maps to in a members table, many ids at a time.
  private lookUp(table: string, column: string, surveyId: string, responseIds: readonly string[]): Map<string, string> {
    const found = new Map<string, string>();
    for (let start = 0; start < responseIds.length; start += LOOKUP_CHUNK) {
      const chunk = responseIds.slice(start, start + LOOKUP_CHUNK);
      const rows = this.db
        .prepare<unknown[], { response_id: string; found: string }>(
          `SELECT m.response_id, k.key AS found FROM ${table} m JOIN summary_keys k ON k.key_no = m.${column}
           WHERE m.survey_id = ? AND m.response_id IN (${chunk.map(() => "?").join(", ")})`,
        )
        .all(surveyId, ...chunk);
      for (const row of rows) found.set(row.response_id, row.found);
    }
    return found;
  }

  private writeMemberships(surveyId: string, memberships: readonly CellMembership[]): void {
    const numberOf = this.keyNumbers(surveyId);
    for (const { responseId, cellKey } of memberships) {
      if (cellKey === null) this.deleteMemberStatement.run(surveyId, responseId);
      else this.upsertMemberStatement.run(surveyId, responseId, numberOf(cellKey));
    }
  }

  // A key's number, written the first time it is met; remembered for one write, whose
  // transaction sees every number it gave out.
  private keyNumbers(surveyId: string): (key: string) => number {
    const known = new Map<string, number>();
    return (key) => {
      let number = known.get(key);
      if (number === undefined) {
        this.addKeyStatement.run(surveyId, key);
        number = (this.keyNumberStatement.get(surveyId, key) as { key_no: number }).key_no;
        known.set(key, number);
      }
      return number;
    };
  }
}
