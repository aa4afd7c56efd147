import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { FIXTURE_SURVEYS_DIR, testApp } from "../../support/test-app";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";

const OPENS = "2026-06-01T08:00:00+03:00";
const CLOSES = "2026-06-30T23:59:59+03:00";

/** The mini questionnaire with opening and closing instants, in a folder of its own. */
function datedSurveys(dates: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-lifecycle-"));
  fs.copyFileSync(path.join(FIXTURE_SURVEYS_DIR, "themes.json"), path.join(dir, "themes.json"));
  const mini = JSON.parse(fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, "mini.json"), "utf8")) as Record<string, unknown>;
  fs.writeFileSync(path.join(dir, "mini.json"), JSON.stringify({ ...mini, ...dates }));
  return dir;
}

function appAt(iso: string) {
  let now = new Date(iso);
  const context = testApp({ surveysDir: datedSurveys({ questionnaireOpensAt: OPENS, questionnaireClosesAt: CLOSES }), now: () => now });
  return { ...context, setNow: (next: string) => (now = new Date(next)) };
}

const create = (app: ReturnType<typeof testApp>["app"], status: "draft" | "submitted" = "draft") =>
  request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status, locale: "fr" });

describe("a questionnaire's opening and closing dates", () => {
  it("is not open before its opening instant, and says when it opens", async () => {
    const { app } = appAt("2026-06-01T04:59:59Z");
    const res = await create(app).expect(409);
    expect(res.body.error).toMatchObject({ code: "survey_closed", message: expect.stringContaining("2026-06-01T05:00:00.000Z") });
    expect((await request(app).get("/api/surveys/mini").expect(200)).body.status).toBe("draft");
    expect((await request(app).get("/api/surveys").expect(200)).body[0]).toMatchObject({
      status: "draft",
      opensAt: "2026-06-01T05:00:00.000Z",
      closesAt: "2026-06-30T20:59:59.000Z",
    });
  });

  it("accepts answers while open, then refuses new responses, edits and submissions once closed", async () => {
    const { app, setNow, store } = appAt("2026-06-15T12:00:00Z");
    const created = (await create(app).expect(201)).body as { id: string; resumeToken: string };
    const before = await request(app).get("/api/surveys/mini").expect(200);
    expect(before.body.status).toBe("open");
    setNow("2026-06-30T21:00:00Z");
    // The status is part of the ETag: a browser's cached "open" is not confirmed once closed.
    await request(app).get("/api/surveys/mini").set("If-None-Match", String(before.headers.etag)).expect(200);
    expect((await create(app).expect(409)).body.error.code).toBe("survey_closed");
    const edit = await request(app)
      .put(`/api/responses/${created.id}`)
      .set("Authorization", `Bearer ${created.resumeToken}`)
      .send({ answers: miniAnswers(), status: "submitted", locale: "fr" })
      .expect(409);
    expect(edit.body.error.message).toContain("closed since 2026-06-30T20:59:59.000Z");
    expect((await store.responses.findById(created.id))?.status).toBe("draft");
    // Reading one's own answers stays possible.
    await request(app).get(`/api/responses/${created.id}`).set("Authorization", `Bearer ${created.resumeToken}`).expect(200);
  });

  it.each([
    [{ questionnaireClosesAt: "2026-06-30" }, "questionnaireClosesAt"],
    [{ questionnaireOpensAt: "2026-06-01T08:00:00" }, "questionnaireOpensAt"],
    [{ questionnaireOpensAt: CLOSES, questionnaireClosesAt: OPENS }, "must come after questionnaireOpensAt"],
  ])("refuses to start with dates %j", (dates, message) => {
    expect(() => loadQuestionnaires(datedSurveys(dates))).toThrow(message);
  });
});
