/**
 * Analytics benchmark: loads N synthetic census submissions (two questionnaire versions) into
 * an embedded store and prints how long the statistics take: the dashboard answered by the
 * summary cube (cold, warm, after a new answer), and the fold from scratch that free periods
 * still take, beside DuckDB computing the theme figures of the same responses in the same run.
 * Each target is printed beside its yardstick and their ratio. Run with `npm run
 * bench:analytics`; sizes with BENCH_SIZES=10000,100000,1000000 (responses are written 5,000
 * to a transaction, so a million loads in minutes).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  ALL_RESPONDENTS,
  CompiledFold,
  computeThemeFigures,
  readQuestionnaireShape,
  type JsonObject,
  type QuestionnaireShape,
  type Summary,
} from "@passerelle/shared";
import type { AnalyticsDeps } from "../../server/src/analytics/analytics.service";
import { createAnalyticsDeps } from "../../server/src/analytics/analytics-deps";
import { foldDeltaOf, readableDeltaStamps } from "../../server/src/analytics/fold-deltas";
import { foldResponses, type FoldQuestionnaire } from "../../server/src/analytics/fold-job";
import { createParallelFold } from "../../server/src/analytics/parallel-fold";
import { getOverview, getQuestion, getThemes } from "../../server/src/analytics/analytics.service";
import { getCrossTab } from "../../server/src/analytics/cross-tab.service";
import { QuestionnaireShapes } from "../../server/src/analytics/questionnaire-shapes";
import { currentCube } from "../../server/src/analytics/summary-cube";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { AnswerValidator } from "../../server/src/responses/answer-validator";
import Database from "better-sqlite3";
import { EMBEDDED_FILE_NAME, openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import type { ResponseFilter, StoredResponse } from "../../server/src/store/store.port";
import { syntheticCensusAnswers, syntheticResponse } from "../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR } from "../support/test-app";
import { measurePeakRss, printTable, time } from "./bench-tools";
import { measureDuckDb } from "./duckdb-yardstick";

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
  let firstId = "";
  const loadStart = process.hrtime.bigint();
  for (let index = 0; index < size; index += 1) {
    const answers = nextAnswers();
    if (index < 50) {
      const problems = validator.validate({ answers, status: "submitted", locale: "fr" });
      if (problems.length > 0) throw new Error(`synthetic answers are invalid: ${JSON.stringify(problems)}`);
    }
    const at = new Date(start + Math.floor((index / size) * 60) * 86_400_000);
    // Encoded as the server encodes every response it saves.
    const version = index % 3 === 0 ? OLD_VERSION : census.version;
    batch.push(encoded(syntheticResponse({ surveyId: census.id, version, answers, at }), version === OLD_VERSION ? old : census.definition));
    if (index === 1) firstId = (batch[1] as StoredResponse).id;
    if (batch.length === 5000) await store.responses.insertMany(batch.splice(0));
  }
  await store.responses.insertMany(batch.splice(0));
  const loadS = Number(process.hrtime.bigint() - loadStart) / 1e9;
  const newAnswer = (day: number) =>
    encoded(
      syntheticResponse({ surveyId: census.id, version: census.version, answers: nextAnswers(), at: new Date(start + day * 86_400_000) }),
      census.definition,
    );

  // A server just started: nothing held in memory.
  const freshDeps = (): AnalyticsDeps => createAnalyticsDeps({ store, questionnaires, minGroupSize: 3 });
  // Every fold from scratch reads as of one point of the change sequence, as the server's do.
  const asOfNow = async (): Promise<ResponseFilter> => ({
    surveyId: census.id,
    status: "submitted",
    changes: { upTo: await store.responses.changeSequence(census.id) },
  });
  const filter = await asOfNow();
  const themes = (deps: AnalyticsDeps, query: Record<string, string>) => getThemes(deps, { surveyId: census.id, query, disclosure: "exact" });

  // The floor of any path that reads every response: the rows alone, then with their answers parsed.
  const shapes = new QuestionnaireShapes(store);
  const censusShape = readQuestionnaireShape(census.definition);
  const reading = measureReading(path.join(dataDir, EMBEDDED_FILE_NAME), census.id, censusShape);
  const { readMs, parseMs } = reading;

  // What a filter the cube cannot answer (a free period) still costs: a fold of every response.
  // Each fold from scratch timed three times, the median kept: the runs are short enough for
  // a moment's load on the machine to weigh.
  const { peakRssMb } = await measurePeakRss(() => time(() => foldResponses(store, shapes, census, filter)));
  // Each timed up to the theme figures DuckDB's query gives (see themeFiguresOf).
  const scratchMs = await medianOf(3, async () => themeFiguresOf(await foldResponses(store, shapes, census, filter), censusShape));
  // The same fold from the answers' JSON alone, as before the encodings: the path a response
  // saved before them, or under another fold code, still takes.
  const jsonScratchMs = await medianOf(3, async () => themeFiguresOf(await foldFromAnswers(store, shapes, census, filter), censusShape));
  const deltas = await measureDeltaReading(store, await readableDeltaStamps(store, shapes, census), filter);
  // A loaded machine may take longer than the server's watchdog allows: the benchmark waits.
  const parallelFold = createParallelFold({ store: { dataDir, mongodbUri: undefined }, workerScript: WORKER_SCRIPT, hungAfterMs: 30 * 60_000 });
  if (!parallelFold) throw new Error(`${WORKER_SCRIPT} is missing: build the server first (npm run build)`);
  // The first call also starts the worker threads; the server keeps them, so time the second.
  await parallelFold(census, filter, store.responses);
  const parallelMs = await medianOf(3, async () => themeFiguresOf(await parallelFold(census, filter, store.responses), censusShape));
  const duckDb = await measureDuckDb(
    store,
    census.id,
    readQuestionnaireShape(census.definition).questions.find((q) => q.name === "priority_themes")?.maxRanked ?? 5,
  );
  const ourFigures = themeFiguresOf(await foldResponses(store, shapes, census, filter), censusShape);
  if (ourFigures !== duckDb.figures) throw new Error(`the fold gives ${ourFigures} theme figures where DuckDB gives ${duckDb.figures}`);
  // The yardstick of a dashboard filter: the fold of the responses it picks, as before the cube.
  const { ms: filteredScratchMs } = await time(async () =>
    themeFiguresOf(await foldResponses(store, shapes, census, { ...filter, breakdown: { governorate: "north" } }), censusShape),
  );

  // The cube: built once (no cube in the store yet), then loaded by every server that starts.
  const { ms: buildMs } = await time(() => currentCube(freshDeps(), census));
  const coldMs: number[] = [];
  for (const query of DASHBOARD_FILTERS) coldMs.push((await time(() => themes(freshDeps(), query))).ms);
  const coldQuestionMs = (
    await time(() => getQuestion(freshDeps(), { surveyId: census.id, questionName: "population", query: {}, includePersonal: false, disclosure: "exact" }))
  ).ms;
  const warm = freshDeps();
  await themes(warm, {});
  const warmMs: number[] = [];
  for (const query of DASHBOARD_FILTERS.slice(1)) warmMs.push((await time(() => themes(warm, query))).ms);
  const cachedMs = await medianOf(20, () => themes(warm, {}));
  // The write of an answer itself (one durable commit), the yardstick of what follows it.
  const writeMs = await medianOf(5, () => store.responses.insert(newAnswer(6)));
  await themes(warm, {});
  const afterNewAnswerMs = await medianOfTimed(5, async () => {
    await store.responses.insert(newAnswer(5));
    return (await time(() => themes(warm, {}))).ms;
  });
  const afterMoveMs = await medianOfTimed(3, async () => {
    const current = (await store.responses.findById(firstId)) as StoredResponse;
    const governorate = current.answers.governorate === "north" ? "south" : "north";
    const answers = { ...current.answers, governorate };
    await store.responses.update(current.id, current.revision, {
      ...current,
      answers,
      breakdown: { ...current.breakdown, governorate },
      updatedAt: new Date(),
      foldDelta: foldDeltaOf(census, answers),
    });
    return (await time(() => themes(warm, {}))).ms;
  });
  const overviewMs = (await time(() => getOverview(freshDeps(), { surveyId: census.id, query: {}, disclosure: "exact" }))).ms;
  // The dashboard as it opens for an analyst: its overview, its themes and its default
  // cross-table (the first breakdown field against the first other choice question) at once.
  const crossAxes = {
    rows: census.breakdownFields[0] as string,
    columns: censusShape.questions.find((q) => ["single", "multi", "ranking", "boolean"].includes(q.kind) && !census.breakdownFields.includes(q.name))
      ?.name as string,
  };
  const crossTab = (deps: AnalyticsDeps) => getCrossTab(deps, { surveyId: census.id, query: crossAxes, disclosure: "exact" });
  const crossTabColdMs = (await time(() => crossTab(freshDeps()))).ms;
  // Each opening as in a server just started (the cube read from the store), five times, the
  // median kept: one opening is short enough for a collection of the benchmark's own heap to
  // double it.
  const openings: number[] = [];
  const dashboardOpensMs = await medianOfTimed(5, async () => {
    const openingDeps = freshDeps();
    const ms = (
      await time(() =>
        Promise.all([getOverview(openingDeps, { surveyId: census.id, query: {}, disclosure: "exact" }), themes(openingDeps, {}), crossTab(openingDeps)]),
      )
    ).ms;
    openings.push(ms);
    return ms;
  });
  const viewerOverviewMs = (await time(() => getOverview(freshDeps(), { surveyId: census.id, query: {}, disclosure: "controlled" }))).ms;
  const cells = (await currentCube(warm, census)).cells.size;
  // Last, since it rewrites every row: the worker threads folding the answers' JSON, as before.
  clearEncodings(path.join(dataDir, EMBEDDED_FILE_NAME));
  const laterFilter = await asOfNow();
  await parallelFold(census, laterFilter, store.responses);
  const parallelJsonMs = await medianOf(3, async () => themeFiguresOf(await parallelFold(census, laterFilter, store.responses), censusShape));
  await parallelFold.close();

  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const slowestCold = Math.max(...coldMs);
  const slowestWarm = Math.max(...warmMs);
  const scratchBestMs = Math.min(scratchMs, parallelMs);
  return {
    responses: `${size.toLocaleString("en")} (loaded in ${loadS.toFixed(0)} s)`,
    "reading every response: rows, then rows + JSON.parse (floor of any path that reads them)": `${readMs.toFixed(0)} ms, ${parseMs.toFixed(0)} ms`,
    "from scratch, one thread, from the answers' JSON (before)": `${jsonScratchMs.toFixed(0)} ms (reading ${share(readMs, jsonScratchMs)}, parsing ${share(parseMs - readMs, jsonScratchMs)}, folding the rest)`,
    "from scratch, one thread, from the encoded deltas": `${scratchMs.toFixed(0)} ms (${ratio(scratchMs, jsonScratchMs)} the JSON fold; reading the deltas' pages alone ${deltas.readMs.toFixed(0)} ms, ${deltas.bytes.toFixed(0)} bytes a response)`,
    "parsing one response's answers: whole, then only the part the fold reads (a cheaper stored form)": `${reading.wholeUs.toFixed(1)} µs (${reading.wholeBytes.toFixed(0)} chars), ${reading.partUs.toFixed(1)} µs (${reading.partBytes.toFixed(0)} chars)`,
    [`from scratch, ${os.availableParallelism()} worker threads (started), from the encoded deltas, then from the answers' JSON`]: `${parallelMs.toFixed(0)} ms, ${parallelJsonMs.toFixed(0)} ms`,
    "DuckDB theme figures on its loaded table (yardstick)": `${duckDb.queryMs.toFixed(0)} ms (${duckDb.figures} rows; loading ${duckDb.loadMs.toFixed(0)} ms)`,
    "from scratch ÷ DuckDB (target ≤ 5)": ratio(scratchBestMs, duckDb.queryMs),
    "cube built from scratch (once)": `${buildMs.toFixed(0)} ms, ${cells} cells`,
    "one governorate folded from scratch (yardstick)": `${filteredScratchMs.toFixed(0)} ms`,
    "dashboard themes, cold, slowest of 4 filters (target ≤ 100 ms)": `${slowestCold.toFixed(0)} ms (${ratio(slowestCold, filteredScratchMs)} the yardstick)`,
    "dashboard themes, warm, slowest of 3 new filters": `${slowestWarm.toFixed(1)} ms (${ratio(slowestWarm, filteredScratchMs)} the yardstick)`,
    "dashboard themes, cached (median of 20)": `${cachedMs.toFixed(1)} ms`,
    "writing one answer (yardstick, median of 5)": `${writeMs.toFixed(1)} ms`,
    "dashboard themes after a new answer (median of 5, target ≤ 20 ms)": `${afterNewAnswerMs.toFixed(1)} ms (${ratio(afterNewAnswerMs, writeMs)} the write)`,
    "after an edit moving an authority between governorates (median of 3)": `${afterMoveMs.toFixed(1)} ms (${ratio(afterMoveMs, writeMs)} the write)`,
    "numeric question (population, medians), cold": `${coldQuestionMs.toFixed(0)} ms (${ratio(coldQuestionMs, filteredScratchMs)} the yardstick)`,
    "overview with daily tracking and drafts, cold": `${overviewMs.toFixed(0)} ms (${ratio(overviewMs, parseMs)} reading every response)`,
    [`default cross-table (${crossAxes.rows} × ${crossAxes.columns}), cold`]: `${crossTabColdMs.toFixed(0)} ms (${ratio(crossTabColdMs, parseMs)} reading every response)`,
    "dashboard opening, cold: overview, themes and cross-table at once, median of 5 (target ≤ 100 ms)": `${dashboardOpensMs.toFixed(0)} ms (${ratio(dashboardOpensMs, parseMs)} reading every response; slowest ${Math.max(...openings).toFixed(0)} ms)`,
    "viewers' overview (release plan), cold": `${viewerOverviewMs.toFixed(0)} ms (${ratio(viewerOverviewMs, parseMs)} reading every response)`,
    "peak RSS during the fold": `${peakRssMb.toFixed(0)} MB`,
  };
}

function ratio(figure: number, yardstick: number): string {
  return `${(figure / yardstick).toFixed(figure / yardstick < 0.1 ? 3 : 1)}×`;
}

function share(part: number, whole: number): string {
  return `${Math.round((100 * part) / whole)} %`;
}

/**
 * The answers read straight out of the SQLite file, as text, then parsed: how much of a fold
 * from scratch any form of the rows must pay. Then, on a sample, parsing the whole answers
 * against parsing only the part the fold reads (its questions' answers, as a cheaper stored
 * form would hold them): whether such a form would pay.
 */
