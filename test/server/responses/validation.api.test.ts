import request from "supertest";
import { VALIDATION_FIXTURES_DIR } from "../../support/validation-fixtures";
import { testApp } from "../../support/test-app";

const PATH = "/api/surveys/every-type/responses";
const valid = { kind: "a", adults: 2, kind_a_detail: "d", grid: { g1: "low", g2: "high" }, agrees: true };

describe("validation over HTTP, with questionnaires of every kind", () => {
  it("refuses a malformed rating with 422 right after a valid submission, and stores only the valid one", async () => {
    const { app, store } = testApp({ surveysDir: VALIDATION_FIXTURES_DIR });
    await request(app).post(PATH).send({ answers: valid, status: "submitted", locale: "en" }).expect(201);
    const res = await request(app)
      .post(PATH)
      .send({ answers: { ...valid, score: "x" }, status: "submitted", locale: "en" })
      .expect(422);
    expect(res.body.error.code).toBe("invalid_answers");
    expect(res.body.error.details.map((detail: { question: string }) => detail.question)).toEqual(["score"]);
    expect(await store.responses.count({ surveyId: "every-type" })).toBe(1);
  });

  it("refuses a draft of a hundred thousand unknown keys with a short answer, and stores nothing", async () => {
    const { app, store } = testApp({ surveysDir: VALIDATION_FIXTURES_DIR, bodyLimit: "5mb" });
    const junk = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`k${index}`, 1]));
    const res = await request(app).post(PATH).send({ answers: junk, status: "draft", locale: "fr" }).expect(422);
    expect(JSON.stringify(res.body).length).toBeLessThan(10_000);
    expect(await store.responses.count({ surveyId: "every-type" })).toBe(0);
  });

  it("stores what survey-core's completed form keeps: computed values, no answers of hidden questions", async () => {
    const { app, store } = testApp({ surveysDir: VALIDATION_FIXTURES_DIR });
    const res = await request(app)
      .post(PATH)
      .send({ answers: { ...valid, kind: "b", why_b: "w", children: 1, household: 1, kind_a_detail: "hidden for kind b" }, status: "submitted", locale: "ar" })
      .expect(201);
    const stored = await store.responses.findById(res.body.id);
    expect(stored?.answers).toMatchObject({ household: 3, household_total: 3 });
    expect(stored?.answers).not.toHaveProperty("kind_a_detail");
  });
});
