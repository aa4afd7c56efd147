import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { JsonObject } from "@passerelle/shared";
import { foldDeltaOf } from "../../../server/src/analytics/fold-deltas";
import { foldResponses } from "../../../server/src/analytics/fold-job";
import { createParallelFold } from "../../../server/src/analytics/parallel-fold";
import { QuestionnaireShapes } from "../../../server/src/analytics/questionnaire-shapes";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import { syntheticCensusAnswers } from "../../support/synthetic-census";
import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { SHIPPED_SURVEYS_DIR, signedIn, testApp } from "../../support/test-app";

// The compiled worker: `npm test` compiles the server before running jest.
const WORKER_SCRIPT = path.join(__dirname, "../../../server/dist/analytics/fold.worker.js");

// Worker threads start slowly on a loaded machine.
jest.setTimeout(60_000);

describe("folding in worker threads", () => {
  it("gives exactly the summary of a single pass, older versions and encoded deltas included", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-parallel-"));
    const store = openEmbeddedStore({ dataDir });
    const census = loadQuestionnaires(SHIPPED_SURVEYS_DIR).find("census-lebanon")!;
    const old = structuredClone(census.definition) as { pages: { elements: { name?: string }[] }[] };
    old.pages[0]!.elements = old.pages[0]!.elements.filter((element) => element.name !== "staff_count");
    await store.questionnaireVersions.save({ version: "0ld0000000000000", surveyId: census.id, definition: old, firstSeenAt: new Date() });
    const next = syntheticCensusAnswers(census.definition, 7);
    await store.responses.insertMany(
      Array.from({ length: 301 }, (_, index) => {
        const at = new Date(Date.UTC(2026, 5, 1 + (index % 20)));
        const version = index % 4 === 0 ? "0ld0000000000000" : census.version;
        const answers = next();
        return {
          id: randomUUID(),
          surveyId: census.id,
          version,
          status: index % 10 === 0 ? ("draft" as const) : ("submitted" as const),
          locale: "fr" as const,
          answers,
          // Two in three saved with the encoded delta of their answers, as the server saves them.
          ...(index % 3 === 0
            ? {}
            : { foldDelta: foldDeltaOf({ version, definition: version === census.version ? census.definition : (old as JsonObject) }, answers) }),
          breakdown: {},
          tokenHash: "0".repeat(64),
          revision: 1,
          createdAt: at,
          updatedAt: at,
          submittedAt: index % 10 === 0 ? null : at,
        };
      }),
    );
    const filter = { surveyId: census.id, status: "submitted" as const };
    const single = await foldResponses(store, new QuestionnaireShapes(store), census, filter);

    const parallelFold = createParallelFold({ store: { dataDir, mongodbUri: undefined }, workers: 3, workerScript: WORKER_SCRIPT });
    expect(parallelFold).toBeDefined();
    const parallel = await parallelFold!(census, filter, store.responses);

    expect(parallel.groups["*"]?.respondents).toBe(270);
    // Merged numeric values come in another order; every other figure is identical.
    const sortValues = (summary: unknown) =>
      JSON.parse(JSON.stringify(summary), (key, value) => (key === "values" ? [...value].sort((a: number, b: number) => a - b) : value));
    expect(sortValues(parallel)).toEqual(sortValues(single));
    await store.close();
  });

  it("abandons a stuck worker after hungAfterMs: the summary is folded in-thread and later requests do not wait on it", async () => {
    const stuck = createParallelFold({
      store: { dataDir: os.tmpdir(), mongodbUri: undefined },
      workers: 1,
      workerScript: path.join(__dirname, "../../fixtures/workers/stuck-fold.worker.js"),
      hungAfterMs: 300,
    });
    const { app } = testApp({ parallelFold: stuck });
    const submit = () => request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "submitted", locale: "fr" }).expect(201);
    await submit();
    const analyst = await signedIn(app);
    expect((await analyst.get("/api/surveys/mini/analytics/themes").expect(200)).body.respondents).toBe(1);
    await submit();
    const [again, concurrent] = await Promise.all([
      analyst.get("/api/surveys/mini/analytics/themes?governorate=north"),
      analyst.get("/api/surveys/mini/analytics/themes?governorate=north"),
    ]);
    expect([again.body.respondents, concurrent.body.respondents]).toEqual([2, 2]);
  });

  it("is not offered when the compiled worker is missing, so the fold stays in-thread", () => {
    expect(createParallelFold({ store: { dataDir: os.tmpdir(), mongodbUri: undefined }, workerScript: "/nowhere/fold.worker.js" })).toBeUndefined();
  });
});