function measureReading(file: string, surveyId: string, shape: QuestionnaireShape): Reading {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare<[string], { answers: string }>("SELECT answers FROM responses WHERE survey_id = ? AND status = 'submitted'");
    const timed = (action: (answers: string) => void) => {
      const begin = process.hrtime.bigint();
      for (const row of rows.iterate(surveyId)) action(row.answers);
      return Number(process.hrtime.bigint() - begin) / 1e6;
    };
    let length = 0;
    const readMs = timed((answers) => (length += answers.length));
    const parseMs = timed((answers) => (length += Object.keys(JSON.parse(answers) as object).length));
    const whole = db.prepare<[string], { answers: string }>("SELECT answers FROM responses WHERE survey_id = ? LIMIT 50000").all(surveyId);
    const texts = whole.map((row) => row.answers);
    const parts = texts.map((text) => JSON.stringify(analyticPartOf(JSON.parse(text) as Record<string, unknown>, shape)));
    const perResponse = (sample: string[]) => {
      const begin = process.hrtime.bigint();
      for (const text of sample) length += Object.keys(JSON.parse(text) as object).length;
      return Number(process.hrtime.bigint() - begin) / 1e3 / sample.length;
    };
    // The length read keeps the reads from being optimised away.
    if (length < 0) throw new Error("unreachable");
    const bytes = (sample: string[]) => sample.reduce((total, text) => total + text.length, 0) / sample.length;
    // Each timed twice, in turns, the second kept: the first pays for warming up.
    perResponse(texts);
    perResponse(parts);
    return { readMs, parseMs, wholeUs: perResponse(texts), partUs: perResponse(parts), wholeBytes: bytes(texts), partBytes: bytes(parts) };
  } finally {
    db.close();
  }
}

