import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import request from "supertest";
import { createApp } from "../../../server/src/app";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { embeddedStoreFile, openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import { miniAnswers } from "../../support/builders";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/**
 * The commits in a SQLite write-ahead log: each commit's last frame records the database's size
 * after it (bytes 4–7 of the frame header), every other frame has 0 there.
 */
function walCommits(walFile: string): number {
  const wal = fs.readFileSync(walFile);
  if (wal.length < WAL_HEADER_BYTES) return 0;
  const pageSize = wal.readUInt32BE(8);
  let commits = 0;
  for (let offset = WAL_HEADER_BYTES; offset + FRAME_HEADER_BYTES + pageSize <= wal.length; offset += FRAME_HEADER_BYTES + pageSize) {
    if (wal.readUInt32BE(offset + 4) !== 0) commits += 1;
  }
  return commits;
}

describe("a submission's durability", () => {
  it("is one SQLite commit: the response, its change sequence and its audit entry together", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-commits-"));
    const store = openEmbeddedStore({ dataDir });
    const app = createApp({
      store,
      questionnaires: loadQuestionnaires(FIXTURE_SURVEYS_DIR),
      logger: pino({ level: "silent" }),
      bodyLimit: "1mb",
      rateLimits: { signInFailures: 0, tokenFailures: 0, responseCreations: 0 },
    });
    const walFile = `${embeddedStoreFile(dataDir)}-wal`;
    const before = walCommits(walFile);
    const created = await request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "submitted", locale: "fr" }).expect(201);
    expect(walCommits(walFile) - before).toBe(1);
    // A draft saved, then submitted: one commit each.
    const draft = (await request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "draft", locale: "fr" }).expect(201)).body;
    const afterDraft = walCommits(walFile);
    await request(app)
      .put(`/api/responses/${draft.id}`)
      .set("Authorization", `Bearer ${draft.resumeToken}`)
      .send({ answers: miniAnswers(), status: "submitted", locale: "fr" })
      .expect(200);
    expect(walCommits(walFile) - afterDraft).toBe(1);
    const trail = await store.audit.list({ limit: 10 });
    expect(trail.map((event) => [event.action, event.target])).toEqual([
      ["response_submitted", draft.id],
      ["response_submitted", created.body.id],
    ]);
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
