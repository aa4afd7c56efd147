import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CompiledFold, encodeDelta, readQuestionnaireShape, type JsonObject } from "@passerelle/shared";
import { encodeStoredResponses, foldDeltaOf, readableDeltaStamps } from "../../../server/src/analytics/fold-deltas";
import { foldResponses } from "../../../server/src/analytics/fold-job";
import { QuestionnaireShapes } from "../../../server/src/analytics/questionnaire-shapes";
import { buildCube, mergeCube, SummaryCubes } from "../../../server/src/analytics/summary-cube";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import type { Store, StoredResponse } from "../../../server/src/store/store.port";
import { syntheticCensusAnswers, syntheticResponse } from "../../support/synthetic-census";
import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { SHIPPED_SURVEYS_DIR, testApp } from "../../support/test-app";

const OLD_VERSION = "0ld0000000000000";
const census = loadQuestionnaires(SHIPPED_SURVEYS_DIR).find("census-lebanon")!;
// An older version without one question, kept in the store as the server keeps replaced versions.
const old = structuredClone(census.definition) as { pages: { elements: { name?: string }[] }[] };
old.pages[0]!.elements = old.pages[0]!.elements.filter((element) => element.name !== "staff_count");

let dataDir: string;
let store: Store;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-fold-deltas-"));
  store = openEmbeddedStore({ dataDir });
  await store.questionnaireVersions.save({ version: OLD_VERSION, surveyId: census.id, definition: old as JsonObject, firstSeenAt: new Date() });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// Responses as a store holds them after a while: most saved with their encoding, some saved
// before encodings were kept, some encoded against a shape the fold no longer reads the
// version with (as after a change of the shape reader), of both versions.
function mixedResponses(count: number): StoredResponse[] {
  const next = syntheticCensusAnswers(census.definition, 11);
  const staleShape = { ...readQuestionnaireShape(census.definition), breakdownFields: ["governorate"] };
  return Array.from({ length: count }, (_, index) => {
    const version = index % 4 === 0 ? OLD_VERSION : census.version;
    const response = syntheticResponse({ surveyId: census.id, version, answers: next(), at: new Date(Date.UTC(2026, 5, 1 + (index % 20))) });
    const definition = version === OLD_VERSION ? (old as JsonObject) : census.definition;
    switch (index % 5) {
      case 0:
        return response;
      case 1:
        return { ...response, foldDelta: encodeDelta(version, staleShape, response.answers) };
      default:
        return { ...response, foldDelta: foldDeltaOf({ version, definition }, response.answers) };
    }
  });
}

// The fold of every response from its answers, as before encodings were kept.
async function foldOfAnswers(filter: { surveyId: string; status: "submitted" }) {
  const shapes = new QuestionnaireShapes(store);
  const fold = new CompiledFold();
  for await (const response of store.responses.stream(filter))
    fold.add({ answers: response.answers, shape: await shapes.forVersion(census, response.version) });
  return fold.summary();
}

describe("a fold from scratch over stored encodings", () => {
  it("gives exactly the summary of the fold over the answers, whichever responses have a readable encoding", async () => {
    const responses = mixedResponses(640);
    await store.responses.insertMany(responses);
    const filter = { surveyId: census.id, status: "submitted" as const };
    const folded = await foldResponses(store, new QuestionnaireShapes(store), census, filter);
    expect(folded.groups["*"]?.respondents).toBe(640);
    expect(folded).toEqual(await foldOfAnswers(filter));
  });

  it("reads the encodings of the responses it folds and the answers of the others", async () => {
    const responses = mixedResponses(20);
    await store.responses.insertMany(responses);
    const shapes = new QuestionnaireShapes(store);
    const deltaStamps = await readableDeltaStamps(store, shapes, census);
    const read: ("delta" | "answers")[] = [];
    for await (const page of store.responses.streamAnswerPages({ surveyId: census.id }, { deltaStamps })) {
      for (const row of page) read.push(row.delta ? "delta" : "answers");
    }
    expect(read).toEqual(responses.map((_, index) => (index % 5 < 2 ? "answers" : "delta")));
  });
});

describe("the summary cube built over stored encodings", () => {
  it("holds the figures of the cube built from the answers alone", async () => {
    const responses = mixedResponses(300);
    await store.responses.insertMany(responses);
    const cubeOf = async () =>
      mergeCube(
        await buildCube({ store, shapes: new QuestionnaireShapes(store), cubes: new SummaryCubes() }, census, await store.responses.changeSequence(census.id)),
        {},
        new QuestionnaireShapes(store).current(census),
      );
    const withEncodings = await cubeOf();
    // The same responses saved again without encodings (an update writes none when given none).
    for (const response of responses) await store.responses.update(response.id, 1, { ...response, foldDelta: undefined });
    expect(await cubeOf()).toEqual(withEncodings);
    expect(withEncodings.groups["*"]?.respondents).toBe(300);
  });
});

describe("encoding the responses saved before encodings were kept", () => {
  it("encodes every response without a readable encoding, once, and the fold then reads them all", async () => {
    const responses = mixedResponses(700);
    await store.responses.insertMany(responses);
    const shapes = new QuestionnaireShapes(store);
    const filter = { surveyId: census.id, status: "submitted" as const };
    const before = await foldOfAnswers(filter);
    // Those saved with none, or encoded against another shape: two in five.
    expect(await encodeStoredResponses(store, shapes, census)).toBe(280);
    expect(await encodeStoredResponses(store, shapes, census)).toBe(0);
    const deltaStamps = await readableDeltaStamps(store, shapes, census);
    let answered = 0;
    for await (const page of store.responses.streamAnswerPages(filter, { deltaStamps })) answered += page.filter((row) => !row.delta).length;
    expect(answered).toBe(0);
    expect(await foldResponses(store, shapes, census, filter)).toEqual(before);
  });
});

describe("responses saved through the API", () => {
  it("are stored with an encoding the fold reads, re-encoded with every correction", async () => {
    const { app, store: appStore, questionnaires } = testApp();
    const mini = questionnaires.get("mini");
    const created = (await request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "submitted", locale: "fr" }).expect(201))
      .body;
    await request(app)
      .put(`/api/responses/${created.id}`)
      .set("Authorization", `Bearer ${created.resumeToken}`)
      .send({ answers: miniAnswers({ population: 210000 }), status: "submitted", locale: "fr" })
      .expect(200);
    const shapes = new QuestionnaireShapes(appStore);
    const deltaStamps = await readableDeltaStamps(appStore, shapes, mini);
    const stored = (await appStore.responses.findById(created.id)) as StoredResponse;
    expect(stored.foldDelta?.stamp).toBe(deltaStamps.get(mini.version));
    const filter = { surveyId: "mini", status: "submitted" as const };
    const fromAnswers = new CompiledFold();
    fromAnswers.add({ answers: stored.answers, shape: await shapes.forVersion(mini, stored.version) });
    expect(await foldResponses(appStore, shapes, mini, filter)).toEqual(fromAnswers.summary());
    await appStore.close();
  });
});
