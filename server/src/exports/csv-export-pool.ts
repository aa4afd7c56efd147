import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker, type ResourceLimits } from "node:worker_threads";
import type { ExportOptions, JsonObject } from "@passerelle/shared";
import type { FoldJob } from "../analytics/fold-job";
import type { Logger } from "../logger";
import type { CsvOptions } from "./export-options";
import { exportThreadResourceLimits } from "./export-thread-memory";

/**
 * An export as sent to a worker thread: plain data (dates as ISO strings). A table of responses
 * written as CSV, or as the XML of a workbook's sheet (the zip is made in the request thread).
 */
export interface CsvExportJob {
  /** How the worker reaches the store: the same settings the server opened it with. */
  store: FoldJob["store"];
  /** What the export's columns are built from: the current definition and the older versions'. */
  definitions: { current: JsonObject; older: JsonObject[] };
  /** The repeat table to write rather than the responses' own table. */
  repeat?: string;
  filter: FoldJob["filter"];
  output: { format: "csv"; options: CsvOptions } | { format: "sheet"; options: ExportOptions & { rightToLeft: boolean } };
}

export type ToExportWorker = { kind: "start"; job: CsvExportJob } | { kind: "next" } | { kind: "cancel" };
/** A chunk is CSV text already in UTF-8, its buffer transferred rather than copied between the threads. */
export type FromExportWorker = { kind: "chunk"; bytes: Uint8Array } | { kind: "end" } | { kind: "error"; message: string };

export interface CsvExportPool {
  /** Starts an export in a worker thread; its UTF-8 text comes chunk by chunk, as the reader asks. */
  export(job: Omit<CsvExportJob, "store">): AsyncIterable<Uint8Array>;
  /** Ends every thread at once (the server is shutting down): running exports fail, later ones too. */
  close(): Promise<void>;
}

// A worker asked for its next chunk (it always has room to send one) that sends nothing for this
// long is stuck: its export fails and the thread is replaced.
const SILENCE_TIMEOUT_MS = 60_000;
// The server's default request body limit (BODY_LIMIT), which bounds a response's answers.
const DEFAULT_LARGEST_RESPONSE_BYTES = 2 ** 20;
// The largest document MongoDB stores: its driver decodes a response before we could refuse it
// as too large, so with MongoDB the cap must hold the largest there can be.
const MONGODB_LARGEST_DOCUMENT_BYTES = 16 * 2 ** 20;

export interface CsvExportPoolOptions {
  store: FoldJob["store"];
  /** Worker threads (default: the number of cores); further exports wait for a free one. */
  workers?: number;
  /** The compiled worker script (default: beside this file). */
  workerScript?: string;
  /** How long a worker asked for a chunk may stay silent before it is ended as stuck. */
  silenceTimeoutMs?: number;
  /** Where a worker ended as stuck, lost or out of memory is reported. */
  logger?: Logger;
  /**
   * The largest response's answers, in bytes of JSON (the request body limit, 1 MB by default):
   * each thread's heap is capped from it (export-thread-memory.ts).
   */
  largestResponseBytes?: number;
  /** The threads' heap limits, when not those derived from `largestResponseBytes`. */
  resourceLimits?: ResourceLimits;
}

/**
 * A bounded pool of worker threads writing CSV exports and the responses' sheets of workbooks,
 * so that building the cells of thousands of responses never holds the request thread: it only
 * passes chunks of UTF-8 from a worker to the client (or, for a workbook, into its zip), and
 * other requests are served meanwhile whatever the number of exports (measured in
 * docs/performance.md). The export cap still applies in front of it; exports beyond the pool's
 * size wait for a free thread. A worker runs up to 8 chunks ahead of the client
 * at most (each chunk taken lets it send one more), so a slow client paces its export. A client
 * gone stops its export; a thread that fails, dies or stays silent when asked for a chunk fails
 * its export (the download is cut short, as any failing stream) and is replaced. Each thread's
 * heap is capped from the largest response there can be (export-thread-memory.ts), so V8 collects
 * an export's garbage as it goes; a thread that runs out of memory is one that fails. The threads start with the
 * pool and stay, each holding its own copy of the code and a store connection. Returns undefined where the
 * compiled worker script is missing (running from TypeScript sources): exports then run in the
 * request thread, taking turns.
 */
