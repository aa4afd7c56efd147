import { openStore } from "../store/open-store";
import type { Store } from "../store/store.port";
import { foldedResponses, fromFoldJobFilter, type FoldJob } from "./fold-job";
import { packedFoldOf, type PackedFold } from "./packed-fold";
import { QuestionnaireShapes } from "./questionnaire-shapes";

// A long-lived worker thread folding slices of the responses on request, with its own store
// connection, opened on the first job and kept.
let opened: Promise<{ store: Store; shapes: QuestionnaireShapes }> | undefined;

export default async function foldSlice(job: FoldJob): Promise<PackedFold> {
  // One opening shared by the jobs that arrive before it is done; a failed one is tried again.
  opened ??= openStore(job.store).then(
    (store) => ({ store, shapes: new QuestionnaireShapes(store) }),
    (error: unknown) => {
      opened = undefined;
      throw error;
    },
  );
  const { store, shapes } = await opened;
  const { fold, versionOf } = await foldedResponses(store, shapes, job.questionnaire, fromFoldJobFilter(job.filter));
  return packedFoldOf(fold, versionOf);
}