// What the fold reads of the answers: its questions' values, a free text only as answered.
function analyticPartOf(answers: Record<string, unknown>, shape: QuestionnaireShape): Record<string, unknown> {
  const part: Record<string, unknown> = {};
  for (const question of shape.questions) {
    const value = answers[question.name];
    if (value !== undefined) part[question.name] = question.kind === "text" ? 1 : value;
  }
  return part;
}

// The fold from scratch as it ran before the encodings: every response's answers parsed.
/**
 * The figures DuckDB's yardstick query computes, from a fold's summary: every theme's (cited,
 * Borda score, first places, mean rank) overall and per governorate. A fold's groups are added
 * up when first read, so a fold from scratch is timed up to these figures, as DuckDB's is.
 */
function themeFiguresOf(summary: Summary, shape: QuestionnaireShape): number {
  const governorate = `${shape.breakdownFields[0]}=`;
  let figures = 0;
  for (const [key, group] of Object.entries(summary.groups)) {
    if (key === ALL_RESPONDENTS || key.startsWith(governorate)) figures += computeThemeFigures(group, shape).length;
  }
  return figures;
}

async function foldFromAnswers(
  store: AnalyticsDeps["store"],
  shapes: QuestionnaireShapes,
  questionnaire: FoldQuestionnaire,
  filter: ResponseFilter,
): Promise<Summary> {
  const fold = new CompiledFold();
  for await (const page of store.responses.streamAnswerPages(filter)) {
    for (const response of page)
      fold.add({ answers: response.answers as Record<string, unknown>, shape: await shapes.forVersion(questionnaire, response.version) });
  }
  return fold.summary();
}

