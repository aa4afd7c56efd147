import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { mergeSummaries, type Summary } from "@passerelle/shared";
import type { ResponseFilter } from "../store/store.port";
import { toFoldJobFilter, type FoldJob, type FoldQuestionnaire } from "./fold-job";

export type ParallelFold = (questionnaire: FoldQuestionnaire, filter: ResponseFilter) => Promise<Summary>;

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
}

// See ParallelFoldOptions.hungAfterMs.
const DEFAULT_HUNG_AFTER_MS = 60_000;

interface WorkerReply {
  id: number;
  summary?: Summary;
  error?: string;
}

/**
 * Folds the responses in slices, one per worker thread, and merges the partial summaries:
 * accumulators are mergeable, so the result is the one a single pass gives, in a fraction of
 * the time on several cores. The workers start on first use and stay (they cost a few hundred
 * milliseconds to start). Returns undefined where the compiled worker script is missing
 * (running from TypeScript sources); callers then fold in-thread.
 */
export function createParallelFold(options: ParallelFoldOptions): ParallelFold | undefined {
  const workerScript = options.workerScript ?? path.join(__dirname, "fold.worker.js");
  if (!fs.existsSync(workerScript)) return undefined;
  const count = Math.max(1, options.workers ?? os.availableParallelism());
  let pool: FoldWorker[] | undefined;
  return async (questionnaire, filter) => {
    pool ??= Array.from({ length: count }, () => new FoldWorker(workerScript, options.hungAfterMs ?? DEFAULT_HUNG_AFTER_MS));
    const parts = await Promise.all(
      pool.map((worker, index) =>
        worker.fold({
          store: options.store,
          questionnaire: { id: questionnaire.id, version: questionnaire.version, definition: questionnaire.definition },
          filter: toFoldJobFilter({ ...filter, slice: { index, count } }),
        }),
      ),
    );
    return parts.reduce((whole, part) => mergeSummaries(whole, part));
  };
}

/**
 * One worker thread and its pending jobs; replaced by a new thread if it dies, or if a job
 * gets no answer in `hungAfterMs` (an endless loop, a store that never answers): the thread is
 * terminated, which fails its jobs, and the next job starts a fresh one.
 */
class FoldWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (result: Summary) => void; reject: (error: Error) => void; watchdog: NodeJS.Timeout }>();
  private nextId = 0;

  constructor(
    private readonly script: string,
    private readonly hungAfterMs: number,
  ) {}

  fold(job: FoldJob): Promise<Summary> {
    const worker = this.start();
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      const watchdog = setTimeout(() => void this.replaceHung(worker), this.hungAfterMs);
      watchdog.unref();
      this.pending.set(id, { resolve, reject, watchdog });
      worker.ref();
      worker.postMessage({ id, job });
    });
  }

  private async replaceHung(worker: Worker): Promise<void> {
    if (this.worker !== worker) return;
    this.fail(new Error(`fold worker gave no answer in ${this.hungAfterMs} ms; replaced`));
    await worker.terminate();
  }

  private fail(error: Error): void {
    this.worker = undefined;
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.watchdog);
      waiting.reject(error);
    }
    this.pending.clear();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on("message", (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      clearTimeout(waiting.watchdog);
      this.pending.delete(reply.id);
      // An idle worker must not keep the process alive at shutdown.
      if (this.pending.size === 0) worker.unref();
      if (reply.error || !reply.summary) waiting.reject(new Error(`fold worker failed: ${reply.error ?? "no result"}`));
      else waiting.resolve(reply.summary);
    });
    // Only while this thread is the current one: a replaced thread's exit fails nothing new.
    const fail = (error: Error) => {
      if (this.worker === worker) this.fail(error);
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`fold worker exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
