import { CompiledFold, Delta, DeltaDecoder, layoutOf, type CellLayout, type JsonObject, type QuestionnaireShape, type Summary } from "@passerelle/shared";
import type { Questionnaire } from "../questionnaires/questionnaire";
import type { ResponseFilter, Store } from "../store/store.port";
import { readableDeltaStamps } from "./fold-deltas";
import { QuestionnaireShapes } from "./questionnaire-shapes";

/** A summary and the point of the change sequence it is as of, so later answers can be folded into it. */
export interface CachedSummary {
  summary: Summary;
  /** Every response folded in had its latest change at or before this point. */
  watermark: number;
}

/** What a fold needs to know of the questionnaire: its current version. */
export type FoldQuestionnaire = Pick<Questionnaire, "id" | "version" | "definition">;

/**
 * Folds every response matching the filter, each against its own version's shape, through
 * the fold compiled per version (`CompiledFold`), from the responses' encoded deltas where the
 * store has readable ones. The one loop behind every summary from
 * scratch, run in the server's thread or, in slices, in worker threads.
 */
export async function foldResponses(store: Store, shapes: QuestionnaireShapes, questionnaire: FoldQuestionnaire, filter: ResponseFilter): Promise<Summary> {
  return (await foldedResponses(store, shapes, questionnaire, filter)).fold.summary(shapes.current(questionnaire));
}

/** The fold of the matching responses, its groups still packed, and the version of each layout it folded against. */
export async function foldedResponses(
  store: Store,
  shapes: QuestionnaireShapes,
  questionnaire: FoldQuestionnaire,
  filter: ResponseFilter,
): Promise<{ fold: CompiledFold; versionOf: Map<CellLayout, string> }> {
  const fold = new CompiledFold();
  const versionOf = new Map<CellLayout, string>();
  const decoder = new DeltaDecoder();
  const delta = new Delta();
  const deltaStamps = await readableDeltaStamps(store, shapes, questionnaire);
  // Only the fold's part of each response, a page at a time: the encoded delta of its answers
  // where one was saved under a stamp the fold reads, else the answers themselves. A version's
  // shape is looked up once per page it appears in.
  for await (const page of store.responses.streamAnswerPages(filter, { deltaStamps })) {
    const pageShapes = new Map<string, QuestionnaireShape>();
    for (const { version } of page) {
      if (pageShapes.has(version)) continue;
      const shape = await shapes.forVersion(questionnaire, version);
      pageShapes.set(version, shape);
      versionOf.set(layoutOf(shape), version);
    }
    for (const response of page) {
      const shape = pageShapes.get(response.version) as QuestionnaireShape;
      if (response.delta) fold.addDelta(delta, shape, decoder.decode(response.delta, shape, delta));
      else fold.add({ answers: response.answers, shape });
    }
  }
  return { fold, versionOf };
}

/** A fold job as sent to a worker thread: plain data (dates as ISO strings). */
export interface FoldJob {
  store: { dataDir: string; mongodbUri: string | undefined };
  questionnaire: { id: string; version: string; definition: JsonObject };
  filter: Omit<ResponseFilter, "submittedFrom" | "submittedBefore"> & {
    submittedFrom?: string;
    submittedBefore?: string;
  };
}

export function toFoldJobFilter(filter: ResponseFilter): FoldJob["filter"] {
  const { submittedFrom, submittedBefore, ...rest } = filter;
  return {
    ...rest,
    ...(submittedFrom ? { submittedFrom: submittedFrom.toISOString() } : {}),
    ...(submittedBefore ? { submittedBefore: submittedBefore.toISOString() } : {}),
  };
}

export function fromFoldJobFilter(filter: FoldJob["filter"]): ResponseFilter {
  const { submittedFrom, submittedBefore, ...rest } = filter;
  return {
    ...rest,
    ...(submittedFrom ? { submittedFrom: new Date(submittedFrom) } : {}),
    ...(submittedBefore ? { submittedBefore: new Date(submittedBefore) } : {}),
  };
}
