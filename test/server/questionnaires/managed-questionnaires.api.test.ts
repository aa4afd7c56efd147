import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { formatJsonPath, type ManagedQuestionnaireView } from "@passerelle/shared";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { QuestionnaireLoadError } from "../../../server/src/questionnaires/questionnaire-problems";
import { recordQuestionnaireVersions } from "../../../server/src/questionnaires/record-versions";
import type { Store } from "../../../server/src/store/store.port";
import { miniAnswers } from "../../support/builders";
import { CSRF_HEADER, FIXTURE_SURVEYS_DIR, signedIn, testApp } from "../../support/test-app";

const MINI = JSON.parse(fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, "mini.json"), "utf8")) as Record<string, unknown>;
const NOW = new Date("2026-06-15T09:00:00Z");

// A questionnaire of another organisation's, in Spanish and English, not in the fixtures folder.
const WATER_SURVEY = {
  questionnaireId: "water-access",
  locale: "es",
  title: { es: "Acceso al agua", en: "Access to water" },
  pages: [
    {
      name: "p1",
      elements: [
        { type: "text", name: "village", isRequired: true, title: { es: "Pueblo", en: "Village" } },
        { type: "rating", name: "quality", rateMax: 5, title: { es: "Calidad", en: "Quality" } },
      ],
    },
  ],
};

// As at start: the versions of the files are recorded before anything is served.
async function admin() {
  const context = testApp({ now: () => NOW });
  await recordQuestionnaireVersions(context.store, context.questionnaires, new Date("2026-06-01T00:00:00Z"));
  const agent = await signedIn(context.app, "admin");
  const upload = (body: string, fileName?: string, url = "/api/admin/questionnaires") =>
    agent
      .post(fileName ? `${url}?fileName=${encodeURIComponent(fileName)}` : url)
      .set(CSRF_HEADER, agent.csrfToken)
      .set("Content-Type", "application/json")
      .send(body);
  const settings = (surveyId: string, body: unknown) =>
    agent
      .put(`/api/admin/questionnaires/${surveyId}/settings`)
      .set(CSRF_HEADER, agent.csrfToken)
      .send(body as object);
  const managed = async (id: string) =>
    ((await agent.get("/api/admin/questionnaires").expect(200)).body.questionnaires as ManagedQuestionnaireView[]).find(
      (questionnaire) => questionnaire.id === id,
    );
  return { ...context, agent, upload, settings, managed };
}

/** What a store holds of run-time management: settings, versions and the trail of these actions. */
async function managementWrites(store: Store) {
  const versions = await Promise.all(["mini", "water-access"].map((id) => store.questionnaireVersions.listForSurvey(id)));
  const trail = (await store.audit.list({ limit: 50 })).filter((event) => event.action.startsWith("questionnaire_"));
  return { settings: await store.questionnaireSettings.list(), versions: versions.flat().map((version) => version.version), trail };
}

/** Nothing of run-time management written: no settings, no version beyond the file's, no trail. */
async function expectNothingWritten(store: Store, fileVersions = 1) {
  const writes = await managementWrites(store);
  expect({ ...writes, versions: writes.versions.length }).toEqual({ settings: [], versions: fileVersions, trail: [] });
}

