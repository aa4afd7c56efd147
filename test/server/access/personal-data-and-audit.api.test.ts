import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { download } from "../../support/download";
import { CSRF_HEADER, signedIn, testApp } from "../../support/test-app";
import { EMBEDDED_FILE_NAME, openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";

// The mini questionnaire marks contact_email as personal.
const PERSONAL = "contact_email";

async function withSubmissions() {
  const context = testApp({ minGroupSize: 1 });
  for (const governorate of ["north", "north", "south"]) {
    const district = governorate === "north" ? "tripoli" : "tyre";
    await request(context.app)
      .post("/api/surveys/mini/responses")
      .send({ answers: miniAnswers({ governorate, district }), status: "submitted", locale: "fr" })
      .expect(201);
  }
  return context;
}

describe("personal data and viewers", () => {
  it("keeps personal questions out of every export a viewer can download", async () => {
    const { app } = await withSubmissions();
    const viewer = await signedIn(app, "viewer");
    for (const file of ["themes.csv", "questions.csv", "questions.csv?lang=ar", "themes.csv?delimiter=%3B"]) {
      const { res, bytes } = await download(viewer, `/api/surveys/mini/exports/${file}`);
      expect(res.status).toBe(200);
      expect(bytes.toString("utf8")).not.toContain(PERSONAL);
      expect(bytes.toString("utf8")).not.toContain("contact@tripoli.example");
    }
    // The same summary for an analyst has the personal question (as a count only).
    const analyst = await signedIn(app, "analyst");
    expect((await download(analyst, "/api/surveys/mini/exports/questions.csv")).bytes.toString("utf8")).toContain(PERSONAL);
  });

  it("refuses a viewer the figures of a personal question, saying why", async () => {
    const { app } = await withSubmissions();
    const res = await (await signedIn(app, "viewer")).get(`/api/surveys/mini/analytics/questions/${PERSONAL}`).expect(403);
    expect(res.body.error).toMatchObject({ code: "forbidden", message: expect.stringContaining("personal") });
  });
});

describe("the audit trail", () => {
  it("records exports with who and which filters, submissions and sign-ins, newest first, in pages", async () => {
    const { app } = await withSubmissions();
    const analyst = await signedIn(app, "analyst");
    await analyst.get("/api/surveys/mini/exports/responses.csv?governorate=north&lang=ar").expect(200);
    const admin = await signedIn(app, "admin");
    const { events, next } = (await admin.get("/api/admin/audit?limit=3").expect(200)).body;
    expect(events.map((event: { action: string }) => event.action)).toEqual(["sign_in", "export", "sign_in"]);
    expect(events[1]).toMatchObject({
      actor: "analyst@example.org",
      target: expect.stringMatching(/^mini-responses-.*\.csv$/),
      details: { query: { governorate: "north", lang: "ar" } },
    });
    const older = (await admin.get(`/api/admin/audit?limit=10&before=${next}`).expect(200)).body;
    expect(older.events.map((event: { action: string }) => event.action)).toEqual(["response_submitted", "response_submitted", "response_submitted"]);
    expect(older.events[0]).toMatchObject({ actor: "respondent", target: expect.any(String) });
    expect(older.next).toBeNull();
  });

  it("can be downloaded as CSV by an administrator", async () => {
    const { app } = await withSubmissions();
    const admin = await signedIn(app, "admin");
    const text = (await download(admin, "/api/admin/audit.csv")).bytes.toString("utf8");
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("id,at,actor,action,target,details");
    expect(lines).toHaveLength(1 + 4);
  });

  it("cannot be rewritten, even by code holding the database file", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-audit-"));
    const store = openEmbeddedStore({ dataDir });
    await store.audit.append({ at: new Date(), actor: "admin@example.org", action: "sign_in", target: "admin@example.org", details: {} });
    const [event] = await store.audit.list({ limit: 1 });
    expect(event).toBeDefined();
    const db = new Database(path.join(dataDir, EMBEDDED_FILE_NAME));
    try {
      expect(() => db.prepare("UPDATE audit_events SET actor = 'someone else'").run()).toThrow(/append-only/);
      expect(() => db.prepare("DELETE FROM audit_events").run()).toThrow(/append-only/);
    } finally {
      db.close();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.each(["?limit=0", "?limit=abc", "?before=zz", "?other=1"])("answers 400 to a bad page %s", async (query) => {
    const { app } = testApp();
    const admin = await signedIn(app, "admin");
    expect((await admin.get(`/api/admin/audit${query}`).set(CSRF_HEADER, admin.csrfToken).expect(400)).body.error.code).toBe("invalid_request");
  });
});
