import request from "supertest";
import type { ApiErrorBody, CreatedResponse } from "@passerelle/shared";
import { miniAnswers } from "../../support/builders";
import { testApp } from "../../support/test-app";

type App = ReturnType<typeof testApp>["app"];

const KEY = "k3Y_0f-a-r3try-ab12cd34ef56";
const draftBody = { answers: { authority_name: "Batroun" }, status: "draft", locale: "fr" } as const;

/** `key: null` sends no Idempotency-Key at all. */
function post(app: App, body: object, key: string | null = KEY) {
  const req = request(app).post("/api/surveys/mini/responses");
  return (key === null ? req : req.set("Idempotency-Key", key)).send(body);
}

function expectError(body: unknown, code: string) {
  expect((body as ApiErrorBody).error.code).toBe(code);
  expect(typeof (body as ApiErrorBody).error.message).toBe("string");
}

describe("creating a response with an Idempotency-Key", () => {
  it("answers a retry with the first reply, resume token and Location included, and stores nothing new", async () => {
    const { app, store } = testApp();
    const first = await post(app, draftBody).expect(201);
    const retry = await post(app, draftBody).expect(201);

    expect(retry.body).toEqual(first.body);
    expect((retry.body as CreatedResponse).resumeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe('"r1"');
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(retry.headers["idempotent-replayed"]).toBe("true");
    expect(await store.responses.count({ surveyId: "mini" })).toBe(1);

    // The replayed token is the real one: it opens the response.
    await request(app).get(first.headers.location!).set("Authorization", `Bearer ${retry.body.resumeToken}`).expect(200);
  });

  it("fingerprints the request, not its JSON spelling: the same answers in another key order are a retry", async () => {
    const { app, store } = testApp();
    const answers = miniAnswers();
    const reordered = Object.fromEntries(Object.entries(answers).reverse());
    const first = await post(app, { answers, status: "draft", locale: "fr" }).expect(201);
    const retry = await post(app, { locale: "fr", status: "draft", answers: reordered }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await store.responses.count({ surveyId: "mini" })).toBe(1);
  });

  it.each([
    ["other answers", { ...draftBody, answers: { authority_name: "Tyr" } }],
    ["another status", { ...draftBody, answers: miniAnswers(), status: "submitted" }],
    ["another locale", { ...draftBody, locale: "ar" }],
  ])("refuses the same key with %s with 422 idempotency_key_reused and writes nothing", async (_label, otherBody) => {
    const { app, store } = testApp();
    const first = await post(app, draftBody).expect(201);
    const res = await post(app, otherBody).expect(422);
    expectError(res.body, "idempotency_key_reused");
    expect(JSON.stringify(res.body)).not.toContain(first.body.resumeToken);
    expect(await store.responses.count({ surveyId: "mini" })).toBe(1);
    expect((await store.responses.findById(first.body.id))?.answers).toEqual(draftBody.answers);
  });

  it("creates one response for concurrent requests with the same key, and gives them all its reply", async () => {
    const { app, store } = testApp();
    // One listening server, so that the requests arrive together rather than one per server start.
    const server = app.listen(0);
    const replies = await Promise.all(Array.from({ length: 6 }, () => post(server as unknown as App, draftBody))).finally(() => server.close());
    expect(replies.map((res) => res.status)).toEqual(Array(6).fill(201));
    for (const res of replies) expect(res.body).toEqual(replies[0]?.body);
    expect(replies.filter((res) => res.headers["idempotent-replayed"] === undefined)).toHaveLength(1);
    expect(await store.responses.count({ surveyId: "mini" })).toBe(1);
  });

  it("keeps keys apart: another key, or no key, creates another response", async () => {
    const { app, store } = testApp();
    const first = await post(app, draftBody).expect(201);
    const other = await post(app, draftBody, "another-key-0123456789").expect(201);
    const none = await post(app, draftBody, null).expect(201);
    expect(new Set([first.body.id, other.body.id, none.body.id]).size).toBe(3);
    expect(await store.responses.count({ surveyId: "mini" })).toBe(3);
  });

  it.each([
    ["too short", "short-key"],
    ["too long", "k".repeat(129)],
    ["with a space", "abcdefgh ijklmnopq"],
    ["with a character outside the alphabet", "abcdefghijklmnop/q"],
    ["empty", ""],
  ])("rejects a key %s with 400 naming the header and writes nothing", async (_label, key) => {
    const { app, store } = testApp();
    const res = await post(app, draftBody, key).expect(400);
    expectError(res.body, "invalid_request");
    expect(res.body.error.details).toEqual([{ question: "Idempotency-Key", message: expect.any(String) }]);
    expect(await store.responses.count({ surveyId: "mini" })).toBe(0);
  });

  it("does not remember a refused request: the key stays free for a corrected body", async () => {
    const { app, store } = testApp();
    await post(app, { ...draftBody, answers: { population: "many" } }).expect(422);
    await post(app, draftBody).expect(201);
    expect(await store.responses.count({ surveyId: "mini" })).toBe(1);
  });

  it("refuses a retry whose answers nest without end with 400, and keeps the first reply", async () => {
    const { app, store } = testApp();
    const first = await post(app, draftBody).expect(201);
    const nested = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const res = await request(app)
      .post("/api/surveys/mini/responses")
      .set("Idempotency-Key", KEY)
      .set("Content-Type", "application/json")
      .send(`{"answers":{"authority_name":${nested}},"status":"draft","locale":"fr"}`)
      .expect(400);
    expectError(res.body, "invalid_request");
    expect(await store.responses.count({ surveyId: "mini" })).toBe(1);
    expect((await post(app, draftBody).expect(201)).body).toEqual(first.body);
  });

  it("remembers a key for 24 hours; after that the key creates a new response", async () => {
    let now = new Date("2026-06-15T10:00:00Z");
    const { app, store } = testApp({ now: () => now });
    const first = await post(app, draftBody).expect(201);

    now = new Date("2026-06-16T09:59:59.999Z");
    expect((await post(app, draftBody).expect(201)).body).toEqual(first.body);

    now = new Date("2026-06-16T10:00:00Z");
    const later = await post(app, { ...draftBody, answers: { authority_name: "Tyr" } }).expect(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect(later.headers["idempotent-replayed"]).toBeUndefined();
    expect(await store.responses.count({ surveyId: "mini" })).toBe(2);
    // The key now stands for the new response.
    expect((await post(app, { ...draftBody, answers: { authority_name: "Tyr" } }).expect(201)).body).toEqual(later.body);
  });

  it("keeps neither the key nor the resume token readable in the store", async () => {
    const { app, store } = testApp();
    const first = await post(app, draftBody).expect(201);
    const { createHash } = await import("node:crypto");
    const record = await store.responses.findIdempotencyRecord("mini", createHash("sha256").update(KEY).digest("hex"), new Date());
    expect(record).toMatchObject({ surveyId: "mini", responseId: first.body.id });
    const stored = JSON.stringify(record);
    expect(stored).not.toContain(KEY);
    expect(stored).not.toContain(first.body.resumeToken);
  });
});
