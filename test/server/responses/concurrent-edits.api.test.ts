import request from "supertest";
import type { ApiErrorBody, CreatedResponse } from "@passerelle/shared";
import { testApp } from "../../support/test-app";

type App = ReturnType<typeof testApp>["app"];

async function startDraft(app: App): Promise<CreatedResponse> {
  const res = await request(app)
    .post("/api/surveys/mini/responses")
    .send({ answers: { authority_name: "Batroun" }, status: "draft", locale: "fr" })
    .expect(201);
  expect(res.headers.etag).toBe('"r1"');
  return res.body as CreatedResponse;
}

function put(app: App, created: CreatedResponse, answers: object, ifMatch?: string) {
  const req = request(app).put(`/api/responses/${created.id}`).set("Authorization", `Bearer ${created.resumeToken}`);
  return (ifMatch === undefined ? req : req.set("If-Match", ifMatch)).send({ answers, status: "draft", locale: "fr" });
}

function expectError(body: unknown, code: string) {
  expect((body as ApiErrorBody).error.code).toBe(code);
  expect(typeof (body as ApiErrorBody).error.message).toBe("string");
}

describe("concurrent edits of a response (ETag and If-Match)", () => {
  it("gives the revision as ETag and in the body on GET and PUT", async () => {
    const { app } = testApp();
    const created = await startDraft(app);
    expect(created.revision).toBe(1);
    const read = await request(app).get(`/api/responses/${created.id}`).set("Authorization", `Bearer ${created.resumeToken}`).expect(200);
    expect(read.headers.etag).toBe('"r1"');
    expect(read.body.revision).toBe(1);
    const saved = await put(app, created, { authority_name: "Tyr" }, '"r1"').expect(200);
    expect(saved.headers.etag).toBe('"r2"');
    expect(saved.body).toEqual({ id: created.id, status: "draft", version: created.version, revision: 2 });
  });

  it("saves with the current ETag, then refuses the now stale one with 412 response_changed and keeps the answers", async () => {
    const { app, store } = testApp();
    const created = await startDraft(app);
    await put(app, created, { authority_name: "From the phone" }, '"r1"').expect(200);
    const stale = await put(app, created, { authority_name: "From the laptop" }, '"r1"').expect(412);
    expectError(stale.body, "response_changed");
    expect(await store.responses.findById(created.id)).toMatchObject({ answers: { authority_name: "From the phone" }, revision: 2 });
  });

  it.each([
    ["a list naming the current revision", '"r7", "r2"'],
    ["any version", "*"],
  ])("accepts If-Match with %s", async (_label, ifMatch) => {
    const { app } = testApp();
    const created = await startDraft(app);
    await put(app, created, { authority_name: "Tyr" }).expect(200);
    await put(app, created, { authority_name: "Saïda" }, ifMatch).expect(200);
  });

  it.each([
    ["a weak tag, which If-Match never matches", 'W/"r1"'],
    ["a tag of another form", '"abc"'],
  ])("answers 412 to %s", async (_label, ifMatch) => {
    const { app, store } = testApp();
    const created = await startDraft(app);
    expectError((await put(app, created, { authority_name: "Tyr" }, ifMatch).expect(412)).body, "response_changed");
    expect((await store.responses.findById(created.id))?.answers).toEqual({ authority_name: "Batroun" });
  });

  it.each([
    ["an unquoted revision", "r1"],
    ["a bare number", "1"],
    ["two tags without a comma", '"r1" "r2"'],
    ["an empty header", ""],
  ])("rejects If-Match with %s with 400 naming the header and writes nothing", async (_label, ifMatch) => {
    const { app, store } = testApp();
    const created = await startDraft(app);
    const res = await put(app, created, { authority_name: "Tyr" }, ifMatch).expect(400);
    expectError(res.body, "invalid_request");
    expect(res.body.error.details).toEqual([{ question: "If-Match", message: expect.any(String) }]);
    expect(await store.responses.findById(created.id)).toMatchObject({ answers: { authority_name: "Batroun" }, revision: 1 });
  });

  it("without If-Match the last write wins, as before", async () => {
    const { app, store } = testApp();
    const created = await startDraft(app);
    await put(app, created, { authority_name: "First" }).expect(200);
    await put(app, created, { authority_name: "Second" }).expect(200);
    expect(await store.responses.findById(created.id)).toMatchObject({ answers: { authority_name: "Second" }, revision: 3 });
  });

  it("checks the token before the precondition: a stranger learns nothing from 412", async () => {
    const { app } = testApp();
    const mine = await startDraft(app);
    const theirs = await startDraft(app);
    await put(app, { ...mine, resumeToken: theirs.resumeToken }, { authority_name: "x" }, '"r9"').expect(403);
  });
});