export function createCsvExportPool(options: CsvExportPoolOptions): CsvExportPool | undefined {
  const script = options.workerScript ?? path.join(__dirname, "csv-export.worker.js");
  if (!fs.existsSync(script)) return undefined;
  const settings: WorkerSettings = {
    script,
    silenceTimeoutMs: options.silenceTimeoutMs ?? SILENCE_TIMEOUT_MS,
    resourceLimits: options.resourceLimits ?? exportThreadResourceLimits(largestResponseBytes(options)),
    logger: options.logger,
  };
  const workers = new Set<ExportWorker>();
  const startWorker = () => {
    const worker = new ExportWorker(settings);
    workers.add(worker);
    return worker;
  };
  // Started at once, not on the first export: a thread takes a second or more to load its code
  // (and some 60 MB), which the first download would otherwise wait for.
  const idle = Array.from({ length: Math.max(1, options.workers ?? os.availableParallelism()) }, startWorker);
  const waiting: { resolve: (worker: ExportWorker) => void; reject: (error: Error) => void }[] = [];
  let isClosed = false;
  const closedError = () => new Error("the CSV export threads are closed: the server is shutting down");
  const acquire = (): Promise<ExportWorker> => {
    if (isClosed) return Promise.reject(closedError());
    const free = idle.pop();
    return free ? Promise.resolve(free) : new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  const release = (worker: ExportWorker) => {
    if (isClosed) return;
    if (worker.isDead) workers.delete(worker);
    const replacement = worker.isDead ? startWorker() : worker;
    const next = waiting.shift();
    if (next) next.resolve(replacement);
    else idle.push(replacement);
  };
  return {
    export: (job) =>
      (async function* () {
        const worker = await acquire();
        try {
          yield* worker.run({ ...job, store: options.store });
        } finally {
          release(worker);
        }
      })(),
    close: async () => {
      isClosed = true;
      for (const waiter of waiting.splice(0)) waiter.reject(closedError());
      await Promise.all([...workers].map((worker) => worker.end(closedError())));
      workers.clear();
    },
  };
}

interface WorkerSettings {
  script: string;
  silenceTimeoutMs: number;
  resourceLimits: ResourceLimits;
  logger: Logger | undefined;
}

/** One worker thread and the messages it sent that no one has read yet. */
class ExportWorker {
  isDead = false;
  private readonly worker: Worker;
  private readonly inbox: FromExportWorker[] = [];
  private waiter: { resolve: (message: FromExportWorker) => void; reject: (error: Error) => void } | undefined;
  private death: Error | undefined;

  private silence: NodeJS.Timeout | undefined;

  constructor(private readonly settings: WorkerSettings) {
    this.worker = new Worker(settings.script, { resourceLimits: settings.resourceLimits });
    // An idle pool never keeps the process alive.
    this.worker.unref();
    this.worker.on("message", (message: FromExportWorker) => {
      clearTimeout(this.silence);
      if (this.waiter) {
        this.waiter.resolve(message);
        this.waiter = undefined;
      } else this.inbox.push(message);
    });
    this.worker.on("error", (error) => this.die(isOutOfMemory(error) ? this.outOfMemory() : error));
    this.worker.on("exit", (code) => this.die(new Error(`the export worker stopped (exit code ${code})`)));
  }

  async *run(job: CsvExportJob): AsyncIterable<Uint8Array> {
    this.worker.ref();
    this.worker.postMessage({ kind: "start", job } satisfies ToExportWorker);
    let isOver = false;
    try {
      for (;;) {
        const message = await this.receive();
        if (message.kind === "end") {
          isOver = true;
          return;
        }
        if (message.kind === "error") {
          isOver = true;
          throw new Error(message.message);
        }
        // Taken: the worker may send one more.
        this.worker.postMessage({ kind: "next" } satisfies ToExportWorker);
        yield message.bytes;
      }
    } finally {
      // The reader stopped early (the client went away, or the write failed): stop the worker's
      // export and wait for it to say so, so the thread is free before it takes the next one.
      if (!isOver && !this.isDead) {
        this.worker.postMessage({ kind: "cancel" } satisfies ToExportWorker);
        for (let message = await this.receive().catch(() => undefined); message?.kind === "chunk"; message = await this.receive().catch(() => undefined)) {
          this.worker.postMessage({ kind: "cancel" } satisfies ToExportWorker);
        }
      }
      if (!this.isDead) this.worker.unref();
    }
  }

  /** Ends the thread now (shutdown), failing the export it runs. */
  async end(error: Error): Promise<void> {
    this.die(error);
    await this.worker.terminate();
  }

  private receive(): Promise<FromExportWorker> {
    const message = this.inbox.shift();
    if (message) return Promise.resolve(message);
    if (this.death) return Promise.reject(this.death);
    clearTimeout(this.silence);
    const { silenceTimeoutMs } = this.settings;
    this.silence = setTimeout(() => {
      const error = new Error(`the CSV export thread sent nothing for ${silenceTimeoutMs} ms; replaced`);
      this.settings.logger?.error({ err: error }, "CSV export worker replaced");
      this.die(error);
    }, silenceTimeoutMs);
    this.silence.unref();
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  // V8 ended the thread at its heap cap: only this export fails, and the pool starts a fresh thread.
  private outOfMemory(): Error {
    const limit = this.settings.resourceLimits.maxOldGenerationSizeMb;
    const error = new Error(`the export needed more memory than an export thread has (${limit} MB); the thread is replaced`);
    this.settings.logger?.error({ err: error }, "CSV export worker out of memory");
    return error;
  }

  private die(error: Error): void {
    if (this.isDead) return;
    this.isDead = true;
    this.death = error;
    clearTimeout(this.silence);
    this.waiter?.reject(error);
    this.waiter = undefined;
    void this.worker.terminate();
  }
}

function largestResponseBytes(options: CsvExportPoolOptions): number {
  const accepted = options.largestResponseBytes ?? DEFAULT_LARGEST_RESPONSE_BYTES;
  return options.store.mongodbUri === undefined ? accepted : Math.max(accepted, MONGODB_LARGEST_DOCUMENT_BYTES);
}

function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY";
}
