import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { testApp } from "../../support/test-app";

// Slow-downs of a millisecond: the test checks who is refused, not how long anyone waits.
// Refused outright past ten times the token limit: 20 refusals here.
const LIMITS = { signInFailures: 0, tokenFailures: 2, responseCreations: 0, slowDownMs: 1 };

// What no form sends: thousands of answers to questions the questionnaire does not have.
const junk = () => Object.fromEntries(Array.from({ length: 5_000 }, (_, index) => [`junk_${index}`, index]));

describe("bodies of junk keys count in the rate limit like other refusals", () => {
  it.each([
    [
      "drafts created",
      (app: Parameters<typeof request>[0]) =>
        request(app).post("/api/surveys/mini/responses").set("X-Forwarded-For", "203.0.113.70").send({ answers: junk(), status: "draft", locale: "fr" }),
    ],
    [
      "submissions created",
      (app: Parameters<typeof request>[0]) =>
        request(app).post("/api/surveys/mini/responses").set("X-Forwarded-For", "203.0.113.70").send({ answers: junk(), status: "submitted", locale: "fr" }),
    ],
  ])("refuses an address sending %s of junk keys, past the limit, with a 429 and nothing written", async (_case, send) => {
    const { app, store } = testApp({ rateLimits: LIMITS });
    for (let attempt = 0; attempt < 20; attempt += 1) expect((await send(app)).status).toBe(422);
    const refused = await send(app).expect(429);
    expect(refused.body.error.code).toBe("too_many_requests");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(await store.responses.count({ surveyId: "mini" })).toBe(0);
    // Another address is not concerned.
    await request(app)
      .post("/api/surveys/mini/responses")
      .set("X-Forwarded-For", "203.0.113.71")
      .send({ answers: miniAnswers(), status: "draft", locale: "fr" })
      .expect(201);
  });

  it("counts junk PUTs to a response too, and the address is then refused even its own response", async () => {
    const { app } = testApp({ rateLimits: LIMITS });
    const created = (await request(app).post("/api/surveys/mini/responses").send({ answers: {}, status: "draft", locale: "fr" }).expect(201)).body;
    const put = (answers: object) =>
      request(app)
        .put(`/api/responses/${created.id}`)
        .set("X-Forwarded-For", "203.0.113.72")
        .set("Authorization", `Bearer ${created.resumeToken}`)
        .send({ answers, status: "draft", locale: "fr" });
    for (let attempt = 0; attempt < 20; attempt += 1) await put(junk()).expect(422);
    await put(miniAnswers()).expect(429);
  });

  it("does not count a clerk's ordinary mistakes, however many times they are corrected", async () => {
    const { app } = testApp({ rateLimits: LIMITS });
    const created = (await request(app).post("/api/surveys/mini/responses").send({ answers: {}, status: "draft", locale: "fr" }).expect(201)).body;
    const put = (answers: object, status = "submitted") =>
      request(app)
        .put(`/api/responses/${created.id}`)
        .set("X-Forwarded-For", "203.0.113.73")
        .set("Authorization", `Bearer ${created.resumeToken}`)
        .send({ answers, status, locale: "fr" });
    for (let attempt = 0; attempt < 25; attempt += 1) await put({ ...miniAnswers(), population: "many" }).expect(422);
    await put(miniAnswers()).expect(200);
  });
});
