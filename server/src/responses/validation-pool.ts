import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { JsonObject } from "@passerelle/shared";
import { AppError } from "../http/app-error";
import type { Logger } from "../logger";
import { createWorkerPool, WorkerPoolError } from "../workers/worker-pool";
import type { CheckedAnswers, ValidationRequest } from "./answer-validator";

/** A validation sent to a worker; the definition comes only when the worker asked for it. */
export interface ValidationJob {
  version: string;
  definition?: JsonObject;
  request: ValidationRequest;
}

/** A worker's answer: the verdict, or that it has not yet seen this questionnaire version. */
export type ValidationReply = { checked: CheckedAnswers } | { needsDefinition: true };

export interface ValidationPool {
  /** Validates answers against a questionnaire version in one of the worker threads. */
  check(questionnaire: { version: string; definition: JsonObject }, request: ValidationRequest): Promise<CheckedAnswers>;
  /** Ends the worker threads at once (idle workers do not keep the process alive anyway). */
  close(): Promise<void>;
}

export interface ValidationPoolOptions {
  /** Number of worker threads (default: the number of cores). */
  workers?: number;
  /** The compiled worker script (default: beside this file). */
  workerScript?: string;
  /** A validation without an answer this long is taken for stuck (default 10 s). */
  hungAfterMs?: number;
  /** Validations that may wait for a free thread; more get 503 at once (default 256 per thread). */
  maxQueued?: number;
  /** Where a replaced worker thread is reported. */
  logger?: Logger;
}

// A validation whose worker died or hung is tried once more on a fresh thread: the request is
// not lost to a crash, and an answer that itself hangs a worker costs two threads' time at most.
const ATTEMPTS = 2;
const DEFAULT_HUNG_AFTER_MS = 10_000;
// At a fraction of a millisecond per validation, a queue this long waits well under a second.
const DEFAULT_QUEUED_PER_THREAD = 256;

/**
 * Spreads validations over worker threads, each keeping the validators of the questionnaire
 * versions it has seen, so that submissions are validated on every core while the request's
 * thread parses, stores and answers. Verdicts are those of `AnswerValidator`, which the workers
 * run. Returns undefined where the compiled worker script is missing (running from TypeScript
 * sources); callers then validate in-thread.
 */
export function createValidationPool(options: ValidationPoolOptions = {}): ValidationPool | undefined {
  const workerScript = options.workerScript ?? path.join(__dirname, "validation.worker.js");
  if (!fs.existsSync(workerScript)) return undefined;
  const threads = Math.max(1, options.workers ?? os.availableParallelism());
  const pool = createWorkerPool<ValidationJob, ValidationReply>({
    name: "validation",
    script: workerScript,
    threads,
    taskTimeoutMs: options.hungAfterMs ?? DEFAULT_HUNG_AFTER_MS,
    maxQueued: options.maxQueued ?? DEFAULT_QUEUED_PER_THREAD * threads,
    // A validation costs a fraction of a millisecond, and the request's thread can be held a few
    // milliseconds by a durable commit: the next few wait in the thread's port meanwhile.
    tasksPerThread: 8,
    logger: options.logger,
  });

  // Definitions are large: a worker gets one only the first time it meets its version.
  const validate = async (version: string, definition: JsonObject, request: ValidationRequest): Promise<CheckedAnswers> => {
    const reply = await pool.run({ version, request });
    if ("checked" in reply) return reply.checked;
    const second = await pool.run({ version, definition, request });
    if ("checked" in second) return second.checked;
    throw new Error(`validation worker asked again for version ${version}`);
  };

  const check = async (version: string, definition: JsonObject, request: ValidationRequest, attempt: number): Promise<CheckedAnswers> => {
    try {
      return await validate(version, definition, request);
    } catch (error: unknown) {
      if (!(error instanceof WorkerPoolError)) throw error;
      // The pool logs a thread it replaced. A full queue or a closing pool is the server's
      // state, not this request's: not worth a second try.
      const isThreadFault = error.reason === "lost" || error.reason === "timed_out";
      if (isThreadFault && attempt < ATTEMPTS) return check(version, definition, request, attempt + 1);
      throw new AppError("validation_unavailable", "The answers could not be checked just now. Try again in a moment.");
    }
  };
  return {
    check: (questionnaire, request) => check(questionnaire.version, questionnaire.definition, request, 1),
    close: () => pool.close(),
  };
}
