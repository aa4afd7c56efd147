import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readQuestionnaireShape, type QuestionnaireShape, type Summary } from "@passerelle/shared";
import type { Logger } from "../logger";
import type { ResponseFilter, ResponseStore } from "../store/store.port";
import { createWorkerPool } from "../workers/worker-pool";
import { toFoldJobFilter, type FoldJob, type FoldQuestionnaire } from "./fold-job";
import { mergePackedFolds, type PackedFold } from "./packed-fold";

/** Folds the responses a filter picks in slices, as `responses` plans them. */
export type ParallelFold = (questionnaire: FoldQuestionnaire, filter: ResponseFilter, responses: Pick<ResponseStore, "planSlices">) => Promise<Summary>;

export interface ParallelFoldOptions {
  /** How the workers reach the store: the same settings the server opened it with. */
  store: FoldJob["store"];
  /** Number of worker threads (default: the number of cores). */
  workers?: number;
  /** The compiled worker script (default: beside this file). */
  workerScript?: string;
  /**
   * A fold that takes longer is taken for stuck: its thread is ended and replaced, its request
   * folds in-thread instead, and later requests for the same filter do not wait on it
   * (default 60 s; a census of a million responses folds in a few seconds).
   */
  hungAfterMs?: number;
  /** Where a replaced worker thread is reported. */
  logger?: Logger;
}

// See ParallelFoldOptions.hungAfterMs.
const DEFAULT_HUNG_AFTER_MS = 60_000;
// Slices that may wait for a thread: a few dozen dashboards folding at once, then refused (the
// request then folds in its own thread).
const QUEUED_SLICES_PER_THREAD = 16;

/** Folds in worker threads, and ends them when the server shuts down. */
export type ClosableParallelFold = ParallelFold & { close(): Promise<void> };

/**
 * Folds the responses in slices, one per worker thread (planned by the store, so that each
 * thread reads its own rows), and merges their packed figures
 * (`PackedFold`): figures are mergeable, so the result is the one a single pass gives, in a fraction of
 * the time on several cores. The workers start on first use and stay (they cost a few hundred
 * milliseconds to start, and each keeps its own store connection). A slice that fails, or gets
 * no answer in `hungAfterMs` (its thread is then ended and replaced), fails the fold, which the
 * caller then runs in-thread. Returns undefined where the compiled worker script is missing
 * (running from TypeScript sources); callers then fold in-thread.
 */
export function createParallelFold(options: ParallelFoldOptions): ClosableParallelFold | undefined {
  const workerScript = options.workerScript ?? path.join(__dirname, "fold.worker.js");
  if (!fs.existsSync(workerScript)) return undefined;
  const count = Math.max(1, options.workers ?? os.availableParallelism());
  const pool = createWorkerPool<FoldJob, PackedFold>({
    name: "analytics fold",
    script: workerScript,
    threads: count,
    taskTimeoutMs: options.hungAfterMs ?? DEFAULT_HUNG_AFTER_MS,
    maxQueued: QUEUED_SLICES_PER_THREAD * count,
    logger: options.logger,
  });
  const fold: ParallelFold = async (questionnaire, filter, responses) => {
    const slices = await responses.planSlices(filter, count);
    const parts = await Promise.all(
      slices.map((slice) =>
        pool.run({
          store: options.store,
          questionnaire: { id: questionnaire.id, version: questionnaire.version, definition: questionnaire.definition },
          filter: toFoldJobFilter({ ...filter, slice }),
        }),
      ),
    );
    return mergePackedFolds(parts, currentShapeOf(questionnaire));
  };
  return Object.assign(fold, { close: () => pool.close() });
}

// The current version's shape, read once per questionnaire definition: the merge keeps each
// question's figures as the current version asks it (see `summaryOfPacked`).
const currentShapes = new WeakMap<FoldQuestionnaire["definition"], QuestionnaireShape>();

function currentShapeOf(questionnaire: FoldQuestionnaire): QuestionnaireShape {
  let shape = currentShapes.get(questionnaire.definition);
  if (!shape) {
    shape = readQuestionnaireShape(questionnaire.definition);
    currentShapes.set(questionnaire.definition, shape);
  }
  return shape;
}
