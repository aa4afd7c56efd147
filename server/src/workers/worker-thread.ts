import { parentPort, workerData } from "node:worker_threads";
import type { WorkerAnswerMessage, WorkerTaskMessage } from "./worker-pool";

// The loop of every pool thread: loads the pool's script, runs each task it is sent and answers
// with the task's value or, should the task throw, its error as text (errors do not cross
// threads whole). A thread that dies instead is the pool's to notice.
type TaskFunction = (task: unknown) => unknown;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the script is only known at run time
const loaded = require((workerData as { script: string }).script) as TaskFunction | { default?: TaskFunction };
const runTask = typeof loaded === "function" ? loaded : loaded.default;
if (typeof runTask !== "function") throw new Error(`${String(workerData.script)} exports no task function`);

parentPort?.on("message", (message: WorkerTaskMessage<unknown>) => {
  const answer = (reply: WorkerAnswerMessage<unknown>) => parentPort?.postMessage(reply);
  try {
    const value = runTask(message.task);
    // Synchronous tasks are answered at once; asynchronous ones when they settle.
    if (value instanceof Promise) {
      value.then(
        (settled: unknown) => answer({ id: message.id, value: settled }),
        (error: unknown) => answer({ id: message.id, error: describe(error) }),
      );
    } else {
      answer({ id: message.id, value });
    }
  } catch (error: unknown) {
    answer({ id: message.id, error: describe(error) });
  }
});

function describe(error: unknown): string {
  return String((error as Error)?.stack ?? error);
}