// The encoded deltas' pages read as the fold reads them, nothing folded: its floor (median of 3).
async function measureDeltaReading(
  store: AnalyticsDeps["store"],
  deltaStamps: ReadonlyMap<string, string>,
  filter: ResponseFilter,
): Promise<{ readMs: number; bytes: number }> {
  let bytes = 0;
  let count = 0;
  const readMs = await medianOf(3, async () => {
    bytes = 0;
    count = 0;
    for await (const page of store.responses.streamAnswerPages(filter, { deltaStamps })) {
      for (const response of page) bytes += response.delta?.length ?? 0;
      count += page.length;
    }
  });
  return { readMs, bytes: bytes / Math.max(1, count) };
}

// Every encoding removed (as a fold-code change leaves them all unreadable), the file checkpointed.
function clearEncodings(file: string): void {
  const db = new Database(file);
  try {
    db.exec("DELETE FROM response_fold_deltas");
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

// A response as the server saves it: with the encoded delta of its answers.
function encoded(response: StoredResponse, definition: JsonObject): StoredResponse {
  return { ...response, foldDelta: foldDeltaOf({ version: response.version, definition }, response.answers) };
}

interface Reading {
  readMs: number;
  /** Reading and parsing. */
  parseMs: number;
  /** Parsing one response's whole answers, and only the part the fold reads, in µs (sample). */
  wholeUs: number;
  partUs: number;
  /** Their mean lengths in characters. */
  wholeBytes: number;
  partBytes: number;
}

// Filters over breakdowns and whole months, the everyday dashboard's.
const DASHBOARD_FILTERS: Record<string, string>[] = [
  {},
  { governorate: "north" },
  { district: "tripoli", from: "2026-06-01", to: "2026-06-30" },
  { authority_kind: "municipality", cooperation_intent: "both", from: "2026-06-01", to: "2026-07-31" },
];

async function medianOf(runs: number, action: () => Promise<unknown>): Promise<number> {
  return medianOfTimed(runs, async () => (await time(action)).ms);
}

// The median of the times the action measures itself: what it does before the part it times
// (a write before the dashboard read) is left out.
async function medianOfTimed(runs: number, action: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < runs; index += 1) times.push(await action());
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? 0;
}

async function main(): Promise<void> {
  const rows: Record<string, string>[] = [];
  for (const size of SIZES) {
    rows.push(await run(size));
    // Each size as it ends: a long run shows its first rows early.
    console.log(JSON.stringify(rows.at(-1)));
  }
  printTable("Analytics on the embedded store", rows);
}

void main();
