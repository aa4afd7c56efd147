/**
 * Export benchmark: N synthetic census submissions exported as CSV and as a workbook through
 * the real HTTP endpoints (streamed, uncompressed; the CSV and the workbook's responses sheet
 * written in the server's pool of worker threads, as it runs in production), each figure beside
 * its yardstick measured in the same run on the same rows: reading the rows out of SQLite with
 * `JSON.parse` of their answers (the store's own stream, the least any export must do), in MB/s
 * of the CSV it makes. The workbook is downloaded twice: first with the dashboard's fold behind
 * its summary sheets to compute, then with it cached. Also the time to the first byte, the
 * process's RSS growth during each download, and a naive export building every row in memory
 * and calling `Papa.unparse` once. Run with `npm run bench:export`; sizes with
 * BENCH_SIZES=10000,100000,1000000.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import Papa from "papaparse";
import pino from "pino";
import { buildExportLayout, cellOf, headerOf, neutraliseFormula, type JsonObject } from "@passerelle/shared";
import type { Questionnaire } from "../../server/src/questionnaires/questionnaire";
import { createApp } from "../../server/src/app";
import { createCsvExportPool } from "../../server/src/exports/csv-export-pool";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import type { Store } from "../../server/src/store/store.port";
import { DEFAULT_PASSWORD_HASHING } from "../../server/src/access/passwords";
import { createAccount } from "../../server/src/access/accounts";
import { syntheticCensusAnswers, syntheticResponse } from "../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR } from "../support/test-app";
import { measurePeakRss, printTable, time } from "./bench-tools";

const WORKER_SCRIPT = path.join(__dirname, "../../server/dist/exports/csv-export.worker.js");
const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
// Above this, the naive whole-array export would hold gigabytes: it is left out.
const NAIVE_UP_TO = 100_000;
// Responses inserted per transaction while seeding: a million in a few minutes.
const SEED_BATCH = 10_000;

const mbPerS = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

async function seed(store: Store, census: Questionnaire, size: number): Promise<void> {
  const nextAnswers = syntheticCensusAnswers(census.definition, size);
  for (let done = 0; done < size; done += SEED_BATCH) {
    const count = Math.min(SEED_BATCH, size - done);
    await store.responses.insertMany(
      Array.from({ length: count }, () => syntheticResponse({ surveyId: census.id, version: census.version, answers: nextAnswers() })),
    );
  }
}

async function run(size: number): Promise<Record<string, string>> {
  // Other work on the machine slows every figure, the yardstick too: the figures say how loaded it was.
  const loadBefore = os.loadavg()[0] as number;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-export-bench-"));
  const store = openEmbeddedStore({ dataDir });
  const questionnaires = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
  const census = questionnaires.get("census-lebanon");
  await seed(store, census, size);
  const filter = { surveyId: census.id, status: "submitted" } as const;

  // As the server runs: CSV exports in its pool of worker threads (compiled by `tsc -b server`).
  const csvExportPool = createCsvExportPool({ store: { dataDir, mongodbUri: undefined }, workerScript: WORKER_SCRIPT });
  if (!csvExportPool) throw new Error(`${WORKER_SCRIPT} is missing: run tsc -b server first`);
  const common = { store, questionnaires, logger: pino({ level: process.env.BENCH_LOG ?? "error" }), bodyLimit: "1mb" };
  // Beside it, under /in-thread, the same app writing CSV in the request thread (taking turns).
  const app = express();
  app.use("/in-thread", createApp(common));
  app.use(createApp({ ...common, csvExportPool }));
  const server = app.listen(0, "127.0.0.1");
  // The reads between two downloads take seconds: an idle connection closed by the server's
  // 5-second keep-alive limit just as the next download reused it was reset now and then.
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise((resolve) => server.once("listening", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = await analystCookie(store, origin);
  const exports = `${origin}/api/surveys/${census.id}/exports`;
  // The pool's threads are up (an export of no response on each), and a first read warms
  // SQLite's page cache the same way for every measurement after it.
  await Promise.all([1, 2].map(() => download(`${exports}/responses.csv?from=2999-01-01`, cookie)));
  for await (const response of store.responses.stream(filter)) void response;
  // The yardstick: the store's stream, which reads each row and parses its answers.
  const read = await time(async () => {
    let rows = 0;
    for await (const response of store.responses.stream(filter)) rows += response.answers === undefined ? 0 : 1;
    return rows;
  });
  global.gc?.();
  const csvBefore = rssMb();
  const csv = await measurePeakRss(() => download(`${exports}/responses.csv`, cookie));
  const inThread = await download(`${origin}/in-thread/api/surveys/${census.id}/exports/responses.csv`, cookie);
  global.gc?.();
  const xlsxBefore = rssMb();
  const xlsx = await measurePeakRss(() => download(`${exports}/responses.xlsx`, cookie));
  // The first workbook also waited for the dashboard's fold behind its summary sheets (measured by
  // the analytics benchmark); the second reads it from the cache, as most downloads do.
  const xlsxCached = await download(`${exports}/responses.xlsx`, cookie);
  server.close();
  const naive = size <= NAIVE_UP_TO ? await naiveExport(store, census.definition, filter) : undefined;
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const yardstick = mbPerS(csv.bytes, read.ms);
  return {
    responses: size.toLocaleString("en"),
    "load average (1 min), start → end": `${loadBefore.toFixed(1)} → ${(os.loadavg()[0] as number).toFixed(1)}`,
    "CSV size": `${(csv.bytes / 1e6).toFixed(1)} MB`,
    "CSV streamed": `${csv.ms.toFixed(0)} ms`,
    "CSV MB/s": mbPerS(csv.bytes, csv.ms).toFixed(1),
    "yardstick read + JSON.parse MB/s": yardstick.toFixed(1),
    "CSV ÷ yardstick (target ≥ 0.5)": (mbPerS(csv.bytes, csv.ms) / yardstick).toFixed(2),
    "CSV in the request thread MB/s": mbPerS(inThread.bytes, inThread.ms).toFixed(1),
    "CSV first byte (target ≤ 200 ms)": `${csv.firstByteMs.toFixed(0)} ms`,
    "CSV RSS growth (target ≤ 100 MB at 1M)": `${(csv.peakRssMb - csvBefore).toFixed(0)} MB`,
    "XLSX size": `${(xlsx.bytes / 1e6).toFixed(1)} MB`,
    "XLSX streamed (summaries folded, cached)": `${xlsx.ms.toFixed(0)} ms, ${xlsxCached.ms.toFixed(0)} ms`,
    "XLSX MB/s (target ≥ 4)": `${mbPerS(xlsx.bytes, xlsx.ms).toFixed(1)}, ${mbPerS(xlsxCached.bytes, xlsxCached.ms).toFixed(1)}`,
    "XLSX MB/s of CSV-equivalent": `${mbPerS(csv.bytes, xlsx.ms).toFixed(1)}, ${mbPerS(csv.bytes, xlsxCached.ms).toFixed(1)}`,
    "XLSX first byte": `${xlsx.firstByteMs.toFixed(0)} ms`,
    "XLSX RSS growth": `${(xlsx.peakRssMb - xlsxBefore).toFixed(0)} MB`,
    "naive whole-array Papa.unparse": naive === undefined ? "not run" : `${naive.ms.toFixed(0)} ms`,
    "naive RSS growth": naive === undefined ? "not run" : `${(naive.peakRssMb - naive.before).toFixed(0)} MB`,
  };
}

// Every row built in memory with the reference cells, then one `Papa.unparse`: what streaming avoids.
async function naiveExport(store: Store, definition: JsonObject, filter: { surveyId: string; status: "submitted" }) {
  global.gc?.();
  const before = rssMb();
  const measured = await measurePeakRss(() =>
    time(async () => {
      const layout = buildExportLayout(definition);
      const options = { header: "names", values: "codes", locale: "fr" } as const;
      const rows: (string | number)[][] = [layout.columns.map((column) => headerOf(column, layout, options))];
      for await (const response of store.responses.stream(filter)) {
        rows.push(layout.columns.map((column) => neutraliseFormula(cellOf(column, response, layout, options))));
      }
      return Buffer.byteLength(Papa.unparse(rows, { newline: "\r\n" }));
    }),
  );
  return { ...measured, before };
}

/** Downloads a file over HTTP without compression, timing the first byte and the whole. */
/** Raw exports are for analysts: the benchmark signs in as one, as a person would. */
async function analystCookie(store: Store, origin: string): Promise<string> {
  const credentials = { email: "bench@example.org", password: "benchmark password" };
  await createAccount({ store, now: () => new Date(), passwordHashing: DEFAULT_PASSWORD_HASHING }, { ...credentials, role: "analyst" });
  const response = await fetch(`${origin}/api/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(credentials) });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function download(url: string, cookie: string): Promise<{ ms: number; firstByteMs: number; bytes: number }> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
  const response = await fetch(url, { headers: { "Accept-Encoding": "identity", Cookie: cookie } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  let bytes = 0;
  let firstByteMs = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (bytes === 0) firstByteMs = elapsed();
    bytes += chunk.length;
  }
  return { ms: elapsed(), firstByteMs, bytes };
}

async function main(): Promise<void> {
  const rows: Record<string, string>[] = [];
  for (const size of SIZES) rows.push(await run(size));
  printTable("CSV and XLSX export on the embedded store", rows);
}

void main();
