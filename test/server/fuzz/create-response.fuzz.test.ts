import fc from "fast-check";
import type { Express } from "express";
import request from "supertest";
import type { CreatedResponse, ResponseView, SaveResponse } from "@passerelle/shared";
import { asJson, expectClientError, fuzzParameters, fuzzTimeout, responsesSnapshot, type RawBody } from "../../support/fuzz";
import { anyBody, awkwardTextBody, expectSavedAsSent, hugeBody, idempotencyKeyHeader, oddPathSegment } from "../../support/response-fuzzing";
import type { Store } from "../../../server/src/store/store.port";
import { testApp } from "../../support/test-app";

// A key used once before the properties run, so that some requests are retries of it.
const USED_KEY = "a-key-used-before-0001";
const USED_BODY: SaveResponse = { answers: { authority_name: "Batroun" }, status: "draft", locale: "fr" };

// Each property has its own store, so that the huge bodies one keeps do not slow down the
// before-and-after comparisons of the others.
async function appWithUsedKey() {
  const context = testApp();
  await request(context.app).post("/api/surveys/mini/responses").set("Idempotency-Key", USED_KEY).send(USED_BODY).expect(201);
  return context;
}

function post(app: Express, path: string, body: RawBody, idempotencyKey: string | undefined) {
  const req = request(app).post(path).set("Content-Type", body.contentType);
  if (body.contentEncoding !== undefined) req.set("Content-Encoding", body.contentEncoding);
  if (idempotencyKey !== undefined) req.set("Idempotency-Key", idempotencyKey);
  // Bytes go as they are: superagent would otherwise send a Buffer under a JSON type as JSON.
  return req.serialize((data) => data).send(body.body);
}

// Refused: the shared error body, and not one response more or changed. Accepted: exactly one
// new response (none for a replay), which reads back as stored and as sent.
async function checkCreation({ app, store }: { app: Express; store: Store }, path: string, body: RawBody, idempotencyKey: string | undefined): Promise<number> {
  const before = await responsesSnapshot(store, "mini");
  const res = await post(app, path, body, idempotencyKey);
  if (res.status !== 201) {
    expectClientError(res);
    expect(await responsesSnapshot(store, "mini")).toEqual(before);
    return res.status;
  }
  const created = res.body as CreatedResponse;
  const isReplay = res.headers["idempotent-replayed"] === "true";
  expect(await store.responses.count({ surveyId: "mini" })).toBe(before.count + (isReplay ? 0 : 1));
  const read = await request(app).get(`/api/responses/${created.id}`).set("Authorization", `Bearer ${created.resumeToken}`).expect(200);
  const view = read.body as ResponseView;
  const stored = await store.responses.findById(created.id);
  expect(view.answers).toEqual(stored?.answers);
  expect(view.revision).toBe(stored?.revision);
  if (!isReplay && body.sent !== undefined) expectSavedAsSent(view, body.sent as SaveResponse);
  return res.status;
}

describe("creating a response, fuzzed", () => {
  it(
    "answers any body and any Idempotency-Key with a creation or a 4xx that writes nothing",
    async () => {
      const context = await appWithUsedKey();
      const body = fc.oneof({ weight: 12, arbitrary: anyBody }, { weight: 1, arbitrary: fc.constant(asJson(USED_BODY)) });
      await fc.assert(
        fc.asyncProperty(body, idempotencyKeyHeader(USED_KEY), async (raw, key) => {
          await checkCreation(context, "/api/surveys/mini/responses", raw, key);
        }),
        fuzzParameters(300),
      );
    },
    fuzzTimeout(300),
  );

  it(
    "stores text answers with control characters, lone surrogates and direction marks as they were sent",
    async () => {
      const context = testApp();
      await fc.assert(
        fc.asyncProperty(awkwardTextBody, async (raw) => {
          expect(await checkCreation(context, "/api/surveys/mini/responses", raw, undefined)).toBe(201);
        }),
        fuzzParameters(100),
      );
    },
    fuzzTimeout(100),
  );

  it(
    "answers bodies around the size limit with a creation or a 413 that writes nothing",
    async () => {
      await fc.assert(
        // A store per run: comparing stores full of megabyte responses would cost more than the run.
        fc.asyncProperty(hugeBody, async (raw) => {
          await checkCreation(testApp(), "/api/surveys/mini/responses", raw, undefined);
        }),
        fuzzParameters(20),
      );
    },
    fuzzTimeout(20),
  );

  it(
    "answers a questionnaire id that is no questionnaire, or not even a path, with a 4xx",
    async () => {
      const context = testApp();
      await fc.assert(
        fc.asyncProperty(oddPathSegment, async (surveyId) => {
          await checkCreation(context, `/api/surveys/${surveyId}/responses`, asJson(USED_BODY), undefined);
        }),
        fuzzParameters(100),
      );
    },
    fuzzTimeout(100),
  );
});