describe("an administrator opens, closes and dates a questionnaire at run time", () => {
  it("closes and reopens it: respondents see the status at once, the view says where it comes from, the trail records it", async () => {
    const { app, settings, managed, store } = await admin();
    expect((await managed("mini"))?.settings.status).toEqual({ value: "open", source: "definition" });
    const closed = (await settings("mini", { status: "closed" }).expect(200)).body as ManagedQuestionnaireView;
    expect(closed).toMatchObject({
      status: "closed",
      settings: { status: { value: "closed", source: "administrator" }, closesAt: { value: null, source: "definition" } },
      declared: { status: "open" },
    });
    expect((await request(app).get("/api/surveys/mini").expect(200)).body.status).toBe("closed");
    const refused = await request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "draft", locale: "fr" }).expect(409);
    expect(refused.body.error.code).toBe("survey_closed");
    // Back to what the file says.
    expect((await settings("mini", {}).expect(200)).body.settings.status).toEqual({ value: "open", source: "definition" });
    await request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "draft", locale: "fr" }).expect(201);
    const trail = await store.audit.list({ limit: 10 });
    expect(trail.filter((event) => event.action === "questionnaire_settings_changed").map((event) => [event.actor, event.target, event.details])).toEqual([
      ["admin@example.org", "mini", { from: { status: "closed" }, to: {} }],
      ["admin@example.org", "mini", { from: {}, to: { status: "closed" } }],
    ]);
  });

  it("sets opening and closing dates over the file's, or removes them", async () => {
    const { app, settings } = await admin();
    const later = (await settings("mini", { opensAt: "2026-07-01T08:00:00+03:00" }).expect(200)).body as ManagedQuestionnaireView;
    expect(later).toMatchObject({ status: "draft", settings: { opensAt: { value: "2026-07-01T05:00:00.000Z", source: "administrator" } } });
    expect((await request(app).get("/api/surveys").expect(200)).body[0]).toMatchObject({ id: "mini", status: "draft", opensAt: "2026-07-01T05:00:00.000Z" });
    const past = (await settings("mini", { closesAt: "2026-06-15T08:59:59Z", opensAt: null }).expect(200)).body as ManagedQuestionnaireView;
    expect(past).toMatchObject({
      status: "closed",
      settings: { opensAt: { value: null, source: "administrator" }, closesAt: { value: "2026-06-15T08:59:59.000Z", source: "administrator" } },
    });
  });

  it.each([
    ["a closing date before the opening date", { opensAt: "2026-07-01T00:00:00Z", closesAt: "2026-06-30T00:00:00Z" }, "closesAt"],
    ["an unknown status", { status: "paused" }, "status"],
    ["a date without its offset", { closesAt: "2026-06-30T23:59:59" }, "closesAt"],
    ["an unknown field", { status: "open", opensAtt: "2026-06-30T00:00:00Z" }, "opensAtt"],
    ["a list instead of settings", ["closed"], "(body)"],
  ])("refuses %s with a 400 naming the field, and writes nothing", async (_case, body, field) => {
    const { settings, store } = await admin();
    const res = await settings("mini", body).expect(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.details.map((detail: { question: string }) => detail.question)).toContain(field);
    await expectNothingWritten(store);
  });

  it("answers 404 for a questionnaire that does not exist, writing nothing", async () => {
    const { settings, store } = await admin();
    expect((await settings("nope", { status: "closed" }).expect(404)).body.error.code).toBe("survey_not_found");
    await expectNothingWritten(store);
  });
});

describe("an administrator uploads a questionnaire", () => {
  it("checks a new one without publishing it, giving what the preview needs", async () => {
    const { app, upload, store } = await admin();
    const res = await upload(JSON.stringify(WATER_SURVEY), "water.json", "/api/admin/questionnaires/check").expect(200);
    expect(res.body).toMatchObject({ id: "water-access", isNew: true, isUnchanged: false, previousVersion: null, languages: ["en", "es"], warnings: [] });
    expect(res.body.definition.pages[0].elements[0].name).toBe("village");
    await request(app).get("/api/surveys/water-access").expect(404);
    await expectNothingWritten(store);
  });

  it("publishes a new one: served, answerable, audited, and listed as uploaded", async () => {
    const { app, upload, managed, store } = await admin();
    const res = await upload(JSON.stringify(WATER_SURVEY), "water.json").expect(201);
    expect(res.body).toMatchObject({
      isUnchanged: false,
      questionnaire: { id: "water-access", status: "open", origin: { kind: "upload", fileName: "water.json", publishedBy: "admin@example.org" } },
    });
    const served = (await request(app).get("/api/surveys/water-access").expect(200)).body;
    expect(served.version).toBe(res.body.questionnaire.version);
    await request(app)
      .post("/api/surveys/water-access/responses")
      .send({ answers: { village: "Qana", quality: 4 }, status: "submitted", locale: "fr" })
      .expect(201);
    const refused = await request(app)
      .post("/api/surveys/water-access/responses")
      .send({ answers: { quality: 9 }, status: "submitted", locale: "fr" })
      .expect(422);
    expect(refused.body.error.code).toBe("invalid_answers");
    expect((await managed("water-access"))?.versions).toEqual([{ version: served.version, firstSeenAt: NOW.toISOString(), isCurrent: true }]);
    expect((await managementWrites(store)).trail.map((event) => [event.action, event.target, event.details])).toEqual([
      ["questionnaire_published", "water-access", { version: served.version, previousVersion: null, fileName: "water.json" }],
    ]);
  });

  it("publishes a new version of a shipped one: earlier responses keep theirs, the administrator's status still applies", async () => {
    const { app, upload, settings, managed } = await admin();
    const first = (await request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "submitted", locale: "fr" }).expect(201)).body;
    const before = (await managed("mini"))!.version;
    await settings("mini", { closesAt: "2026-12-31T23:59:59+02:00" }).expect(200);
    const next = { ...MINI, title: { default: "Mini census, second edition", fr: "Mini recensement, deuxième édition" } };
    const check = await upload(JSON.stringify(next), "mini-v2.json", "/api/admin/questionnaires/check").expect(200);
    expect(check.body).toMatchObject({ isNew: false, isUnchanged: false, previousVersion: before });
    const published = (await upload(JSON.stringify(next), "mini-v2.json").expect(201)).body.questionnaire as ManagedQuestionnaireView;
    expect(published.versions.map((version) => [version.version, version.isCurrent])).toEqual([
      [before, false],
      [published.version, true],
    ]);
    expect(published.settings.closesAt).toEqual({ value: "2026-12-31T21:59:59.000Z", source: "administrator" });
    expect((await request(app).get("/api/surveys").expect(200)).body[0].title.fr).toBe("Mini recensement, deuxième édition");
    const analyst = await signedIn(app, "analyst");
    const csv = await analyst.get("/api/surveys/mini/exports/responses.csv").expect(200);
    expect(csv.text).toContain(first.id);
    // The same file again changes nothing.
    expect((await upload(JSON.stringify(next), "mini-v2.json").expect(200)).body.isUnchanged).toBe(true);
  });
});

