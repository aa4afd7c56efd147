import fc from "fast-check";
import request from "supertest";
import type { CreatedResponse, ResponseView, SaveResponse } from "@passerelle/shared";
import { expectClientError, fuzzParameters, fuzzTimeout, headerValue, responsesSnapshot, type RawBody } from "../../support/fuzz";
import { anyBody, expectSavedAsSent, ifMatchHeader, oddPathSegment, wellShapedBody } from "../../support/response-fuzzing";
import { testApp } from "../../support/test-app";

const DRAFT: SaveResponse = { answers: { authority_name: "Batroun" }, status: "draft", locale: "fr" };

/** How the request names its response and proves it may change it. */
type Target =
  | { kind: "own" }
  | { kind: "another response's token" }
  | { kind: "no token" }
  | { kind: "raw Authorization"; value: string }
  | { kind: "other id"; id: string };

const target: fc.Arbitrary<Target> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Target>({ kind: "own" }) },
  { weight: 1, arbitrary: fc.constant<Target>({ kind: "another response's token" }) },
  { weight: 1, arbitrary: fc.constant<Target>({ kind: "no token" }) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        headerValue(),
        headerValue().map((value) => `Bearer ${value}`),
        fc.stringMatching(/^Bearer [A-Za-z0-9_-]{16,128}$/),
      )
      .map((value): Target => ({ kind: "raw Authorization", value })),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.uuid(), oddPathSegment).map((id): Target => ({ kind: "other id", id })),
  },
);

// Preconditions a client in step would send, beside the arbitrary ones.
const ifMatch = fc.constantFrom(undefined, '"r1"', "*");

describe("changing a response, fuzzed", () => {
  const { app, store } = testApp();
  let other: CreatedResponse;

  beforeAll(async () => {
    other = (await request(app).post("/api/surveys/mini/responses").send(DRAFT).expect(201)).body as CreatedResponse;
  });

  function put(created: CreatedResponse, to: Target, body: RawBody, ifMatch: string | undefined) {
    const req = request(app)
      .put(`/api/responses/${to.kind === "other id" ? to.id : created.id}`)
      .set("Content-Type", body.contentType);
    if (to.kind === "own" || to.kind === "other id") req.set("Authorization", `Bearer ${created.resumeToken}`);
    if (to.kind === "another response's token") req.set("Authorization", `Bearer ${other.resumeToken}`);
    if (to.kind === "raw Authorization") req.set("Authorization", to.value);
    if (body.contentEncoding !== undefined) req.set("Content-Encoding", body.contentEncoding);
    if (ifMatch !== undefined) req.set("If-Match", ifMatch);
    // Bytes go as they are: superagent would otherwise send a Buffer under a JSON type as JSON.
    return req.serialize((data) => data).send(body.body);
  }

  // Each run changes a fresh draft, so that an accepted submission does not close the next runs'
  // way to drafts. Refused: the shared error body, and no response changed, the target's answers
  // and revision included. Accepted: the next revision, read back as stored and as sent.
  it(
    "answers any body, token and If-Match with a save or a 4xx that changes nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(target, fc.oneof(wellShapedBody, anyBody), fc.oneof(ifMatch, ifMatchHeader), async (to, body, ifMatch) => {
          const created = (await request(app).post("/api/surveys/mini/responses").send(DRAFT).expect(201)).body as CreatedResponse;
          const before = await responsesSnapshot(store, "mini");
          const res = await put(created, to, body, ifMatch);
          if (res.status !== 200) {
            expectClientError(res);
            expect(await responsesSnapshot(store, "mini")).toEqual(before);
            return;
          }
          expect(to.kind === "own" || (to.kind === "other id" && to.id === created.id)).toBe(true);
          expect(res.headers.etag).toBe('"r2"');
          const read = await request(app).get(`/api/responses/${created.id}`).set("Authorization", `Bearer ${created.resumeToken}`).expect(200);
          const view = read.body as ResponseView;
          const stored = await store.responses.findById(created.id);
          expect(view.answers).toEqual(stored?.answers);
          expect(view.revision).toBe(2);
          expect(stored?.revision).toBe(2);
          if (body.sent !== undefined) expectSavedAsSent(view, body.sent as SaveResponse);
        }),
        fuzzParameters(300),
      );
    },
    fuzzTimeout(300),
  );
});
