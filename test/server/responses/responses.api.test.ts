import request from "supertest";
import type { ApiErrorBody, CreatedResponse } from "@passerelle/shared";
import { miniAnswers, without } from "../../support/builders";
import { testApp } from "../../support/test-app";

async function countStored(store: ReturnType<typeof testApp>["store"]) {
  return store.responses.count({ surveyId: "mini" });
}

function expectError(body: unknown, code: string) {
  expect((body as ApiErrorBody).error.code).toBe(code);
  expect(typeof (body as ApiErrorBody).error.message).toBe("string");
}

async function startDraft(app: ReturnType<typeof testApp>["app"]) {
  const res = await request(app)
    .post("/api/surveys/mini/responses")
    .send({ answers: { authority_name: "Batroun" }, status: "draft", locale: "fr" })
    .expect(201);
  return res.body as CreatedResponse;
}

describe("responses API", () => {
  describe("creating", () => {
    it("stores a draft and returns its id, version and resume token", async () => {
      const { app, store, questionnaires } = testApp();
      const created = await startDraft(app);
      expect(created).toEqual({
        id: expect.any(String),
        status: "draft",
        version: questionnaires.find("mini")?.version,
        revision: 1,
        resumeToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      const stored = await store.responses.findById(created.id);
      expect(stored).toMatchObject({ surveyId: "mini", status: "draft", locale: "fr", answers: { authority_name: "Batroun" } });
      expect(stored?.tokenHash).not.toContain(created.resumeToken);
    });

    it("accepts a direct submission, records when and the breakdown fields", async () => {
      const now = new Date("2026-06-15T10:00:00Z");
      const { app, store } = testApp({ now: () => now });
      const res = await request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "submitted", locale: "ar" }).expect(201);
      const stored = await store.responses.findById(res.body.id);
      expect(stored).toMatchObject({ status: "submitted", submittedAt: now, breakdown: { governorate: "north", district: "tripoli" } });
    });

    it.each([
      ["answers missing", { status: "draft", locale: "fr" }],
      ["an unknown status", { answers: {}, status: "final", locale: "fr" }],
      ["an unknown locale", { answers: {}, status: "draft", locale: "de" }],
      ["answers as a list", { answers: [], status: "draft", locale: "fr" }],
      ["an extra field", { answers: {}, status: "draft", locale: "fr", surveyId: "other" }],
      ["a body that is not an object", ["answers"]],
    ])("rejects a body with %s with 400 and writes nothing", async (_label, body) => {
      const { app, store } = testApp();
      const res = await request(app)
        .post("/api/surveys/mini/responses")
        .send(body as object)
        .expect(400);
      expectError(res.body, "invalid_request");
      expect(res.body.error.details.length).toBeGreaterThan(0);
      expect(await countStored(store)).toBe(0);
    });

    it("names each unexpected field of the body in the details", async () => {
      const { app } = testApp();
      const res = await request(app)
        .post("/api/surveys/mini/responses")
        .send({ answers: {}, status: "draft", locale: "fr", surveyId: "other", $where: "1" })
        .expect(400);
      expect(res.body.error.details.map((detail: { question: string }) => detail.question).sort()).toEqual(["$where", "surveyId"]);
    });

    it("rejects answers nested deeper than any question takes with 400, without overflowing the stack", async () => {
      const { app, store } = testApp();
      const nested = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
      const res = await request(app)
        .post("/api/surveys/mini/responses")
        .set("Content-Type", "application/json")
        .send(`{"answers":{"authority_name":${nested}},"status":"draft","locale":"fr"}`)
        .expect(400);
      expectError(res.body, "invalid_request");
      expect(res.body.error.details[0].question).toBe("answers");
      expect(await countStored(store)).toBe(0);
    });

    it("rejects a compressed body that does not decompress with 400", async () => {
      const { app, store } = testApp();
      const res = await request(app)
        .post("/api/surveys/mini/responses")
        .set("Content-Type", "application/json")
        .set("Content-Encoding", "gzip")
        .send('{"answers":{},"status":"draft","locale":"fr"}')
        .expect(400);
      expectError(res.body, "malformed_json");
      expect(await countStored(store)).toBe(0);
    });

    it("answers 400, not 500, to an address that is not valid percent-encoding", async () => {
      const { app, store } = testApp();
      const res = await request(app).post("/api/surveys/%E0%A4%A/responses").send({ answers: {}, status: "draft", locale: "fr" }).expect(400);
      expectError(res.body, "invalid_request");
      expectError(
        (
          await request(app)
            .get("/api/responses/%zz")
            .set("Authorization", `Bearer ${"a".repeat(43)}`)
            .expect(400)
        ).body,
        "invalid_request",
      );
      expect(await countStored(store)).toBe(0);
    });

    it("rejects malformed JSON with 400", async () => {
      const { app, store } = testApp();
      const res = await request(app)
        .post("/api/surveys/mini/responses")
        .set("Content-Type", "application/json")
        .send('{"answers": {"authority_name": "Tyr"')
        .expect(400);
      expectError(res.body, "malformed_json");
      expect(await countStored(store)).toBe(0);
    });

    it("rejects a body that is not JSON with 415", async () => {
      const { app, store } = testApp();
      const res = await request(app)
        .post("/api/surveys/mini/responses")
        .set("Content-Type", "application/x-www-form-urlencoded")
        .send("answers=1&status=draft")
        .expect(415);
      expectError(res.body, "unsupported_media_type");
      expect(await countStored(store)).toBe(0);
    });

    it("rejects a body over the limit with 413", async () => {
      const { app, store } = testApp({ bodyLimit: "10kb" });
      const res = await request(app)
        .post("/api/surveys/mini/responses")
        .send({ answers: { authority_name: "x".repeat(20_000) }, status: "draft", locale: "fr" })
        .expect(413);
      expectError(res.body, "payload_too_large");
      expect(await countStored(store)).toBe(0);
    });

    it("answers 404 for an unknown questionnaire", async () => {
      const { app } = testApp();
      const res = await request(app).post("/api/surveys/nope/responses").send({ answers: {}, status: "draft", locale: "fr" }).expect(404);
      expectError(res.body, "survey_not_found");
    });

    it("rejects answers that break the rules with 422, details in the request's language", async () => {
      const { app, store } = testApp();
      const res = await request(app)
        .post("/api/surveys/mini/responses")
        .send({ answers: without(miniAnswers({ authority_kind: "ministry" }), "authority_name"), status: "submitted", locale: "fr" })
        .expect(422);
      expectError(res.body, "invalid_answers");
      expect(res.body.error.details).toEqual([{ question: "authority_kind", message: "Cette réponse ne fait pas partie des choix proposés." }]);
      expect(await countStored(store)).toBe(0);

      const missing = await request(app)
        .post("/api/surveys/mini/responses")
        .send({ answers: without(miniAnswers(), "authority_name"), status: "submitted", locale: "ar" })
        .expect(422);
      expect(missing.body.error.details).toEqual([{ question: "authority_name", message: expect.stringContaining("يرجى الإجابة") }]);
      expect(await countStored(store)).toBe(0);
    });

    it("keeps a draft's answers to hidden questions but drops them on submission, as the form does", async () => {
      const { app, store } = testApp();
      const answers = miniAnswers({ priority_themes: ["health"] });
      const draft = await request(app).post("/api/surveys/mini/responses").send({ answers, status: "draft", locale: "fr" }).expect(201);
      expect((await store.responses.findById(draft.body.id))?.answers).toMatchObject({ need_water_sanitation: expect.any(String) });
      const submitted = await request(app).post("/api/surveys/mini/responses").send({ answers, status: "submitted", locale: "fr" }).expect(201);
      const stored = await store.responses.findById(submitted.body.id);
      expect(stored?.answers.need_water_sanitation).toBeUndefined();
      expect(stored?.answers.urgency_water_sanitation).toBeUndefined();
      expect(stored?.answers).toMatchObject({ priority_themes: ["health"], authority_name: answers.authority_name });
    });

    it("treats operator and prototype keys as unknown questions, never as operators", async () => {
      const { app, store } = testApp();
      const res = await request(app)
        .post("/api/surveys/mini/responses")
        .set("Content-Type", "application/json")
        .send('{"answers": {"__proto__": {"isAdmin": true}, "$where": "1", "authority_name": {"$ne": null}}, "status": "draft", "locale": "en"}')
        .expect(422);
      expect(res.body.error.details.map((d: { question: string }) => d.question).sort()).toEqual(["$where", "__proto__", "authority_name"].sort());
      expect(await countStored(store)).toBe(0);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    });
  });

  describe("resuming and editing", () => {
    it("returns the response to the holder of the resume token", async () => {
      const { app } = testApp();
      const created = await startDraft(app);
      const res = await request(app).get(`/api/responses/${created.id}`).set("Authorization", `Bearer ${created.resumeToken}`).expect(200);
      expect(res.body).toMatchObject({ id: created.id, surveyId: "mini", status: "draft", locale: "fr", answers: { authority_name: "Batroun" } });
      expect(res.body.tokenHash).toBeUndefined();
      expect(res.headers["cache-control"]).toBe("no-store");
    });

    it("saves a draft, then a submission, then a correction", async () => {
      const { app, store } = testApp();
      const created = await startDraft(app);
      const auth = `Bearer ${created.resumeToken}`;
      await request(app)
        .put(`/api/responses/${created.id}`)
        .set("Authorization", auth)
        .send({ answers: { authority_name: "Batroun", governorate: "north" }, status: "draft", locale: "fr" })
        .expect(200, { id: created.id, status: "draft", version: created.version, revision: 2 });
      await request(app)
        .put(`/api/responses/${created.id}`)
        .set("Authorization", auth)
        .send({ answers: miniAnswers(), status: "submitted", locale: "fr" })
        .expect(200);
      const submittedAt = (await store.responses.findById(created.id))?.submittedAt;
      expect(submittedAt).toBeInstanceOf(Date);

      await request(app)
        .put(`/api/responses/${created.id}`)
        .set("Authorization", auth)
        .send({ answers: miniAnswers({ population: 210000 }), status: "submitted", locale: "en" })
        .expect(200);
      const corrected = await store.responses.findById(created.id);
      expect(corrected).toMatchObject({ status: "submitted", locale: "en", answers: { population: 210000 }, submittedAt });
      expect(await countStored(store)).toBe(1);
    });

    it("refuses to turn a submitted response back into a draft with 409", async () => {
      const { app, store } = testApp();
      const res = await request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "submitted", locale: "fr" }).expect(201);
      const put = await request(app)
        .put(`/api/responses/${res.body.id}`)
        .set("Authorization", `Bearer ${res.body.resumeToken}`)
        .send({ answers: {}, status: "draft", locale: "fr" })
        .expect(409);
      expectError(put.body, "already_submitted");
      expect((await store.responses.findById(res.body.id))?.answers).toEqual(miniAnswers());
    });

    it("keeps the stored answers when an edit is invalid", async () => {
      const { app, store } = testApp();
      const created = await startDraft(app);
      await request(app)
        .put(`/api/responses/${created.id}`)
        .set("Authorization", `Bearer ${created.resumeToken}`)
        .send({ answers: { authority_name: "Batroun", population: "many" }, status: "draft", locale: "fr" })
        .expect(422);
      expect((await store.responses.findById(created.id))?.answers).toEqual({ authority_name: "Batroun" });
    });

    it.each([
      ["no Authorization header", undefined],
      ["a header that is not a bearer token", "Basic dXNlcjpwYXNz"],
      ["a token of the wrong shape", "Bearer not a token"],
    ])("answers 401 to %s", async (_label, header) => {
      const { app } = testApp();
      const created = await startDraft(app);
      const get = request(app).get(`/api/responses/${created.id}`);
      const res = await (header ? get.set("Authorization", header) : get).expect(401);
      expectError(res.body, "unauthenticated");
    });

    it("answers 403 to another response's token, for reading and for writing", async () => {
      const { app, store } = testApp();
      const mine = await startDraft(app);
      const theirs = await startDraft(app);
      const res = await request(app).get(`/api/responses/${mine.id}`).set("Authorization", `Bearer ${theirs.resumeToken}`).expect(403);
      expectError(res.body, "forbidden");
      await request(app)
        .put(`/api/responses/${mine.id}`)
        .set("Authorization", `Bearer ${theirs.resumeToken}`)
        .send({ answers: { authority_name: "Hijacked" }, status: "draft", locale: "fr" })
        .expect(403);
      expect((await store.responses.findById(mine.id))?.answers).toEqual({ authority_name: "Batroun" });
    });

    it("answers 404 for an unknown response", async () => {
      const { app } = testApp();
      const created = await startDraft(app);
      const res = await request(app)
        .get("/api/responses/00000000-0000-4000-8000-000000000000")
        .set("Authorization", `Bearer ${created.resumeToken}`)
        .expect(404);
      expectError(res.body, "response_not_found");
    });
  });
});
