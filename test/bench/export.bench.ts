/**
 * Export benchmark: N synthetic census submissions exported as CSV through the real HTTP
 * endpoint (streamed), beside a naive export that builds every row in memory and calls
 * `Papa.unparse` once. Run with `npm run bench:export`; sizes with BENCH_SIZES=10000,100000.
 */
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Papa from "papaparse";
import pino from "pino";
import { buildExportLayout, cellOf, headerOf, neutraliseFormula } from "@passerelle/shared";
import { createApp } from "../../server/src/app";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import type { Store, StoredResponse } from "../../server/src/store/store.port";
import { DEFAULT_PASSWORD_HASHING } from "../../server/src/access/passwords";
import { createAccount } from "../../server/src/access/accounts";
import { syntheticCensusAnswers, syntheticResponse } from "../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR } from "../support/test-app";
import { measurePeakRss, printTable, time } from "./bench-tools";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);

async function run(size: number): Promise<Record<string, string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-export-bench-"));
  const store = openEmbeddedStore({ dataDir });
  const questionnaires = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
  const census = questionnaires.find("census-lebanon")!;
  const nextAnswers = syntheticCensusAnswers(census.definition, size);
  const batch: StoredResponse[] = [];
  for (let index = 0; index < size; index += 1) {
    batch.push(syntheticResponse({ surveyId: census.id, version: census.version, answers: nextAnswers() }));
    if (batch.length === 5000) await store.responses.insertMany(batch.splice(0));
  }
  await store.responses.insertMany(batch.splice(0));

  const app = createApp({ store, questionnaires, logger: pino({ level: "silent" }), bodyLimit: "1mb" });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = await analystCookie(store, origin);
  const exports = `${origin}/api/surveys/${census.id}/exports`;
  const csv = await measurePeakRss(() => download(`${exports}/responses.csv`, cookie));
  const xlsx = await measurePeakRss(() => download(`${exports}/responses.xlsx`, cookie));
  server.close();

  const naive = await measurePeakRss(() =>
    time(async () => {
      const layout = buildExportLayout(census.definition);
      const options = { header: "names", values: "codes", locale: "fr" } as const;
      const rows: (string | number)[][] = [layout.columns.map((column) => headerOf(column, layout, options))];
      for await (const response of store.responses.stream({ surveyId: census.id, status: "submitted" })) {
        rows.push(layout.columns.map((column) => neutraliseFormula(cellOf(column, response, layout, options))));
      }
      return Buffer.byteLength(Papa.unparse(rows, { newline: "\r\n" }));
    }),
  );
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const figures = (name: string, run: typeof csv) => ({
    [`${name} size`]: `${(run.bytes / 1e6).toFixed(1)} MB`,
    [`${name} streamed`]: `${run.ms.toFixed(0)} ms`,
    [`${name} first byte`]: `${run.firstByteMs.toFixed(0)} ms`,
    [`${name} throughput`]: `${(run.bytes / 1e6 / (run.ms / 1000)).toFixed(1)} MB/s`,
    [`${name} peak RSS`]: `${run.peakRssMb.toFixed(0)} MB`,
  });
  return {
    responses: size.toLocaleString("en"),
    ...figures("CSV", csv),
    ...figures("XLSX", xlsx),
    "naive whole-array Papa.unparse": `${naive.ms.toFixed(0)} ms`,
    "naive peak RSS": `${naive.peakRssMb.toFixed(0)} MB`,
  };
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
