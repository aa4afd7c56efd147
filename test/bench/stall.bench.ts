/**
 * Stall and memory benchmark: how other requests fare while exports run, what stalled workbook
 * downloads hold, and how long a SIGTERM takes to end an idle server. Each figure is printed
 * beside a yardstick measured in the same run: the health check's latency with nothing else
 * running, the process's memory before the downloads, a bare `node -e ""` start-and-exit.
 * Run with `npm run bench:stall`; size with BENCH_SIZES=10000 (the first size is used), long
 * need texts with BENCH_NEED_BYTES=300, stalled downloads only with BENCH_ONLY=stalled.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createAccount } from "../../server/src/access/accounts";
import { DEFAULT_PASSWORD_HASHING } from "../../server/src/access/passwords";
import { createApp } from "../../server/src/app";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import type { Store, StoredResponse } from "../../server/src/store/store.port";
import { startServer } from "../support/server-process";
import { seededRandom, syntheticCensusAnswers, syntheticResponse } from "../support/synthetic-census";
import { FIXTURE_SURVEYS_DIR, SHIPPED_SURVEYS_DIR } from "../support/test-app";
import { healthLatencies, printTable } from "./bench-tools";

const SIZE = Number((process.env.BENCH_SIZES ?? "10000").split(",")[0]);
const CONCURRENT_EXPORTS = [1, 5, 20];
const STALLED_DOWNLOADS = [1, 10, 30];
const HEALTH_PROBES = 20;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Random text of this many bytes in each need answer: with 300, the workbook of 10,000
// responses (about 12 MB) outgrows what the kernel's socket buffers take for a stalled client,
// so the stalled rows measure what the server itself holds.
const NEED_BYTES = Number(process.env.BENCH_NEED_BYTES ?? 0);

async function seed(store: Store, census: ReturnType<ReturnType<typeof loadQuestionnaires>["get"]>): Promise<void> {
  const nextAnswers = syntheticCensusAnswers(census.definition, SIZE);
  const random = seededRandom(SIZE);
  const needText = () => Buffer.from(Array.from({ length: NEED_BYTES }, () => Math.floor(random() * 256))).toString("base64");
  const batch: StoredResponse[] = [];
  for (let index = 0; index < SIZE; index += 1) {
    const answers = nextAnswers();
    if (NEED_BYTES > 0) for (const key of Object.keys(answers)) if (key.startsWith("need_")) answers[key] = needText();
    batch.push(syntheticResponse({ surveyId: census.id, version: census.version, answers }));
    if (batch.length === 5000) await store.responses.insertMany(batch.splice(0));
  }
  await store.responses.insertMany(batch.splice(0));
}

async function analystCookie(store: Store, origin: string): Promise<string> {
  const credentials = { email: "bench@example.org", password: "benchmark password" };
  await createAccount({ store, now: () => new Date(), passwordHashing: DEFAULT_PASSWORD_HASHING }, { ...credentials, role: "analyst" });
  const response = await fetch(`${origin}/api/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(credentials) });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function drain(url: string, cookie: string): Promise<number> {
  try {
    const res = await fetch(url, { headers: { Cookie: cookie, "Accept-Encoding": "identity", Connection: "close" } });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** A download that sends its request and never reads a byte of the answer. */
