import { parentPort } from "node:worker_threads";
import { openStore } from "../store/open-store";
import type { Store } from "../store/store.port";
import { foldResponses, fromFoldJobFilter, type FoldJob } from "./fold-job";
import { QuestionnaireShapes } from "./questionnaire-shapes";

// A long-lived worker thread folding slices of the responses on request, with its own store
// connection, opened on the first job and kept.
let opened: { store: Store; shapes: QuestionnaireShapes } | undefined;

async function run(job: FoldJob): Promise<{ summary: unknown }> {
  if (!opened) {
    const store = await openStore(job.store);
    opened = { store, shapes: new QuestionnaireShapes(store) };
  }
  return { summary: await foldResponses(opened.store, opened.shapes, job.questionnaire, fromFoldJobFilter(job.filter)) };
}

parentPort?.on("message", (message: { id: number; job: FoldJob }) => {
  run(message.job).then(
    (result) => parentPort?.postMessage({ id: message.id, ...result }),
    (error: unknown) => parentPort?.postMessage({ id: message.id, error: String((error as Error)?.stack ?? error) }),
  );
});
