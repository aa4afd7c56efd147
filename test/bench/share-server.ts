/**
 * The server of the export-sharing comparison (share.bench.ts), in its own process so that the
 * benchmark's clients do not take the server's thread: the app as it ships (CSV exports on the
 * request thread, taking turns every few milliseconds), plus a route serving the same CSV built
 * by a bounded pool of worker threads (one per core, further exports wait for a free one).
 * Reads DATA_DIR; prints `listening <port>`.
 */
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import express, { type Response } from "express";
import pino from "pino";
import { createApp } from "../../server/src/app";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import { SHIPPED_SURVEYS_DIR } from "../support/test-app";
import type { WorkerExportJob } from "./share-export.worker";

const dataDir = process.env.DATA_DIR as string;
const store = openEmbeddedStore({ dataDir });
const questionnaires = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
const census = questionnaires.get("census-lebanon");
// The cap is lifted: what is measured is how the exports share the thread, not how many are refused.
const app = createApp({ store, questionnaires, logger: pino({ level: "silent" }), bodyLimit: "1mb", exportConcurrency: 1000 });

// The worker's TypeScript is loaded through tsx's require hook, as the benchmark itself is.
const WORKER_BOOT = `require("tsx/cjs"); require(${JSON.stringify(path.join(__dirname, "share-export.worker.ts"))});`;
const idle: Worker[] = Array.from({ length: os.availableParallelism() }, () => new Worker(WORKER_BOOT, { eval: true }));
const waiting: ((worker: Worker) => void)[] = [];
const acquire = () => new Promise<Worker>((resolve) => (idle.length > 0 ? resolve(idle.pop() as Worker) : waiting.push(resolve)));
const release = (worker: Worker) => (waiting.length > 0 ? (waiting.shift() as (worker: Worker) => void)(worker) : idle.push(worker));

async function workerExport(res: Response): Promise<void> {
  const worker = await acquire();
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  await new Promise<void>((resolve) => {
    const finish = () => {
      worker.off("message", onMessage);
      res.off("close", onClose);
      resolve();
    };
    const onClose = () => worker.postMessage({ cancel: true });
    const onMessage = (message: { chunk?: string; done?: true; error?: string }) => {
      if (message.chunk !== undefined) {
        if (res.write(message.chunk)) worker.postMessage({ taken: true });
        else res.once("drain", () => worker.postMessage({ taken: true }));
      } else {
        if (message.error) res.destroy(new Error(message.error));
        else res.end();
        finish();
      }
    };
    worker.on("message", onMessage);
    res.once("close", onClose);
    worker.postMessage({ job: { dataDir, surveyId: census.id, definition: census.definition } satisfies WorkerExportJob });
  });
  release(worker);
}

const server = express();
server.get("/bench/worker/responses.csv", (_req, res) => void workerExport(res));
server.use(app);
const listener = server.listen(0, "127.0.0.1", () => {
  const address = listener.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => {
  listener.closeAllConnections();
  listener.close();
  for (const worker of idle) void worker.terminate();
  void store.close().then(() => process.exit(0));
});
