import { openStore } from "../store/open-store";
import type { Store } from "../store/store.port";
import { foldResponses, fromFoldJobFilter, type FoldJob } from "./fold-job";
import { QuestionnaireShapes } from "./questionnaire-shapes";

// A long-lived worker thread folding slices of the responses on request, with its own store
// connection, opened on the first job and kept.
let opened: Promise<{ store: Store; shapes: QuestionnaireShapes }> | undefined;

export default async function foldSlice(job: FoldJob) {
  // One opening shared by the jobs that arrive before it is done; a failed one is tried again.
  opened ??= openStore(job.store).then(
    (store) => ({ store, shapes: new QuestionnaireShapes(store) }),
    (error: unknown) => {
      opened = undefined;
      throw error;
    },
  );
  const { store, shapes } = await opened;
  return foldResponses(store, shapes, job.questionnaire, fromFoldJobFilter(job.filter));
}
