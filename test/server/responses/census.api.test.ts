import request from "supertest";
import { censusAnswers } from "../../support/census-answers";
import { SHIPPED_SURVEYS_DIR, testApp } from "../../support/test-app";

describe("the shipped census", () => {
  // Each test builds the census's survey-core models (in workers too): seconds on a busy machine.
  jest.setTimeout(60_000);

  it("accepts a complete submission in Arabic and keeps governorate and district for breakdowns", async () => {
    const { app, store } = testApp({ surveysDir: SHIPPED_SURVEYS_DIR });
    const res = await request(app)
      .post("/api/surveys/census-lebanon/responses")
      .send({ answers: censusAnswers(), status: "submitted", locale: "ar" })
      .expect(201);
    const stored = await store.responses.findById(res.body.id);
    expect(stored?.breakdown).toEqual({
      governorate: "keserwan_jbeil",
      district: "jbeil",
      authority_kind: "municipality",
      cooperation_intent: "relaunch_previous",
    });
  });

  it("requires the need of every ranked theme, in the request's language", async () => {
    const { app } = testApp({ surveysDir: SHIPPED_SURVEYS_DIR });
    const answers = censusAnswers({ priority_themes: ["water_sanitation", "energy", "health"] });
    const res = await request(app).post("/api/surveys/census-lebanon/responses").send({ answers, status: "submitted", locale: "fr" }).expect(422);
    expect(res.body.error.details.map((d: { question: string }) => d.question).sort()).toEqual(["need_health", "urgency_health"]);
    expect(res.body.error.details[0].message).toBe("La réponse à cette question est obligatoire.");
  });

  it("refuses a district of another governorate and a sixth ranked theme", async () => {
    const { app } = testApp({ surveysDir: SHIPPED_SURVEYS_DIR });
    const wrongDistrict = await request(app)
      .post("/api/surveys/census-lebanon/responses")
      .send({ answers: censusAnswers({ district: "tyre" }), status: "submitted", locale: "en" })
      .expect(422);
    expect(wrongDistrict.body.error.details.map((d: { question: string }) => d.question)).toEqual(["district"]);

    const six = ["water_sanitation", "energy", "health", "sport", "solid_waste", "gender_equality"];
    const tooMany = await request(app)
      .post("/api/surveys/census-lebanon/responses")
      .send({ answers: { priority_themes: six }, status: "draft", locale: "en" })
      .expect(422);
    expect(tooMany.body.error.details).toEqual([{ question: "priority_themes", message: "Too many choices: at most 5." }]);
  });

  it("refuses a submission without consent", async () => {
    const { app } = testApp({ surveysDir: SHIPPED_SURVEYS_DIR });
    const res = await request(app)
      .post("/api/surveys/census-lebanon/responses")
      .send({ answers: censusAnswers({ consent_data_use: false }), status: "submitted", locale: "en" })
      .expect(422);
    expect(res.body.error.details.map((d: { question: string }) => d.question)).toEqual(["consent_data_use"]);
  });
});