function stalledDownload(origin: string, pathname: string, cookie: string): net.Socket {
  const { hostname, port } = new URL(origin);
  const socket = net.connect(Number(port), hostname, () => {
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\nAccept-Encoding: identity\r\n\r\n`);
    socket.pause();
  });
  socket.on("error", () => undefined);
  return socket;
}

async function exportsRows(origin: string, cookie: string, surveyId: string, exportConcurrency: number): Promise<Record<string, string>[]> {
  const idle = await healthLatencies(origin, HEALTH_PROBES);
  const rows: Record<string, string>[] = [];
  for (const count of CONCURRENT_EXPORTS) {
    let running = true;
    const downloads = Array.from({ length: count }, async () => {
      let statuses = 0;
      while (running) {
        const status = await drain(`${origin}/api/surveys/${surveyId}/exports/responses.csv`, cookie);
        statuses += status === 200 ? 1 : 0;
        // Refused by the cap: wait as a polite client would rather than hammer the server.
        if (status === 429) await sleep(1000);
      }
      return statuses;
    });
    await sleep(200);
    const busy = await healthLatencies(origin, HEALTH_PROBES);
    running = false;
    const completed = (await Promise.all(downloads)).reduce((sum, n) => sum + n, 0);
    rows.push({
      "CSV exports running": String(count),
      "health p50 (idle yardstick)": `${median(idle).toFixed(1)} ms`,
      "health p50 during": `${median(busy).toFixed(1)} ms`,
      "health max during": `${Math.max(...busy).toFixed(0)} ms`,
      "exports completed": String(completed),
      "exports at once (cap)": String(Math.min(count, exportConcurrency)),
    });
  }
  return rows;
}

async function stalledRows(origin: string, cookie: string, surveyId: string): Promise<Record<string, string>[]> {
  const rows: Record<string, string>[] = [];
  for (const count of STALLED_DOWNLOADS) {
    global.gc?.();
    const before = rssMb();
    const sockets = Array.from({ length: count }, () => stalledDownload(origin, `/api/surveys/${surveyId}/exports/responses.xlsx`, cookie));
    // Long enough for an export that ignores backpressure to have written the whole file.
    let peak = before;
    for (let tick = 0; tick < 40; tick += 1) {
      await sleep(200);
      peak = Math.max(peak, rssMb());
    }
    const health = median(await healthLatencies(origin, 5));
    for (const socket of sockets) socket.destroy();
    await sleep(500);
    rows.push({
      "stalled .xlsx downloads": String(count),
      "RSS before (yardstick)": `${before.toFixed(0)} MB`,
      "RSS peak while stalled": `${peak.toFixed(0)} MB`,
      "growth per stalled download": `${((peak - before) / count).toFixed(1)} MB`,
      "health p50 while stalled": `${health.toFixed(1)} ms`,
    });
  }
  return rows;
}

async function sigtermRows(): Promise<Record<string, string>[]> {
  const bare = median(
    Array.from({ length: 5 }, () => {
      const started = performance.now();
      spawnSync(process.execPath, ["-e", ""]);
      return performance.now() - started;
    }),
  );
  const timings = { idle: [] as number[], keepAlive: [] as number[] };
  for (let run = 0; run < 5; run += 1) {
    for (const kind of ["idle", "keepAlive"] as const) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-sigterm-"));
      const server = await startServer({ DATA_DIR: dataDir, SURVEYS_DIR: FIXTURE_SURVEYS_DIR });
      if (kind === "keepAlive") await fetch(`${server.url}/api/health`).then((res) => res.arrayBuffer());
      const started = performance.now();
      await server.stop();
      timings[kind].push(performance.now() - started);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return [
    {
      "SIGTERM to exit, nothing in flight": `${median(timings.idle).toFixed(0)} ms`,
      "after a keep-alive request": `${median(timings.keepAlive).toFixed(0)} ms`,
      "worst of 5": `${Math.max(...timings.idle, ...timings.keepAlive).toFixed(0)} ms`,
      'yardstick: node -e "" start and exit': `${bare.toFixed(0)} ms`,
    },
  ];
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-stall-bench-"));
  const store = openEmbeddedStore({ dataDir });
  const questionnaires = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
  const census = questionnaires.get("census-lebanon");
  await seed(store, census);
  // The cap is lifted for the measurement of sharing: it is what bounds it in production.
  const exportConcurrency = Number(process.env.BENCH_EXPORT_CAP ?? 1000);
  const app = createApp({ store, questionnaires, logger: pino({ level: "silent" }), bodyLimit: "1mb", exportConcurrency });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cookie = await analystCookie(store, origin);
  const only = process.env.BENCH_ONLY;
  if (only === undefined || only === "exports") {
    printTable(
      `Other requests while CSV exports of ${SIZE.toLocaleString("en")} responses run (export cap ${exportConcurrency})`,
      await exportsRows(origin, cookie, census.id, exportConcurrency),
    );
  }
  if (only === undefined || only === "stalled") {
    printTable(
      `Memory held by stalled .xlsx downloads of ${SIZE.toLocaleString("en")} responses (${NEED_BYTES} random bytes per need)`,
      await stalledRows(origin, cookie, census.id),
    );
  }
  server.closeAllConnections();
  server.close();
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (only === undefined || only === "shutdown") printTable("Shutdown on SIGTERM", await sigtermRows());
}

void main();
