/**
 * Analytics benchmark: loads N synthetic census submissions (two questionnaire versions) into
 * an embedded store and prints how long the statistics take, beside a naive per-question
 * recompute (one read of every response per question, as SurveyJS's reference analytics does).
 * Run with `npm run bench:analytics`; sizes with BENCH_SIZES=10000,100000.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  addAnswer,
  createAccumulator,
  readQuestionnaireShape,
  type Accumulator,
  type JsonObject,
} from "@passerelle/shared";
import type { AnalyticsDeps } from "../../server/src/analytics/analytics.service";
import type { CachedSummary } from "../../server/src/analytics/fold-job";
import { createParallelFold } from "../../server/src/analytics/parallel-fold";
import { getThemes, summarise } from "../../server/src/analytics/analytics.service";
import { QuestionnaireShapes } from "../../server/src/analytics/questionnaire-shapes";
import { StampedCache } from "../../server/src/analytics/summary-cache";
import { SummaryCubes } from "../../server/src/analytics/summary-cube";
import type { DailyCounts } from "../../server/src/analytics/tracking";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { AnswerValidator } from "../../server/src/responses/answer-validator";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import type { StoredResponse } from "../../server/src/store/store.port";
import { syntheticCensusAnswers, syntheticResponse } from "../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR } from "../support/test-app";
import { measurePeakRss, printTable, time } from "./bench-tools";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const OLD_VERSION = "0ld0000000000000";
const WORKER_SCRIPT = path.join(__dirname, "../../server/dist/analytics/fold.worker.js");

async function run(size: number): Promise<Record<string, string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-bench-"));
  const store = openEmbeddedStore({ dataDir });
  const questionnaires = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
  const census = questionnaires.find("census-lebanon")!;
  // An earlier version of the census, without the "digital services" theme.
  const old = structuredClone(census.definition) as JsonObject;
  await store.questionnaireVersions.save({ version: OLD_VERSION, surveyId: census.id, definition: old, firstSeenAt: new Date() });

  const nextAnswers = syntheticCensusAnswers(census.definition, size);
  const validator = new AnswerValidator(census.definition);
  const start = Date.UTC(2026, 5, 1);
  const batch: StoredResponse[] = [];
  for (let index = 0; index < size; index += 1) {
    const answers = nextAnswers();
    if (index < 50) {
      const problems = validator.validate({ answers, status: "submitted", locale: "fr" });
      if (problems.length > 0) throw new Error(`synthetic answers are invalid: ${JSON.stringify(problems)}`);
    }
    const at = new Date(start + Math.floor((index / size) * 60) * 86_400_000);
    batch.push(syntheticResponse({ surveyId: census.id, version: index % 3 === 0 ? OLD_VERSION : census.version, answers, at }));
    if (batch.length === 5000) await store.responses.insertMany(batch.splice(0));
  }
  await store.responses.insertMany(batch.splice(0));

  const deps = (): AnalyticsDeps => ({
    store,
    questionnaires,
    shapes: new QuestionnaireShapes(store),
    summaries: new StampedCache<CachedSummary>(),
    inFlight: new Map(),
    cubes: new SummaryCubes(),
    tracking: new StampedCache<DailyCounts>(),
    releasePlans: new StampedCache(),
    minGroupSize: 3,
  });
  const filter = { surveyId: census.id, status: "submitted" as const };

  const { ms: scratchMs, peakRssMb } = await measurePeakRss(() => time(() => summarise(deps(), census, filter)));
  const parallelFold = createParallelFold({ store: { dataDir, mongodbUri: undefined }, workerScript: WORKER_SCRIPT });
  if (!parallelFold) throw new Error(`${WORKER_SCRIPT} is missing: build the server first (npm run build)`);
  // The first call also starts the worker threads; the server keeps them, so time the second.
  await summarise({ ...deps(), parallelFold }, census, filter);
  const { ms: parallelMs } = await time(() => summarise({ ...deps(), parallelFold }, census, filter));
  const warm = deps();
  const { ms: firstThemesMs } = await time(() => getThemes(warm, { surveyId: census.id, query: {}, disclosure: "exact" }));
  const cachedMs = await medianOf(20, () => getThemes(warm, { surveyId: census.id, query: {}, disclosure: "exact" }));
  const filteredMs = (await time(() => getThemes(deps(), { surveyId: census.id, query: { governorate: "north" }, disclosure: "exact" }))).ms;
  const afterNewAnswerMs = await medianOf(5, async () => {
    await store.responses.insert(syntheticResponse({ surveyId: census.id, version: census.version, answers: nextAnswers(), at: new Date(Date.now() + 1) }));
    return getThemes(warm, { surveyId: census.id, query: {}, disclosure: "exact" });
  });

  // The naive way reads every response once per question; at large sizes a sample of questions
  // is timed and the total extrapolated, to keep the run short.
  const shape = readQuestionnaireShape(census.definition);
  const sample = size > 20_000 ? shape.questions.slice(0, 10) : shape.questions;
  const { ms: sampleMs } = await time(async () => {
    for (const question of sample) {
      const acc: Accumulator = createAccumulator(question);
      for await (const response of store.responses.stream(filter)) addAnswer(acc, question, response.answers[question.name]);
    }
  });

  const naiveMs = (sampleMs / sample.length) * shape.questions.length;
  const naiveLabel = sample.length === shape.questions.length ? "" : `, extrapolated from ${sample.length}`;

  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return {
    responses: size.toLocaleString("en"),
    "full summary from scratch, one thread": `${scratchMs.toFixed(0)} ms`,
    [`full summary from scratch, ${os.availableParallelism()} worker threads (started)`]: `${parallelMs.toFixed(0)} ms`,
    "themes API, first load": `${firstThemesMs.toFixed(0)} ms`,
    "themes API, cached (median of 20)": `${cachedMs.toFixed(1)} ms`,
    "themes API after a new answer (median of 5)": `${afterNewAnswerMs.toFixed(1)} ms`,
    "themes API, one governorate, from scratch": `${filteredMs.toFixed(0)} ms`,
    [`naive per-question recompute (${shape.questions.length} reads)`]: `${naiveMs.toFixed(0)} ms${naiveLabel}`,
    "peak RSS during the fold": `${peakRssMb.toFixed(0)} MB`,
  };
}


async function medianOf(runs: number, action: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) times.push((await time(action)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? 0;
}

async function main(): Promise<void> {
  const rows: Record<string, string>[] = [];
  for (const size of SIZES) rows.push(await run(size));
  printTable("Analytics on the embedded store", rows);
}

void main();
