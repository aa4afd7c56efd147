import { parentPort } from "node:worker_threads";
import { buildExportLayout } from "@passerelle/shared";
import { fromFoldJobFilter } from "../analytics/fold-job";
import { openStore } from "../store/open-store";
import type { Store } from "../store/store.port";
import type { CsvExportJob, FromExportWorker, ToExportWorker } from "./csv-export-pool";
import { tableText } from "./csv-table";

// A long-lived worker thread writing CSV exports one at a time, with its own store connection,
// opened on the first job and kept. It sends one chunk, then waits to be asked for the next: the
// request thread asks once the chunk is on its way to the client, so a slow client paces it.
let store: Store | undefined;
let asked: (() => void) | undefined;
let isCancelled = false;

const send = (message: FromExportWorker) => parentPort?.postMessage(message);

async function run(job: CsvExportJob): Promise<void> {
  store ??= await openStore(job.store);
  const layout = buildExportLayout(job.definitions.current, job.definitions.older);
  const table = job.repeat === undefined ? undefined : layout.repeats.find((candidate) => candidate.name === job.repeat);
  if (job.repeat !== undefined && table === undefined) throw new Error(`no repeat table ${job.repeat}`);
  for await (const text of tableText(store, { layout, filter: fromFoldJobFilter(job.filter) }, table, job.options)) {
    if (isCancelled) return;
    const next = new Promise<void>((resolve) => (asked = resolve));
    send({ kind: "chunk", text });
    await next;
    if (isCancelled) return;
  }
}

parentPort?.on("message", (message: ToExportWorker) => {
  if (message.kind === "start") {
    isCancelled = false;
    run(message.job).then(
      () => send({ kind: "end" }),
      (error: unknown) => send({ kind: "error", message: String((error as Error)?.stack ?? error) }),
    );
    return;
  }
  if (message.kind === "cancel") isCancelled = true;
  asked?.();
  asked = undefined;
});
