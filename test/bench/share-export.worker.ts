/**
 * The worker-thread side of the export-sharing comparison (share.bench.ts): a CSV export of
 * responses built off the request thread, with the same compiled plan and chunks as the server's
 * own export, sent to the request thread chunk by chunk. At most two chunks wait for the
 * request thread to take them, so a slow client still holds the export back.
 */
import { parentPort } from "node:worker_threads";
import { buildExportLayout, headersOf, type JsonObject } from "@passerelle/shared";
import { compileCsvLine, csvLineOf } from "../../server/src/exports/csv-format";
import { CSV_CHUNK_CHARACTERS } from "../../server/src/exports/csv-stream";
import { openEmbeddedStore } from "../../server/src/store/embedded/sqlite.store";
import type { Store } from "../../server/src/store/store.port";

export interface WorkerExportJob {
  dataDir: string;
  surveyId: string;
  definition: JsonObject;
}

const IN_FLIGHT = 2;
let store: Store | undefined;
let taken = 0;
let sent = 0;
let isCancelled = false;
let wakeUp: (() => void) | undefined;

async function run(job: WorkerExportJob): Promise<void> {
  store ??= openEmbeddedStore({ dataDir: job.dataDir });
  const layout = buildExportLayout(job.definition);
  const options = { header: "names", values: "codes", locale: "fr", delimiter: "," } as const;
  const lineOf = compileCsvLine(layout.columns, layout, options);
  const send = async (text: string) => {
    while (sent - taken >= IN_FLIGHT && !isCancelled) await new Promise<void>((resolve) => (wakeUp = resolve));
    sent += 1;
    parentPort?.postMessage({ chunk: text });
  };
  await send(`\uFEFF${csvLineOf(headersOf(layout.columns, layout, options), ",")}\r\n`);
  let text = "";
  for await (const response of store.responses.stream({ surveyId: job.surveyId, status: "submitted" })) {
    if (isCancelled) return;
    text += `${lineOf(response)}\r\n`;
    if (text.length >= CSV_CHUNK_CHARACTERS) {
      await send(text);
      text = "";
    }
  }
  if (text !== "") await send(text);
}

parentPort?.on("message", (message: { job?: WorkerExportJob; taken?: true; cancel?: true }) => {
  if (message.taken) taken += 1;
  if (message.cancel) isCancelled = true;
  if (message.taken || message.cancel) {
    wakeUp?.();
    wakeUp = undefined;
  }
  if (message.job) {
    taken = 0;
    sent = 0;
    isCancelled = false;
    run(message.job).then(
      () => parentPort?.postMessage({ done: true }),
      (error: unknown) => parentPort?.postMessage({ error: String(error) }),
    );
  }
});
