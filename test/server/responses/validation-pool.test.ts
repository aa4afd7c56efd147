import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import request from "supertest";
import type { Answers, Locale, ResponseStatus } from "@passerelle/shared";
import { createApp } from "../../../server/src/app";
import { AppError } from "../../../server/src/http/app-error";
import { loadQuestionnaires } from "../../../server/src/questionnaires/load-questionnaires";
import { AnswerValidator, type ValidationRequest } from "../../../server/src/responses/answer-validator";
import { createValidationPool, type ValidationPool } from "../../../server/src/responses/validation-pool";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import { censusAnswers } from "../../support/census-answers";
import { syntheticCensusAnswers } from "../../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR } from "../../support/test-app";

// The compiled workers: `npm test` compiles the server before running jest.
const WORKER_SCRIPT = path.join(__dirname, "../../../server/dist/responses/validation.worker.js");
const FAULTY_WORKER_SCRIPT = path.join(__dirname, "../../fixtures/workers/faulty-validation.worker.js");

const questionnaires = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
const census = questionnaires.find("census-lebanon")!;
const LOCALES: Locale[] = ["fr", "ar", "en"];

function requestsToCompare(): ValidationRequest[] {
  const next = syntheticCensusAnswers(census.definition, 11);
  const answers: Answers[] = [
    censusAnswers(),
    ...Array.from({ length: 12 }, () => next()),
    censusAnswers({ authority_name: undefined, contact_email: "not-an-email" }),
    censusAnswers({ governorate: "south", district: "jbeil" }),
    censusAnswers({ priority_themes: ["water_sanitation", "tourism"], population: "many" }),
    censusAnswers({ nonexistent: 1, need_health: "unranked theme, dropped on submission" }),
    {},
  ].map((item) => JSON.parse(JSON.stringify(item)) as Answers);
  return answers.flatMap((item, index) =>
    (["submitted", "draft"] as ResponseStatus[]).map((status) => ({ answers: item, status, locale: LOCALES[index % LOCALES.length]! })),
  );
}

describe("validating in worker threads", () => {
  // Each test builds the census's survey-core models (in workers too): seconds on a busy machine.
  jest.setTimeout(60_000);

  const pools: ValidationPool[] = [];
  const poolOf = (options: Parameters<typeof createValidationPool>[0]) => {
    const pool = createValidationPool(options);
    if (!pool) throw new Error(`${options?.workerScript} is missing: compile the server first`);
    pools.push(pool);
    return pool;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });

  it("gives the verdicts, messages and kept answers of in-thread validation", async () => {
    const pool = poolOf({ workers: 2, workerScript: WORKER_SCRIPT });
    const inThread = new AnswerValidator(census.definition);
    const requests = requestsToCompare();
    const pooled = await Promise.all(requests.map((request) => pool.check(census, request)));
    expect(pooled).toEqual(requests.map((request) => inThread.check(request)));
    expect(pooled.some((result) => result.details.length > 0)).toBe(true);
    expect(pooled.some((result) => result.details.length === 0)).toBe(true);
    // Each thread builds a model per language first: slow on a busy machine.
  }, 30_000);

  it("retries on a fresh thread the requests of a worker that crashed, losing none", async () => {
    const pool = poolOf({ workers: 1, workerScript: FAULTY_WORKER_SCRIPT });
    const flag = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-pool-")), "crash");
    fs.writeFileSync(flag, "");
    const request = (name: string): ValidationRequest => ({ answers: censusAnswers({ authority_name: name }), status: "submitted", locale: "fr" });
    const results = await Promise.all([
      pool.check(census, request("Jbeil")),
      pool.check(census, request(`crash once:${flag}`)),
      pool.check(census, request("Saida")),
    ]);
    expect(results.map((result) => result.details)).toEqual([[], [], []]);
  });

  it("answers with a clean error when the same request crashes a fresh worker too, and keeps serving", async () => {
    const pool = poolOf({ workers: 2, workerScript: FAULTY_WORKER_SCRIPT });
    const crash = pool.check(census, { answers: censusAnswers({ authority_name: "crash" }), status: "submitted", locale: "fr" });
    await expect(crash).rejects.toBeInstanceOf(AppError);
    await expect(crash).rejects.toMatchObject({ code: "validation_unavailable" });
    await expect(pool.check(census, { answers: censusAnswers(), status: "submitted", locale: "ar" })).resolves.toMatchObject({ details: [] });
  });

  it("replaces a hung worker and retries its requests; a request that hangs every worker fails cleanly", async () => {
    // Long enough for a fresh worker to build the census's models on a busy machine.
    const pool = poolOf({ workers: 1, workerScript: FAULTY_WORKER_SCRIPT, hungAfterMs: 8000 });
    // Start the worker and build its model before timing anything.
    await pool.check(census, { answers: censusAnswers(), status: "submitted", locale: "en" });
    const flag = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-pool-")), "hang");
    fs.writeFileSync(flag, "");
    const waiting = pool.check(census, { answers: censusAnswers(), status: "submitted", locale: "en" });
    const hangsOnce = pool.check(census, { answers: censusAnswers({ authority_name: `hang once:${flag}` }), status: "submitted", locale: "en" });
    // Queued behind the hanging request on the same thread.
    const queued = pool.check(census, { answers: censusAnswers({ district: "tripoli" }), status: "submitted", locale: "en" });
    expect((await waiting).details).toEqual([]);
    expect((await hangsOnce).details).toEqual([]);
    expect((await queued).details.map((detail) => detail.question)).toEqual(["district"]);

    const hangs = pool.check(census, { answers: censusAnswers({ authority_name: "hang" }), status: "submitted", locale: "en" });
    await expect(hangs).rejects.toMatchObject({ code: "validation_unavailable" });
  }, 90_000);

  it("answers a submission whose validation failed twice with 503 and stores nothing; drafts stay in the request's thread", async () => {
    const store = openEmbeddedStore({ dataDir: ":memory:" });
    const validationPool = poolOf({ workers: 1, workerScript: FAULTY_WORKER_SCRIPT });
    const app = createApp({ store, questionnaires, logger: pino({ level: "silent" }), bodyLimit: "1mb", validationPool });
    const post = (answers: Answers, status: ResponseStatus) => request(app).post(`/api/surveys/${census.id}/responses`).send({ answers, status, locale: "fr" });

    const failed = await post(censusAnswers({ authority_name: "crash" }), "submitted");
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe("validation_unavailable");
    expect(await store.responses.count({ surveyId: census.id })).toBe(0);

    expect((await post(censusAnswers({ authority_name: "crash" }), "draft")).status).toBe(201);
    expect((await post(censusAnswers(), "submitted")).status).toBe(201);
    await store.close();
  });

  it("is not offered when the compiled worker is missing, so validation stays in-thread", () => {
    expect(createValidationPool({ workerScript: path.join(os.tmpdir(), "no-such-worker.js") })).toBeUndefined();
  });
});
