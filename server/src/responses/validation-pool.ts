import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { JsonObject } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { Logger } from "../logger";
import type { CheckedAnswers, ValidationRequest } from "./answer-validator";

/** A validation sent to a worker; the definition comes with a version's first job only. */
export interface ValidationJob {
  id: number;
  version: string;
  definition?: JsonObject;
  request: ValidationRequest;
}

interface ValidationReply {
  id: number;
  result?: CheckedAnswers;
  error?: string;
}

export interface ValidationPool {
  /** Validates answers against a questionnaire version in one of the worker threads. */
  check(questionnaire: { version: string; definition: JsonObject }, request: ValidationRequest): Promise<CheckedAnswers>;
  /** Stops the worker threads (idle workers do not keep the process alive anyway). */
  close(): Promise<void>;
}

export interface ValidationPoolOptions {
  /** Number of worker threads (default: the number of cores). */
  workers?: number;
  /** The compiled worker script (default: beside this file). */
  workerScript?: string;
  /** A worker with jobs waiting that answers none for this long is deemed hung (default 10 s). */
  hungAfterMs?: number;
  /** Where a lost worker is reported. */
  logger?: Logger;
}

// A job whose worker died or hung is tried once more on a fresh thread: the request is not lost
// to a crash, and an answer that itself hangs a worker costs two threads at most, not all.
const ATTEMPTS = 2;

class WorkerLostError extends Error {}

/**
 * Spreads validations over worker threads, each keeping one survey-core model per questionnaire
 * version and language, so that submissions are validated on every core while the request's
 * thread parses, stores and answers. Verdicts are those of `AnswerValidator`, which the workers
 * run. Returns undefined where the compiled worker script is missing (running from TypeScript
 * sources); callers then validate in-thread.
 */
export function createValidationPool(options: ValidationPoolOptions = {}): ValidationPool | undefined {
  const workerScript = options.workerScript ?? path.join(__dirname, "validation.worker.js");
  if (!fs.existsSync(workerScript)) return undefined;
  const count = Math.max(1, options.workers ?? os.availableParallelism());
  const workers = Array.from({ length: count }, () => new ValidationWorker(workerScript, options.hungAfterMs ?? 10_000));

  const run = async (version: string, definition: JsonObject, request: ValidationRequest, attempt: number): Promise<CheckedAnswers> => {
    const worker = workers.reduce((idlest, candidate) => (candidate.load < idlest.load ? candidate : idlest));
    try {
      return await worker.check(version, definition, request);
    } catch (error: unknown) {
      if (!(error instanceof WorkerLostError)) throw error;
      options.logger?.error({ err: error, attempt }, "validation worker lost");
      if (attempt >= ATTEMPTS) {
        throw new AppError("validation_unavailable", "The answers could not be checked just now. Try again in a moment.");
      }
      return run(version, definition, request, attempt + 1);
    }
  };
  return {
    check: (questionnaire, request) => run(questionnaire.version, questionnaire.definition, request, 1),
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}

/** One worker thread and its jobs, answered in order; replaced by a new thread if it dies or hangs. */
class ValidationWorker {
  private worker: Worker | undefined;
  private readonly versions = new Set<string>();
  private readonly pending = new Map<number, { resolve: (result: CheckedAnswers) => void; reject: (error: Error) => void }>();
  private watchdog: NodeJS.Timeout | undefined;
  private nextId = 0;

  constructor(
    private readonly script: string,
    private readonly hungAfterMs: number,
  ) {}

  get load(): number {
    return this.pending.size;
  }

  check(version: string, definition: JsonObject, request: ValidationRequest): Promise<CheckedAnswers> {
    const worker = this.start();
    const id = (this.nextId += 1);
    const job: ValidationJob = { id, version, request, ...(this.versions.has(version) ? {} : { definition }) };
    this.versions.add(version);
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) {
        worker.ref();
        this.armWatchdog(worker);
      }
      this.pending.set(id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) await this.lose(worker, new WorkerLostError("validation pool closed"));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on("message", (reply: ValidationReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) {
        // An idle worker must not keep the process alive at shutdown.
        clearTimeout(this.watchdog);
        worker.unref();
      } else {
        this.watchdog?.refresh();
      }
      if (reply.result) waiting.resolve(reply.result);
      else waiting.reject(new Error(`validation failed in a worker: ${reply.error ?? "no result"}`));
    });
    worker.on("error", (error) => void this.lose(worker, new WorkerLostError(`validation worker failed: ${error.message}`)));
    worker.on("exit", (code) => void this.lose(worker, new WorkerLostError(`validation worker exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  // Jobs are answered in order, so a worker busy with jobs that answers none for this long is
  // stuck on one of them; the timer restarts at every answer.
  private armWatchdog(worker: Worker): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(
      () => void this.lose(worker, new WorkerLostError(`validation worker answered nothing for ${this.hungAfterMs} ms`)),
      this.hungAfterMs,
    );
    this.watchdog.unref();
  }

  private async lose(worker: Worker, error: Error): Promise<void> {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.versions.clear();
    clearTimeout(this.watchdog);
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    await worker.terminate();
  }
}
