/**
 * Ingest benchmark: the built server, started as its own process on a fresh embedded store,
 * receives validated census submissions from autocannon over loopback for a fixed time, beside
 * a trivial JSON echo route on the same server (the framework's ceiling: same middleware and body
 * parsing, no work). Also times the validation of one submission in this process, on a reused
 * model, beside the cost of building one, and the worker pool's own cost: the same submissions
 * validated through the pool, 16 at a time, beside the same validations in this thread. Run with
 * `npm run bench:ingest` (it builds the server); the measured time with BENCH_INGEST_SECONDS
 * (default 10), the connections with BENCH_CONNECTIONS (default 16).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Model } from "survey-core";
import { registerCustomProperties, type JsonObject, type Locale, type SaveResponse } from "@passerelle/shared";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { AnswerValidator } from "../../server/src/responses/answer-validator";
import { createValidationPool } from "../../server/src/responses/validation-pool";
import { startServer } from "../support/server-process";
import { syntheticCensusAnswers } from "../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR } from "../support/test-app";
import { printTable } from "./bench-tools";

const SECONDS = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const WARM_UP_SECONDS = 2;
const DISTINCT_BODIES = 1000;
const LOCALES: readonly Locale[] = ["ar", "fr", "en"];
const CENSUS_PATH = "/api/surveys/census-lebanon/responses";

/** Distinct valid census submissions in the three languages, each checked before use. */
function censusSubmissions(): { bodies: SaveResponse[]; validator: AnswerValidator; definition: JsonObject } {
  const census = loadQuestionnaires(SHIPPED_SURVEYS_DIR).find("census-lebanon")!;
  const validator = new AnswerValidator(census.definition);
  const next = syntheticCensusAnswers(census.definition, 2026);
  const bodies = Array.from({ length: DISTINCT_BODIES }, (_, index): SaveResponse => {
    const body: SaveResponse = { answers: next(), status: "submitted", locale: LOCALES[index % LOCALES.length]! };
    const problems = validator.validate(body);
    if (problems.length > 0) throw new Error(`synthetic answers are invalid: ${JSON.stringify(problems)}`);
    return body;
  });
  return { bodies, validator, definition: census.definition };
}

/**
 * Milliseconds per validation of a submission, after a warm-up: the median of 5 rounds, in wall
 * time and in this process's CPU time (user and system), which other processes on a shared
 * machine inflate far less.
 */
function timeValidation(validator: AnswerValidator, bodies: SaveResponse[]): { wallMs: number; cpuMs: number } {
  for (const body of bodies.slice(0, 200)) validator.validate(body);
  const rounds = Array.from({ length: 5 }, () => {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for (const body of bodies) validator.validate(body);
    const cpu = process.cpuUsage(cpuStart);
    return { wallMs: Number(process.hrtime.bigint() - start) / 1e6 / bodies.length, cpuMs: (cpu.user + cpu.system) / 1000 / bodies.length };
  });
  const median = (values: number[]) => values.sort((a, b) => a - b)[2]!;
  return { wallMs: median(rounds.map((round) => round.wallMs)), cpuMs: median(rounds.map((round) => round.cpuMs)) };
}

/** Milliseconds to build the census's survey-core model: what a fresh model per submission would add. */
function timeModelBuild(definition: JsonObject): number {
  registerCustomProperties();
  const rounds = Array.from({ length: 7 }, () => {
    const start = process.hrtime.bigint();
    new Model(definition);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
  return rounds.sort((a, b) => a - b)[3]!;
}

// The compiled worker script, which `npm run bench:ingest` builds first.
const VALIDATION_WORKER = path.join(__dirname, "../../server/dist/responses/validation.worker.js");
const POOL_ROUNDS = 5;

/**
 * Census submissions per second validated through `check` with 16 in flight, as the server's
 * requests would be: the median of a few rounds of all the bodies, after a warm-up round.
 */
async function validationsPerSecond(check: (body: SaveResponse) => Promise<unknown>, bodies: SaveResponse[]): Promise<number> {
  const round = async () => {
    let next = 0;
    const start = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < bodies.length) await check(bodies[(next += 1) - 1]!);
      }),
    );
    return bodies.length / (Number(process.hrtime.bigint() - start) / 1e9);
  };
  await round();
  const rates: number[] = [];
  for (let index = 0; index < POOL_ROUNDS; index += 1) rates.push(await round());
  return rates.sort((a, b) => a - b)[Math.floor(POOL_ROUNDS / 2)]!;
}

