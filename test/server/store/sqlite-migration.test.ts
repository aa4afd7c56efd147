import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { INVITATION_MIGRATION } from "../../../server/src/store/embedded/sqlite-invitation.store";
import { encodeDelta, type QuestionnaireShape } from "@passerelle/shared";
import { CHANGE_SEQUENCE_MIGRATION, FOLD_DELTA_TABLE_MIGRATION } from "../../../server/src/store/embedded/sqlite-response.store";
import { SUMMARY_KEY_NUMBERS_MIGRATION } from "../../../server/src/store/embedded/sqlite-summary-cell.store";
import { EMBEDDED_MIGRATIONS, EMBEDDED_SCHEMA_VERSION, embeddedStoreFile, openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import type { Store, StoredResponse } from "../../../server/src/store/store.port";

const CREATED_AT = new Date("2026-05-01T08:00:00.000Z");

const response: StoredResponse = {
  id: "00000000-0000-4000-8000-000000000001",
  surveyId: "census-lebanon",
  version: "0123456789abcdef",
  status: "submitted",
  locale: "ar",
  answers: { authority_name: "بلدية طرابلس", priority_themes: ["health"] },
  breakdown: { governorate: "north", district: "tripoli" },
  tokenHash: "a".repeat(64),
  revision: 2,
  createdAt: CREATED_AT,
  updatedAt: CREATED_AT,
  submittedAt: CREATED_AT,
};

/** A store file as the release before invitations left it, holding one response. */
function writeStoreBeforeInvitations(file: string): void {
  const db = new Database(file);
  try {
    const previousVersion = EMBEDDED_MIGRATIONS.indexOf(INVITATION_MIGRATION);
    for (const sql of EMBEDDED_MIGRATIONS.slice(0, previousVersion)) db.exec(sql);
    db.pragma(`user_version = ${previousVersion}`);
    db.prepare(
      `INSERT INTO responses (id, survey_id, version, status, locale, answers, breakdown, token_hash, revision, created_at, updated_at, submitted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      response.id,
      response.surveyId,
      response.version,
      response.status,
      response.locale,
      JSON.stringify(response.answers),
      JSON.stringify(response.breakdown),
      response.tokenHash,
      response.revision,
      CREATED_AT.toISOString(),
      CREATED_AT.toISOString(),
      CREATED_AT.toISOString(),
    );
  } finally {
    db.close();
  }
}

/**
 * A data folder whose store file stands as it was just before `migration`: written before
 * invitations, then migrated up to it. Its connection is left open for the test to add rows.
 */
function storeBefore(migration: string): { dataDir: string; file: string; db: Database.Database } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-migration-"));
  const file = embeddedStoreFile(dataDir);
  writeStoreBeforeInvitations(file);
  const db = new Database(file);
  const before = EMBEDDED_MIGRATIONS.indexOf(migration);
  for (const sql of EMBEDDED_MIGRATIONS.slice(db.pragma("user_version", { simple: true }) as number, before)) db.exec(sql);
  db.pragma(`user_version = ${before}`);
  return { dataDir, file, db };
}

describe("migrating an embedded store written before invitations", () => {
  let dataDir: string;
  let store: Store | undefined;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-migration-"));
    writeStoreBeforeInvitations(embeddedStoreFile(dataDir));
  });
  afterEach(async () => {
    await store?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("opens it, brings it to the current schema and keeps its response, with no invitation", async () => {
    store = openEmbeddedStore({ dataDir });

    expect(await store.responses.findById(response.id)).toEqual(response);
    expect(await store.responses.findById(response.id)).not.toHaveProperty("invitationId");
    expect(await store.responses.invitedResponseStates(response.surveyId)).toEqual([]);
    expect(await store.invitations.listForSurvey(response.surveyId)).toEqual([]);
    await store.close();
    store = undefined;
    const db = new Database(embeddedStoreFile(dataDir), { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(EMBEDDED_SCHEMA_VERSION);
    db.close();
  });

  it("lets the migrated store take invitations and invited responses", async () => {
    store = openEmbeddedStore({ dataDir });
    const invited = { ...response, id: "00000000-0000-4000-8000-000000000002", invitationId: "invitation-1" };
    await store.responses.insert(invited);
    expect(await store.responses.findByInvitation("invitation-1")).toEqual(invited);
    expect(await store.responses.invitedResponseStates(response.surveyId)).toEqual([
      { invitationId: "invitation-1", responseId: invited.id, status: "submitted", updatedAt: CREATED_AT },
    ]);
  });
});

describe("migrating an embedded store written before the change sequence", () => {
  it("numbers its responses in insertion order, so the dashboard and the stream go on from there", async () => {
    const { dataDir, db } = storeBefore(CHANGE_SEQUENCE_MIGRATION);
    // Written later but created earlier: the stream must still give it second.
    db.prepare(
      `INSERT INTO responses (id, survey_id, version, status, locale, answers, breakdown, token_hash, revision, created_at, updated_at, submitted_at)
       VALUES (?, ?, ?, 'draft', 'fr', '{}', '{}', ?, 1, ?, ?, NULL)`,
    ).run("00000000-0000-4000-8000-000000000003", response.surveyId, response.version, "b".repeat(64), "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z");
    db.close();

    const store = openEmbeddedStore({ dataDir });
    try {
      expect(await store.responses.changeSequence(response.surveyId)).toBe(2);
      const ids: string[] = [];
      for await (const read of store.responses.stream({ surveyId: response.surveyId, changes: { submittedUpTo: 2 } })) ids.push(read.id);
      expect(ids).toEqual([response.id]);
      await store.responses.insert({ ...response, id: "00000000-0000-4000-8000-000000000004" });
      expect(await store.responses.changeSequence(response.surveyId)).toBe(3);
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("migrating an embedded store whose cube's members were kept by key", () => {
  it("drops the old members and the cube's header, so the cube is rebuilt, and keeps members by number since", async () => {
    const { dataDir, db } = storeBefore(SUMMARY_KEY_NUMBERS_MIGRATION);
    db.prepare("INSERT INTO summary_cubes (survey_id, fold_key, seq) VALUES (?, '2.2:v', 1)").run(response.surveyId);
    db.prepare("INSERT INTO summary_cell_members (survey_id, response_id, cell_key) VALUES (?, ?, ?)").run(response.surveyId, response.id, '["v","2026-05"]');
    db.close();

    const store = openEmbeddedStore({ dataDir });
    try {
      // No header: the next dashboard builds the cube again, under the new rules.
      expect(await store.summaryCells.load(response.surveyId, "2.2:v")).toBeNull();
      expect(await store.summaryCells.cellsOf(response.surveyId, [response.id])).toEqual(new Map());
      const cell = { key: '["v","2026-05"]', version: "v", month: "2026-05", breakdown: {}, groupKeys: [] };
      const figures = { respondents: 1, vector: new Float64Array(0), distributions: [], residual: {} };
      await store.summaryCells.replace(
        { surveyId: response.surveyId, foldKey: "3.2:v", sequence: 1, cells: [{ ...cell, figures, sequence: 1 }], activity: [{ key: "a", responses: 1 }] },
        [{ responseId: response.id, cellKey: cell.key }],
        [{ responseId: response.id, activityKey: "a" }],
      );
      expect(await store.summaryCells.cellsOf(response.surveyId, [response.id])).toEqual(new Map([[response.id, cell.key]]));
      expect(await store.summaryCells.activityOf(response.surveyId, [response.id])).toEqual(new Map([[response.id, "a"]]));
      expect(await store.summaryCells.membersOf(response.surveyId, cell.key)).toEqual([response.id]);
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("migrating an embedded store that kept the encoded deltas beside the answers", () => {
  const shape: QuestionnaireShape = { questions: [{ name: "priority_themes", kind: "ranking", choices: ["health", "water"] }], breakdownFields: [] };

  it("moves each delta into its own table, still read by a fold, and drops the old columns", async () => {
    const { dataDir, file, db } = storeBefore(FOLD_DELTA_TABLE_MIGRATION);
    const encoded = encodeDelta(response.version, shape, response.answers);
    db.prepare("UPDATE responses SET fold_delta = ?, fold_delta_stamp = ? WHERE id = ?").run(encoded.bytes, encoded.stamp, response.id);
    // A second response, saved without an encoding: it stays to be folded from its answers.
    db.prepare(
      `INSERT INTO responses (id, survey_id, version, status, locale, answers, breakdown, token_hash, revision, created_at, updated_at, submitted_at, change_seq)
       VALUES (?, ?, ?, 'submitted', 'fr', '{"priority_themes":["water"]}', '{}', ?, 1, ?, ?, ?, 2)`,
    ).run("00000000-0000-4000-8000-000000000005", response.surveyId, response.version, "c".repeat(64), ...Array(3).fill(CREATED_AT.toISOString()));
    db.close();

    const store = openEmbeddedStore({ dataDir });
    try {
      const pages = [];
      for await (const page of store.responses.streamAnswerPages(
        { surveyId: response.surveyId },
        { deltaStamps: new Map([[response.version, encoded.stamp]]) },
      ))
        pages.push(...page);
      expect(pages.map((row) => (row.delta ? Buffer.from(row.delta) : row.answers))).toEqual([Buffer.from(encoded.bytes), { priority_themes: ["water"] }]);
      expect((await store.responses.findById(response.id))?.foldDelta?.stamp).toBe(encoded.stamp);
    } finally {
      await store.close();
    }
    const migrated = new Database(file, { readonly: true });
    try {
      const columns = migrated
        .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('responses')")
        .all()
        .map((column) => column.name);
      expect(columns).toEqual(expect.arrayContaining(["answers", "change_seq"]));
      expect(columns.filter((name) => name.startsWith("fold_delta"))).toEqual([]);
    } finally {
      migrated.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  // Read in rowid order, or as of a point of the change sequence, in the order of the changes.
  it.each([
    ["now", false],
    ["as of a point of the change sequence", true],
  ])("never lends a delta to another response when the rowids are renumbered, read %s", async (_case, isAsOfPoint) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-migration-"));
    const store = openEmbeddedStore({ dataDir });
    const second = { ...response, id: "00000000-0000-4000-8000-000000000006", answers: { priority_themes: ["water"] } };
    const stamps = new Map([[response.version, encodeDelta(response.version, shape, {}).stamp]]);
    const read = async () => {
      const rows = [];
      const changes = isAsOfPoint ? { changes: { upTo: await store.responses.changeSequence(response.surveyId) } } : {};
      for await (const page of store.responses.streamAnswerPages({ surveyId: response.surveyId, status: "submitted", ...changes }, { deltaStamps: stamps }))
        rows.push(...page);
      return rows.map((row) => (row.delta ? Buffer.from(row.delta) : row.answers));
    };
    try {
      await store.responses.insertMany([response, second].map((each) => ({ ...each, foldDelta: encodeDelta(each.version, shape, each.answers) })));
      expect(await read()).toEqual([response, second].map((each) => Buffer.from(encodeDelta(each.version, shape, each.answers).bytes)));
      // What a VACUUM may do to a table without an INTEGER PRIMARY KEY: the rows swap rowids.
      const db = new Database(embeddedStoreFile(dataDir));
      db.exec("UPDATE responses SET rowid = -rowid; UPDATE responses SET rowid = 3 + rowid");
      db.close();
      expect(await read()).toEqual(isAsOfPoint ? [response.answers, second.answers] : [second.answers, response.answers]);
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
