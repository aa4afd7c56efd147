import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { buildExportLayout } from "@passerelle/shared";
import { toFoldJobFilter } from "../../../server/src/analytics/fold-job";
import { createCsvExportPool, type CsvExportJob, type CsvExportPool } from "../../../server/src/exports/csv-export-pool";
import { tableText } from "../../../server/src/exports/csv-table";
import { sheetTableXml } from "../../../server/src/exports/sheet-table";
import type { CsvOptions } from "../../../server/src/exports/export-options";
import type { Logger } from "../../../server/src/logger";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import type { Store } from "../../../server/src/store/store.port";
import { allTypesAnswerSets, engineQuestionnaires, storeSubmitted } from "../../support/engine-fixtures";

jest.setTimeout(120_000);

// The worker runs compiled code: `npm run typecheck` (tsc -b server) builds it, as for the process tests.
const WORKER_SCRIPT = path.join(__dirname, "../../../server/dist/exports/csv-export.worker.js");

const questionnaire = engineQuestionnaires().get("engine-all-types");
const layout = buildExportLayout(questionnaire.definition);
const filter = { surveyId: questionnaire.id, status: "submitted" } as const;
const OPTIONS: CsvOptions[] = [
  { header: "names", values: "codes", locale: "fr", delimiter: ",", bom: true },
  { header: "labels", values: "labels", locale: "ar", delimiter: ";", bom: false },
];

// The pool's chunks are UTF-8 bytes, the request thread's text: both read back as text.
async function collect(text: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let whole = "";
  for await (const piece of text) whole += typeof piece === "string" ? piece : decoder.decode(piece, { stream: true });
  return whole + decoder.decode();
}

