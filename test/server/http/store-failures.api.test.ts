import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pino from "pino";
import request from "supertest";
import { createApp } from "../../../server/src/app";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { embeddedStoreFile, openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import { miniAnswers } from "../../support/builders";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

/** The real app on a real SQLite file, and a second connection to that file that can hold its write lock. */
function appOnFile() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-outage-"));
  const store = openEmbeddedStore({ dataDir, busyTimeoutMs: 200 });
  const app = createApp({ store, questionnaires: loadQuestionnaires(FIXTURE_SURVEYS_DIR), logger: pino({ level: "silent" }), bodyLimit: "1mb" });
  const other = new Database(embeddedStoreFile(dataDir));
  return {
    app,
    store,
    lock: () => other.exec("BEGIN EXCLUSIVE"),
    unlock: () => other.exec("COMMIT"),
    cleanUp: async () => {
      if (other.inTransaction) other.exec("ROLLBACK");
      other.close();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe("a store that does not answer", () => {
  const submit = (app: Parameters<typeof request>[0]) =>
    request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "submitted", locale: "ar" });

  it("answers 503 store_unavailable with Retry-After, writes nothing, and the health check says why", async () => {
    const context = appOnFile();
    try {
      await request(context.app).get("/api/health").expect(200, { status: "ok", store: "embedded" });
      context.lock();
      const refused = await submit(context.app).expect(503);
      expect(refused.headers["retry-after"]).toBe("30");
      expect(refused.body.error).toMatchObject({ code: "store_unavailable", details: [{ question: "(store)", message: "timeout" }] });
      expect(refused.body.error.message).toMatch(/nothing was changed/);
      const health = await request(context.app).get("/api/health").expect(503);
      expect(health.body).toEqual({ status: "degraded", store: "embedded", reason: "timeout" });
      context.unlock();
      expect(await context.store.responses.count({ surveyId: "mini" })).toBe(0);
      await submit(context.app).expect(201);
      expect(await context.store.responses.count({ surveyId: "mini" })).toBe(1);
    } finally {
      await context.cleanUp();
    }
  });

  it("answers 503 to a resumed draft's save too, leaving the draft as it was", async () => {
    const context = appOnFile();
    try {
      const created = await request(context.app)
        .post("/api/surveys/mini/responses")
        .send({ answers: { authority_name: "Draft" }, status: "draft", locale: "fr" })
        .expect(201);
      context.lock();
      await request(context.app)
        .put(`/api/responses/${created.body.id}`)
        .set("Authorization", `Bearer ${created.body.resumeToken}`)
        .send({ answers: miniAnswers(), status: "submitted", locale: "fr" })
        .expect(503);
      context.unlock();
      expect(await context.store.responses.findById(created.body.id)).toMatchObject({ status: "draft", revision: 1, answers: { authority_name: "Draft" } });
      expect(await context.store.audit.list({ limit: 5 })).toEqual([]);
    } finally {
      await context.cleanUp();
    }
  });
});
