/**
 * The server of the export-sharing comparison (share.bench.ts), in its own process so that the
 * benchmark's clients do not take the server's thread. Two instances of the app on one store:
 * at `/` CSV exports run in the request thread, taking turns every few milliseconds
 * (server/src/exports/event-loop-share.ts); under `/worker` they run in the pool of worker
 * threads the server starts with (server/src/exports/csv-export-pool.ts, compiled by
 * `tsc -b server`). Reads DATA_DIR; prints `listening <port>`.
 */
import path from "node:path";
import express from "express";
import pino from "pino";
import { createApp } from "../../server/src/app";
import { createCsvExportPool } from "../../server/src/exports/csv-export-pool";
import { loadQuestionnaires } from "../../server/src/questionnaires/load-questionnaires";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import { SHIPPED_SURVEYS_DIR } from "../support/test-app";

const dataDir = process.env.DATA_DIR as string;
const store = openEmbeddedStore({ dataDir });
const questionnaires = loadQuestionnaires(SHIPPED_SURVEYS_DIR);
const workerScript = path.join(__dirname, "../../server/dist/exports/csv-export.worker.js");
const csvExportPool = createCsvExportPool({ store: { dataDir, mongodbUri: undefined }, workerScript });
if (!csvExportPool) throw new Error(`${workerScript} is missing: run tsc -b server first`);
// The cap is lifted: what is measured is how the exports share the thread, not how many are refused.
const common = { store, questionnaires, logger: pino({ level: "silent" }), bodyLimit: "1mb", exportConcurrency: 1000 };

const server = express();
server.use("/worker", createApp({ ...common, csvExportPool }));
server.use(createApp(common));
const listener = server.listen(0, "127.0.0.1", () => {
  const address = listener.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => {
  listener.closeAllConnections();
  listener.close();
  void store.close().then(() => process.exit(0));
});