describe("CSV exports written in worker threads", () => {
  let dataDir: string;
  let store: Store;
  let pool: CsvExportPool;

  beforeAll(async () => {
    expect(fs.existsSync(WORKER_SCRIPT)).toBe(true);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-export-pool-"));
    store = openEmbeddedStore({ dataDir });
    // Enough responses for many chunks, every question type, repeats included.
    const answers = fc.sample(allTypesAnswerSets, { numRuns: 3000, seed: 17 });
    await storeSubmitted(store, questionnaire, answers, ["region"]);
    pool = createCsvExportPool({ store: { dataDir, mongodbUri: undefined }, workers: 1, workerScript: WORKER_SCRIPT }) as CsvExportPool;
  });

  afterAll(async () => {
    await pool.close();
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const job = (options: CsvOptions, repeat?: string, output: CsvExportJob["output"] = { format: "csv", options }) => ({
    definitions: { current: questionnaire.definition, older: [] },
    ...(repeat === undefined ? {} : { repeat }),
    filter: toFoldJobFilter(filter),
    output,
  });

  it.each(OPTIONS)("gives, table by table, the text the request thread writes (%o)", async (options) => {
    const tables = [undefined, ...layout.repeats];
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) {
      const inThread = await collect(tableText(store, { layout, filter }, table, options));
      const inWorker = await collect(pool.export(job(options, table?.name)));
      expect(inWorker).toBe(inThread);
      expect(inWorker.split("\r\n").length).toBeGreaterThan(2);
    }
  });

  it.each(OPTIONS)("gives, sheet by sheet, the workbook XML the request thread writes (%o)", async (options) => {
    const sheetOptions = { ...options, rightToLeft: options.locale === "ar" };
    for (const table of [undefined, ...layout.repeats]) {
      const inThread = await collect(sheetTableXml(store, { layout, filter }, table, sheetOptions));
      const inWorker = await collect(pool.export(job(options, table?.name, { format: "sheet", options: sheetOptions })));
      expect(inWorker).toBe(inThread);
      expect(inWorker.match(/<row /g)?.length).toBeGreaterThan(2);
      expect(inWorker.endsWith("</worksheet>")).toBe(true);
    }
  });

  it("stops an export whose reader goes away, and the thread takes the next one", async () => {
    let pieces = 0;
    for await (const piece of pool.export(job(OPTIONS[0] as CsvOptions))) {
      expect(piece.length).toBeGreaterThan(0);
      pieces += 1;
      if (pieces === 2) break;
    }
    // The pool has one thread: this export gets it only once the one given up has stopped.
    const whole = await collect(pool.export(job(OPTIONS[0] as CsvOptions)));
    expect(whole).toBe(await collect(tableText(store, { layout, filter }, undefined, OPTIONS[0] as CsvOptions)));
  });

  it("fails the export, not the server, when the worker's export fails, and serves the next", async () => {
    await expect(collect(pool.export(job(OPTIONS[0] as CsvOptions, "no_such_table")))).rejects.toThrow(/no repeat table/);
    const whole = await collect(pool.export(job(OPTIONS[0] as CsvOptions)));
    expect(whole.startsWith("response_id,")).toBe(true);
  });
});

describe("the memory of the export threads", () => {
  let dataDir: string;
  let store: Store;
  // An answer of the shape that takes the most memory once parsed (an array of empty objects:
  // some 21 times its JSON), written by the comment column as its JSON. One object many times
  // over here; parsed back, each is its own.
  const emptyObjects = (jsonBytes: number) => new Array<object>(Math.floor(jsonBytes / 3)).fill({});
  const csvJob = (surveyId: string) => ({
    definitions: { current: questionnaire.definition, older: [] },
    filter: toFoldJobFilter({ surveyId, status: "submitted" }),
    output: { format: "csv" as const, options: OPTIONS[0] as CsvOptions },
  });
  const AT_THE_LIMIT = 12;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-export-memory-"));
    store = openEmbeddedStore({ dataDir });
    // Responses as large as the default body limit (1 MB) lets a person send.
    const atTheLimit = Array.from({ length: AT_THE_LIMIT }, (_, index) => ({ region: "north", remarks: emptyObjects(2 ** 20 - 100), town: `town ${index}` }));
    await storeSubmitted(store, questionnaire, atTheLimit);
    // One far larger, as a server with a higher limit could have stored before it was lowered.
    const at = new Date("2026-06-10T09:00:00Z");
    const oversized = { ...aStoredResponse(at), id: "oversized-1", surveyId: "oversized", answers: { remarks: emptyObjects(12 * 2 ** 20) } };
    await store.responses.insertMany([oversized]);
  });

  afterAll(async () => {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const aStoredResponse = (at: Date) => ({
    version: questionnaire.version,
    status: "submitted" as const,
    locale: "fr" as const,
    breakdown: {},
    tokenHash: "0".repeat(64),
    revision: 1,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
  });

  it("exports responses at the body limit under the heap cap derived from it", async () => {
    const pool = createCsvExportPool({ store: { dataDir, mongodbUri: undefined }, workers: 1, workerScript: WORKER_SCRIPT, largestResponseBytes: 2 ** 20 })!;
    try {
      const inWorker = await collect(pool.export(csvJob(questionnaire.id)));
      const inThread = await collect(
        tableText(store, { layout, filter: { surveyId: questionnaire.id, status: "submitted" } }, undefined, OPTIONS[0] as CsvOptions),
      );
      expect(inWorker).toBe(inThread);
      expect(inWorker.split("\r\n")).toHaveLength(AT_THE_LIMIT + 2);
    } finally {
      await pool.close();
    }
  });

  it("fails the export of a response too large for the thread before reading it, and serves the next", async () => {
    const pool = createCsvExportPool({ store: { dataDir, mongodbUri: undefined }, workers: 1, workerScript: WORKER_SCRIPT, largestResponseBytes: 2 ** 20 })!;
    try {
      await expect(collect(pool.export(csvJob("oversized")))).rejects.toThrow(/larger than this reader can hold .* higher request body limit/);
      const next = await collect(pool.export(csvJob(questionnaire.id)));
      expect(next.split("\r\n")).toHaveLength(AT_THE_LIMIT + 2);
    } finally {
      await pool.close();
    }
  });
});

describe("a CSV export thread that runs out of memory", () => {
  const HOARDING_SCRIPT = path.join(__dirname, "../../fixtures/workers/stuck-export.worker.js");
  const job = (repeat?: string) => ({
    definitions: { current: questionnaire.definition, older: [] },
    ...(repeat === undefined ? {} : { repeat }),
    filter: toFoldJobFilter(filter),
    output: { format: "csv" as const, options: OPTIONS[0] as CsvOptions },
  });

  it("fails only its export, says why, and a fresh thread serves the next", async () => {
    const logged: string[] = [];
    const logger = { error: (_fields: unknown, message: string) => logged.push(message) } as unknown as Logger;
    const pool = createCsvExportPool({
      store: { dataDir: os.tmpdir(), mongodbUri: undefined },
      workers: 1,
      workerScript: HOARDING_SCRIPT,
      resourceLimits: { maxOldGenerationSizeMb: 32 },
      logger,
    })!;
    try {
      const first = await collect(pool.export(job()));
      await expect(collect(pool.export(job("hoard")))).rejects.toThrow(/needed more memory than an export thread has \(32 MB\)/);
      expect(logged).toEqual(["CSV export worker out of memory"]);
      const next = await collect(pool.export(job()));
      expect(next).toMatch(/^thread \d+$/);
      expect(next).not.toBe(first);
    } finally {
      await pool.close();
    }
  });
});

describe("a CSV export thread that stops answering", () => {
  const STUCK_SCRIPT = path.join(__dirname, "../../fixtures/workers/stuck-export.worker.js");
  const job = (repeat?: string) => ({
    definitions: { current: questionnaire.definition, older: [] },
    ...(repeat === undefined ? {} : { repeat }),
    filter: toFoldJobFilter(filter),
    output: { format: "csv" as const, options: OPTIONS[0] as CsvOptions },
  });

  it("fails its export once silent past the limit, and a fresh thread serves the next export", async () => {
    const pool = createCsvExportPool({
      store: { dataDir: os.tmpdir(), mongodbUri: undefined },
      workers: 1,
      workerScript: STUCK_SCRIPT,
      silenceTimeoutMs: 300,
    })!;
    try {
      const first = await collect(pool.export(job()));
      await expect(collect(pool.export(job("hang")))).rejects.toThrow(/sent nothing for 300 ms/);
      const next = await collect(pool.export(job()));
      expect(next).toMatch(/^thread \d+$/);
      expect(next).not.toBe(first);
    } finally {
      await pool.close();
    }
  });

  it("is ended at once when the pool closes, and the pool then refuses exports", async () => {
    const pool = createCsvExportPool({
      store: { dataDir: os.tmpdir(), mongodbUri: undefined },
      workers: 1,
      workerScript: STUCK_SCRIPT,
      silenceTimeoutMs: 60_000,
    })!;
    const hanging = collect(pool.export(job("hang")));
    const waiting = collect(pool.export(job()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = pool.close();
    await expect(hanging).rejects.toThrow(/closed/);
    await expect(waiting).rejects.toThrow(/closed/);
    await closing;
    await expect(collect(pool.export(job()))).rejects.toThrow(/closed/);
  });
});
