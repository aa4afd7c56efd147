/**
 * How CSV exports share the server, two ways side by side in the same run: on the request
 * thread taking turns every few milliseconds (what ships, server/src/exports/event-loop-share.ts)
 * and off it, in the bounded pool of worker threads the server starts with (csv-export-pool.ts),
 * both through the same route (share-server.ts). For 1, 5 and 20 exports
 * of N responses downloading at once (each client starting the next as soon as one ends): the
 * health check's latency, p50 and p99, beside its idle yardstick, and the exports' throughput.
 * The server runs in its own process, the clients here. Run with `npm run bench:share`; size
 * with BENCH_SIZES=10000 (the first size is used), counts with BENCH_EXPORTS=1,5,20.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createAccount } from "../../server/src/access/accounts";
import { DEFAULT_PASSWORD_HASHING } from "../../server/src/access/passwords";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import { syntheticCensusAnswers, syntheticResponse } from "../support/synthetic-census";
import { SHIPPED_SURVEYS_DIR } from "../support/test-app";
import { healthLatencies, printTable } from "./bench-tools";

const SIZE = Number((process.env.BENCH_SIZES ?? "10000").split(",")[0]);
const CONCURRENT_EXPORTS = (process.env.BENCH_EXPORTS ?? "1,5,20").split(",").map(Number);
const HEALTH_PROBES = Number(process.env.BENCH_PROBES ?? 40);
const CREDENTIALS = { email: "bench@example.org", password: "benchmark password" };
const TSX = path.join(__dirname, "../../node_modules/.bin/tsx");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], share: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * share))] ?? 0;

async function seed(dataDir: string): Promise<void> {
  const store = openEmbeddedStore({ dataDir });
  const census = loadQuestionnaires(SHIPPED_SURVEYS_DIR).get("census-lebanon");
  const nextAnswers = syntheticCensusAnswers(census.definition, SIZE);
  for (let done = 0; done < SIZE; done += 10_000) {
    const count = Math.min(10_000, SIZE - done);
    await store.responses.insertMany(
      Array.from({ length: count }, () => syntheticResponse({ surveyId: census.id, version: census.version, answers: nextAnswers() })),
    );
  }
  await createAccount({ store, now: () => new Date(), passwordHashing: DEFAULT_PASSWORD_HASHING }, { ...CREDENTIALS, role: "analyst" });
  await store.close();
}

async function startShareServer(dataDir: string): Promise<{ origin: string; stop: () => Promise<void> }> {
  const child = spawn(TSX, [path.join(__dirname, "share-server.ts")], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening (\d+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.once("exit", (code) => reject(new Error(`share server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function measure(origin: string, url: string, cookie: string, count: number) {
  let running = true;
  let bytes = 0;
  let completed = 0;
  let failed = 0;
  const clients = Array.from({ length: count }, async () => {
    while (running) {
      try {
        const res = await fetch(url, { headers: { Cookie: cookie, "Accept-Encoding": "identity", Connection: "close" } });
        if (res.status !== 200) failed += 1;
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
        completed += 1;
      } catch {
        failed += 1;
      }
    }
  });
  await sleep(300);
  const bytesBefore = bytes;
  const started = performance.now();
  const latencies = await healthLatencies(origin, HEALTH_PROBES);
  const throughput = (bytes - bytesBefore) / 1e6 / ((performance.now() - started) / 1000);
  running = false;
  await Promise.all(clients);
  return { latencies, throughput, completed, failed };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-share-bench-"));
  await seed(dataDir);
  const server = await startShareServer(dataDir);
  try {
    const session = await fetch(`${server.origin}/api/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(CREDENTIALS),
    });
    const cookie = (session.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const approaches = [
      { name: "request thread, turns every 8 ms", url: `${server.origin}/api/surveys/census-lebanon/exports/responses.csv` },
      { name: `worker threads (pool of ${os.availableParallelism()})`, url: `${server.origin}/worker/api/surveys/census-lebanon/exports/responses.csv` },
    ];
    // Both give the same file: the comparison is of the same work.
    const sizes = await Promise.all(approaches.map(async ({ url }) => (await (await fetch(url, { headers: { Cookie: cookie } })).arrayBuffer()).byteLength));
    if (sizes[0] !== sizes[1]) throw new Error(`the two exports differ in size: ${sizes.join(" vs ")}`);
    const idle = await healthLatencies(server.origin, HEALTH_PROBES);
    const rows: Record<string, string>[] = [];
    for (const count of CONCURRENT_EXPORTS) {
      for (const approach of approaches) {
        const run = await measure(server.origin, approach.url, cookie, count);
        rows.push({
          "CSV exports at once": String(count),
          approach: approach.name,
          "health p50 / p99 idle (yardstick)": `${percentile(idle, 0.5).toFixed(1)} / ${percentile(idle, 0.99).toFixed(1)} ms`,
          "health p50 during": `${percentile(run.latencies, 0.5).toFixed(1)} ms`,
          "health p99 during": `${percentile(run.latencies, 0.99).toFixed(1)} ms`,
          "export throughput, all clients": `${run.throughput.toFixed(1)} MB/s`,
          "downloads completed, whole run": String(run.completed),
          failed: String(run.failed),
        });
      }
    }
    printTable(`Export sharing: CSV exports of ${SIZE.toLocaleString("en")} responses, on the request thread or in worker threads`, rows);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