describe("a bad upload writes nothing and says what is wrong where, as at start", () => {
  const duplicate = {
    ...MINI,
    pages: [
      {
        name: "p",
        elements: [
          { type: "text", name: "a" },
          { type: "text", name: "a" },
        ],
      },
    ],
  };
  const unknownTheme = { ...WATER_SURVEY, pages: [{ name: "p", elements: [{ type: "text", name: "a", theme: "space_travel" }] }] };
  const unknownProperty = { ...WATER_SURVEY, pages: [{ name: "p", elements: [{ type: "text", name: "a", isRequird: true }] }] };
  const badDates = { ...WATER_SURVEY, questionnaireOpensAt: "2026-07-01T00:00:00Z", questionnaireClosesAt: "tomorrow" };
  const files: [string, string][] = [
    ["not JSON", '{ "questionnaireId": "broken",\n  "pages": [ }'],
    ["a duplicate question name", JSON.stringify(duplicate, null, 2)],
    ["an unknown theme", JSON.stringify(unknownTheme)],
    ["a property survey-core does not know", JSON.stringify(unknownProperty)],
    ["a date that is not an instant", JSON.stringify(badDates)],
    ["no questionnaireId", JSON.stringify({ pages: [] })],
    ["a list", "[]"],
    ["an empty file", ""],
  ];

  it.each(files)("refuses %s with 422 and the start-up check's messages", async (_case, text) => {
    const { upload, store } = await admin();
    for (const url of ["/api/admin/questionnaires/check", "/api/admin/questionnaires"]) {
      const res = await upload(text, "bad.json", url).expect(422);
      expect(res.body.error).toMatchObject({ code: "invalid_questionnaire", message: expect.stringContaining("bad.json") });
      expect(res.body.error.details).toEqual(startUpProblems("bad.json", text));
    }
    await expectNothingWritten(store);
  });

  it("refuses a file nested deeper than any questionnaire without running the checks on it", async () => {
    const { upload, store } = await admin();
    const deep = `{"questionnaireId":"deep","pages":[${"[".repeat(5000)}${"]".repeat(5000)}]}`;
    const res = await upload(deep, "deep.json").expect(422);
    expect(res.body.error.details).toEqual([{ question: "(file)", message: "must not be nested more than 64 levels deep" }]);
    await expectNothingWritten(store);
  });

  it("refuses a file over the size bound (413), another type (415) and a file name with folders (400)", async () => {
    const { agent, upload, store } = await admin();
    const large = JSON.stringify({ ...WATER_SURVEY, description: "x".repeat(2.1 * 1024 * 1024) });
    expect((await upload(large, "large.json").expect(413)).body.error.code).toBe("payload_too_large");
    const csv = await agent.post("/api/admin/questionnaires").set(CSRF_HEADER, agent.csrfToken).set("Content-Type", "text/csv").send("a,b").expect(415);
    expect(csv.body.error.code).toBe("unsupported_media_type");
    expect((await upload(JSON.stringify(WATER_SURVEY), "../surveys/water.json").expect(400)).body.error.details).toEqual([
      { question: "fileName", message: "is a file name, without folders" },
    ]);
    await expectNothingWritten(store);
  });
});

/** The problems the start-up check finds in the same file in `surveys/`, as the API names them. */
function startUpProblems(fileName: string, text: string): { question: string; message: string }[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-upload-"));
  fs.copyFileSync(path.join(FIXTURE_SURVEYS_DIR, "themes.json"), path.join(dir, "themes.json"));
  fs.writeFileSync(path.join(dir, fileName), text);
  try {
    loadQuestionnaires(dir);
  } catch (error) {
    if (!(error instanceof QuestionnaireLoadError)) throw error;
    return error.problems.map((problem) => ({ question: formatJsonPath(problem.path) || "(file)", message: problem.message }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  throw new Error(`${fileName} passes the start-up check`);
}