/** The worker pool alone, without HTTP: validations per second through it, beside this thread's. */
async function timePool(definition: JsonObject, bodies: SaveResponse[]): Promise<Record<string, string>[]> {
  const questionnaire = { version: "bench", definition };
  const validator = new AnswerValidator(definition);
  const inThread = await validationsPerSecond(async (body) => validator.check(body), bodies);
  const rows = [{ path: "in this thread (yardstick)", "validations/s": inThread.toFixed(0), ratio: "1.00" }];
  for (const workers of [1, os.availableParallelism()]) {
    const pool = createValidationPool({ workers, workerScript: VALIDATION_WORKER });
    if (!pool) throw new Error(`${VALIDATION_WORKER} is missing: build the server first`);
    try {
      const rate = await validationsPerSecond((body) => pool.check(questionnaire, body), bodies);
      rows.push({ path: `worker pool, ${workers} thread${workers > 1 ? "s" : ""}`, "validations/s": rate.toFixed(0), ratio: (rate / inThread).toFixed(2) });
    } finally {
      await pool.close();
    }
  }
  return rows;
}

/** POSTs the bodies in turn, every connection cycling through them from its own offset. */
async function load(url: string, bodies: string[], seconds: number): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    method: "POST",
    headers: { "Content-Type": "application/json" },
    requests: [{ setupRequest: (request) => ({ ...request, body: bodies[(next += 1) % bodies.length]! }) }],
  });
}

async function measure(route: string, url: string, bodies: string[]): Promise<Record<string, string>> {
  await load(url, bodies, WARM_UP_SECONDS);
  const result = await load(url, bodies, SECONDS);
  return {
    route,
    "requests/s": (result["2xx"] / result.duration).toFixed(0),
    "latency p50": `${result.latency.p50.toFixed(1)} ms`,
    "latency p99": `${result.latency.p99.toFixed(1)} ms`,
    "non-2xx": String(result.non2xx),
    "errors and timeouts": String(result.errors + result.timeouts),
  };
}

/** Runs the built server on a fresh data folder, with the echo route, for the time of `action`. */
async function withServer(env: Record<string, string>, action: (url: string) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-ingest-bench-"));
  // One address sends every request: the per-address creation limit would stop the load test.
  const server = await startServer({ DATA_DIR: dataDir, SURVEYS_DIR: SHIPPED_SURVEYS_DIR, BENCH_ECHO_ROUTE: "1", RATE_LIMIT_RESPONSES: "0", ...env });
  try {
    await action(server.url);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { bodies, validator, definition } = censusSubmissions();
  const json = bodies.map((body) => JSON.stringify(body));
  const compiled = timeValidation(validator, bodies);
  // The same answers through survey-core's own path (a reset model per request), which the
  // compiled rules stand in for: the yardstick of the in-process figure.
  const surveyCore = timeValidation(new AnswerValidator(definition, { isCompiled: false }), bodies.slice(0, 200));
  const validationMs = compiled.wallMs;
  const modelBuildMs = timeModelBuild(definition);
  const poolRows = await timePool(definition, bodies);

  const rows: Record<string, string>[] = [];
  await withServer({}, async (url) => {
    rows.push(await measure("JSON echo (ceiling)", `${url}/api/bench/echo`, json));
    rows.push(await measure(`census submission, ${os.availableParallelism()} validation threads`, `${url}${CENSUS_PATH}`, json));
  });
  await withServer({ VALIDATION_THREADS: "0" }, async (url) => {
    rows.push(await measure("census submission, validated in the request's thread", `${url}${CENSUS_PATH}`, json));
  });
  const echo = Number(rows[0]?.["requests/s"]) || 1;
  printTable(
    `Ingest over HTTP, ${CONNECTIONS} connections, ${SECONDS} s`,
    rows.map((row) => ({ ...row, "share of the echo ceiling": `${((100 * Number(row["requests/s"])) / echo).toFixed(0)} %` })),
  );
  printTable("Validation of one census submission, in-process", [
    {
      path: "compiled rules",
      "wall per submission": `${compiled.wallMs.toFixed(2)} ms`,
      "CPU per submission": `${compiled.cpuMs.toFixed(3)} ms`,
      "one core's ceiling (CPU)": `${(1000 / compiled.cpuMs).toFixed(0)}/s`,
    },
    {
      path: "survey-core (reset model)",
      "wall per submission": `${surveyCore.wallMs.toFixed(2)} ms`,
      "CPU per submission": `${surveyCore.cpuMs.toFixed(3)} ms`,
      "one core's ceiling (CPU)": `${(1000 / surveyCore.cpuMs).toFixed(0)}/s`,
    },
    {
      path: "ratio",
      "wall per submission": `${(surveyCore.wallMs / compiled.wallMs).toFixed(0)}×`,
      "CPU per submission": `${(surveyCore.cpuMs / compiled.cpuMs).toFixed(0)}×`,
      "one core's ceiling (CPU)": "",
    },
  ]);
  printTable("Building one census model (the cost a fresh model per submission would add)", [
    { "model build": `${modelBuildMs.toFixed(1)} ms`, "ratio to a validation": `${(modelBuildMs / validationMs).toFixed(1)}×` },
  ]);
  printTable(`Validation through the worker pool, in-process, ${CONNECTIONS} at a time (median of ${POOL_ROUNDS} rounds)`, poolRows);
  if (rows.some((row) => row["non-2xx"] !== "0")) console.warn("Some requests were refused: the figures do not measure ingest alone.");
}

void main();
