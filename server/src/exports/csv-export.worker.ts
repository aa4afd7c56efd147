import { parentPort, resourceLimits } from "node:worker_threads";
import { buildExportLayout } from "@passerelle/shared";
import { fromFoldJobFilter } from "../analytics/fold-job";
import { openEmbeddedStore } from "../store/embedded/sqlite.store";
import type { Store } from "../store/store.port";
import type { CsvExportJob, FromExportWorker, ToExportWorker } from "./csv-export-pool";
import { tableText } from "./csv-table";
import { largestAnswersWithin } from "./export-thread-memory";
import { sheetTableXml } from "./sheet-table";

// A long-lived worker thread writing exports (CSV, or the XML of a workbook's sheet) one at a
// time, with its own store connection, opened on the first job and kept. It runs up to 8 chunks
// of about 256 K characters (2 to 4 MB) ahead of the request thread, no more, enough to keep it
// busy while messages cross between the threads: each chunk the request thread takes lets it
// send one more, so a slow client paces it.
const CHUNKS_AHEAD = 8;
const MESSAGE_CHARACTERS = 256 * 1024;
let credit = 0;
let asked: (() => void) | undefined;
let isCancelled = false;
let store: Store | undefined;

const send = (message: FromExportWorker) => parentPort?.postMessage(message);
const encoder = new TextEncoder();

// Encoded here, off the request thread, into a buffer of its own that is moved to the request
// thread rather than copied: posting the text itself cost as much as building it (the string
// flattened, then serialised and copied), and the request thread then encoded it once more.
function sendText(text: string): void {
  const bytes = encoder.encode(text);
  parentPort?.postMessage({ kind: "chunk", bytes } satisfies FromExportWorker, [bytes.buffer]);
}

// The MongoDB driver is loaded only where it is used: it would add a second to every thread's start.
async function openStoreOf(settings: CsvExportJob["store"]): Promise<Store> {
  // A response too large for this thread's heap cap fails its export before it is parsed.
  const largestAnswers = largestAnswersWithin(resourceLimits);
  if (settings.mongodbUri === undefined) return openEmbeddedStore({ dataDir: settings.dataDir, ...(largestAnswers === undefined ? {} : { largestAnswers }) });
  const { openStore } = await import("../store/open-store.js");
  return openStore(settings);
}

async function run(job: CsvExportJob): Promise<void> {
  store ??= await openStoreOf(job.store);
  const layout = buildExportLayout(job.definitions.current, job.definitions.older);
  const table = job.repeat === undefined ? undefined : layout.repeats.find((candidate) => candidate.name === job.repeat);
  if (job.repeat !== undefined && table === undefined) throw new Error(`no repeat table ${job.repeat}`);
  const source = { layout, filter: fromFoldJobFilter(job.filter) };
  const { output } = job;
  const texts = output.format === "csv" ? tableText(store, source, table, output.options) : sheetTableXml(store, source, table, output.options);
  // The first piece (the header) goes at once, so the download starts; then larger chunks than
  // the writers' own, each message between the threads having a cost of its own.
  let pending = "";
  let isFirst = true;
  for await (const text of texts) {
    pending += text;
    if (!isFirst && pending.length < MESSAGE_CHARACTERS) continue;
    isFirst = false;
    if (!(await mayPost())) return;
    sendText(pending);
    pending = "";
  }
  if (pending !== "" && (await mayPost())) sendText(pending);
}

// Waits until the request thread has room for one more chunk; false once the export is cancelled.
async function mayPost(): Promise<boolean> {
  while (credit === 0 && !isCancelled) await new Promise<void>((resolve) => (asked = resolve));
  if (isCancelled) return false;
  credit -= 1;
  return true;
}

parentPort?.on("message", (message: ToExportWorker) => {
  if (message.kind === "start") {
    isCancelled = false;
    credit = CHUNKS_AHEAD;
    run(message.job).then(
      () => send({ kind: "end" }),
      (error: unknown) => send({ kind: "error", message: String((error as Error)?.stack ?? error) }),
    );
    return;
  }
  if (message.kind === "cancel") isCancelled = true;
  else credit += 1;
  asked?.();
  asked = undefined;
});
