import type Database from "better-sqlite3";
import { parseCell, serialiseCell } from "@passerelle/shared";
import type { CellMembership, StoredSummaryCube, SummaryCellStore, SummaryCubeChanges } from "../summary-cell-store.port";

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
  private readonly membersStatement: Database.Statement<[string, string], { response_id: string }>;

  constructor(private readonly db: Database.Database) {
    this.membersStatement = db.prepare("SELECT response_id FROM summary_cell_members WHERE survey_id = ? AND cell_key = ?");
    this.headerStatement = db.prepare("SELECT fold_key, seq FROM summary_cubes WHERE survey_id = ?");
    this.cellsStatement = db.prepare("SELECT seq, cell, data FROM summary_cells WHERE survey_id = ?");
    this.upsertCellStatement = db.prepare(
      `INSERT INTO summary_cells (survey_id, cell_key, seq, cell, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (survey_id, cell_key) DO UPDATE SET seq = excluded.seq, cell = excluded.cell, data = excluded.data`,
    );
    this.deleteCellStatement = db.prepare("DELETE FROM summary_cells WHERE survey_id = ? AND cell_key = ?");
    this.upsertMemberStatement = db.prepare(
      `INSERT INTO summary_cell_members (survey_id, response_id, cell_key) VALUES (?, ?, ?)
       ON CONFLICT (survey_id, response_id) DO UPDATE SET cell_key = excluded.cell_key`,
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
      return { surveyId, foldKey, sequence: header.seq, cells };
    })();
  }

  async cellsOf(surveyId: string, responseIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let start = 0; start < responseIds.length; start += LOOKUP_CHUNK) {
      const chunk = responseIds.slice(start, start + LOOKUP_CHUNK);
      const rows = this.db
        .prepare<
          unknown[],
          { response_id: string; cell_key: string }
        >(`SELECT response_id, cell_key FROM summary_cell_members WHERE survey_id = ? AND response_id IN (${chunk.map(() => "?").join(", ")})`)
        .all(surveyId, ...chunk);
      for (const row of rows) found.set(row.response_id, row.cell_key);
    }
    return found;
  }

  async membersOf(surveyId: string, cellKey: string): Promise<string[]> {
    return this.membersStatement.all(surveyId, cellKey).map((row) => row.response_id);
  }

  async replace(cube: StoredSummaryCube, memberships: readonly CellMembership[]): Promise<void> {
    this.db
      .transaction(() => {
        this.db.prepare("DELETE FROM summary_cells WHERE survey_id = ?").run(cube.surveyId);
        this.db.prepare("DELETE FROM summary_cell_members WHERE survey_id = ?").run(cube.surveyId);
        this.writeCells(cube.surveyId, cube.cells);
        this.writeMemberships(cube.surveyId, memberships);
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

  private writeMemberships(surveyId: string, memberships: readonly CellMembership[]): void {
    for (const { responseId, cellKey } of memberships) {
      if (cellKey === null) this.deleteMemberStatement.run(surveyId, responseId);
      else this.upsertMemberStatement.run(surveyId, responseId, cellKey);
    }
  }
}
