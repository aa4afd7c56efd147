import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Logger } from "../logger";

/** Why a pool gave no answer for a task. */
export type WorkerPoolFailure =
  /** Its thread answered nothing for the pool's time limit while it had work: it was ended and replaced. */
  | "timed_out"
  /** Its thread died (a crash, `process.exit`, out of memory); the next task starts a fresh one. */
  | "lost"
  /** Too many tasks were already waiting for a thread: refused at once, before any work. */
  | "full"
  /** The pool was closed (the server is shutting down). */
  | "closed";

/**
 * A task the pool could not get an answer for. A task that ran and threw is not one: it fails
 * with an ordinary `Error` carrying the worker's message, since trying it again would throw again.
 */
export class WorkerPoolError extends Error {
  constructor(
    readonly reason: WorkerPoolFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface WorkerPoolOptions {
  /** What the pool does, named in its errors ("validation", "analytics fold"). */
  name: string;
  /** The compiled worker script: its default export (or `module.exports`) runs one task. */
  script: string;
  /** Number of worker threads, each started on its first task and kept. */
  threads: number;
  /**
   * A thread with tasks that answers none for this long is stuck (an endless loop, a call that
   * never returns): it is ended, its tasks fail with `timed_out`, and a fresh thread takes its
   * place. The clock restarts at every answer, so a long queue of quick tasks is not stuck.
   */
  taskTimeoutMs: number;
  /** Tasks that may wait for a thread; one more is refused at once with `full`. */
  maxQueued: number;
  /**
   * Tasks sent to a thread before it answers the first (default 1). Above 1, a thread never
   * waits for the request's thread between tasks, which pays for tasks of a fraction of a
   * millisecond; the tasks sent behind one that hangs fail with it.
   */
  tasksPerThread?: number;
  /** Where a thread lost or stuck is reported. */
  logger?: Logger;
}

export interface WorkerPool<Task, Result> {
  /** Runs one task on a worker thread; rejects with `WorkerPoolError` when no answer came. */
  run(task: Task): Promise<Result>;
  /** Ends every thread at once, failing their tasks with `closed`; later tasks fail the same way. */
  close(): Promise<void>;
}

/** A task as sent to a thread, and its answer: the task's value, or the error it threw, as text. */
export interface WorkerTaskMessage<Task> {
  id: number;
  task: Task;
}
export type WorkerAnswerMessage<Result> = { id: number; value: Result } | { id: number; error: string };

// The threads' own loop (worker-thread.ts), which loads the pool's script. Threads run compiled
// JavaScript only: where this module runs from its TypeScript source (jest, tsx), the loop is
// taken from the compiled server, as the worker scripts themselves are.
const THREAD_ENTRY = [path.join(__dirname, "worker-thread.js"), path.join(__dirname, "../../dist/workers/worker-thread.js")].find((file) =>
  fs.existsSync(file),
);

/**
 * A fixed set of worker threads fed from one queue. Each thread is sent up to `tasksPerThread`
 * tasks at a time: the next one then waits in the thread's own port while the current one runs,
 * so that a thread does not sit idle for the request thread's round trip between two tasks of a
 * fraction of a millisecond. A thread that hangs holds no more than that: other tasks go to the
 * other threads. Idle threads do not keep the process alive.
 */
export function createWorkerPool<Task, Result>(options: WorkerPoolOptions): WorkerPool<Task, Result> {
  const tasksPerThread = Math.max(1, options.tasksPerThread ?? 1);
  const threads = Array.from({ length: Math.max(1, Math.floor(options.threads)) }, () => new PoolThread<Task, Result>(options));
  const queue: { task: Task; resolve: (value: Result) => void; reject: (error: Error) => void }[] = [];
  let isClosed = false;

  const dispatch = (): void => {
    while (queue.length > 0) {
      const idlest = threads.reduce((best, thread) => (thread.load < best.load ? thread : best));
      if (idlest.load >= tasksPerThread) return;
      const { task, resolve, reject } = queue.shift()!;
      idlest.run(task).then(resolve, reject).finally(dispatch);
    }
  };
  return {
    run: (task) => {
      if (isClosed) return Promise.reject(new WorkerPoolError("closed", `${options.name} worker pool: closed`));
      const hasRoom = threads.some((thread) => thread.load < tasksPerThread);
      if (!hasRoom && queue.length >= options.maxQueued) {
        return Promise.reject(new WorkerPoolError("full", `${options.name} worker pool: ${options.maxQueued} tasks already waiting for a thread`));
      }
      return new Promise<Result>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        dispatch();
      });
    },
    close: async () => {
      isClosed = true;
      const error = new WorkerPoolError("closed", `${options.name} worker pool: closed`);
      for (const waiting of queue.splice(0)) waiting.reject(error);
      await Promise.all(threads.map((thread) => thread.end("closed", "closed")));
    },
  };
}

/** One worker thread and its unanswered tasks; started on demand, replaced when it dies or hangs. */
class PoolThread<Task, Result> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, { resolve: (value: Result) => void; reject: (error: Error) => void }>();
  private watchdog: NodeJS.Timeout | undefined;
  private nextId = 0;

  constructor(private readonly options: WorkerPoolOptions) {}

  get load(): number {
    return this.pending.size;
  }

  run(task: Task): Promise<Result> {
    let worker: Worker;
    try {
      worker = this.start();
    } catch (error: unknown) {
      return Promise.reject(error as Error);
    }
    const id = (this.nextId += 1);
    return new Promise<Result>((resolve, reject) => {
      if (this.pending.size === 0) {
        worker.ref();
        this.armWatchdog(worker);
      }
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, task } satisfies WorkerTaskMessage<Task>);
    });
  }

  /** Fails every unanswered task and terminates the thread; the next task starts a fresh one. */
  async end(reason: WorkerPoolFailure, detail: string, worker = this.worker): Promise<void> {
    if (!worker || this.worker !== worker) return;
    this.worker = undefined;
    clearTimeout(this.watchdog);
    const error = new WorkerPoolError(reason, `${this.options.name} worker pool: ${detail}`);
    if (reason === "lost" || reason === "timed_out")
      this.options.logger?.error({ err: error, tasks: this.pending.size }, `${this.options.name} worker replaced`);
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
    await worker.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    if (!THREAD_ENTRY) throw new WorkerPoolError("lost", `${this.options.name} worker pool: the compiled worker-thread.js is missing`);
    const worker = new Worker(THREAD_ENTRY, { workerData: { script: this.options.script } });
    worker.on("message", (answer: WorkerAnswerMessage<Result>) => this.answer(worker, answer));
    worker.on("error", (error) => void this.end("lost", `its thread failed: ${error.message}`, worker));
    worker.on("exit", (code) => void this.end("lost", `its thread exited with code ${code}`, worker));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answer(worker: Worker, answer: WorkerAnswerMessage<Result>): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if (this.pending.size === 0) {
      clearTimeout(this.watchdog);
      // An idle thread must not keep the process alive at shutdown.
      worker.unref();
    } else {
      this.watchdog?.refresh();
    }
    if ("error" in answer) waiting.reject(new Error(`${this.options.name} task failed in a worker: ${answer.error}`));
    else waiting.resolve(answer.value);
  }

  private armWatchdog(worker: Worker): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(
      () => void this.end("timed_out", `its thread answered nothing for ${this.options.taskTimeoutMs} ms; replaced`, worker),
      this.options.taskTimeoutMs,
    );
    this.watchdog.unref();
  }
}
