import path from "node:path";
import { createWorkerPool, WorkerPoolError, type WorkerPool, type WorkerPoolOptions } from "../../../server/src/workers/worker-pool";

const SCRIPT = path.join(__dirname, "../../fixtures/workers/task-kinds.worker.js");

type Task = { kind: "echo" | "spin" | "exit" | "throw"; value?: number } | { kind: "later"; value: number; ms: number };
type Answer = { value: number; threadId: number };

// Starting threads is slow on a loaded machine; the time limits below are far above a task's cost.
jest.setTimeout(60_000);

describe("a worker pool", () => {
  const pools: WorkerPool<Task, Answer>[] = [];
  const poolOf = (options: Partial<WorkerPoolOptions>) => {
    const pool = createWorkerPool<Task, Answer>({ name: "test", script: SCRIPT, threads: 1, taskTimeoutMs: 10_000, maxQueued: 100, ...options });
    pools.push(pool);
    return pool;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.close()));
  });

  it("answers every task, spread over its threads", async () => {
    const pool = poolOf({ threads: 2 });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, value) => pool.run({ kind: "echo", value })));
    expect(answers.map((answer) => answer.value)).toEqual(Array.from({ length: 20 }, (_, value) => value));
    expect(new Set(answers.map((answer) => answer.threadId)).size).toBe(2);
  });

  it("times out a thread stuck on a task: the task fails with timed_out, later tasks do not wait on it, and the thread is replaced", async () => {
    const pool = poolOf({ threads: 2, taskTimeoutMs: 1_500 });
    const first = await pool.run({ kind: "echo", value: 0 });
    const stuck = pool.run({ kind: "spin" });
    const settled = stuck.then(
      () => "answered",
      (error: unknown) => error,
    );
    // Sent while the other thread spins: answered by the free one, before the time limit.
    const meanwhile = await Promise.all([1, 2, 3].map((value) => pool.run({ kind: "echo", value })));
    expect(meanwhile.map((answer) => answer.value)).toEqual([1, 2, 3]);
    expect(await Promise.race([settled, Promise.resolve("still pending")])).toBe("still pending");

    const error = await settled;
    expect(error).toBeInstanceOf(WorkerPoolError);
    expect(error).toMatchObject({ reason: "timed_out", message: expect.stringContaining("answered nothing for 1500 ms") });
    const after = await Promise.all([4, 5].map((value) => pool.run({ kind: "echo", value })));
    expect(after.map((answer) => answer.value)).toEqual([4, 5]);
    // The thread that answered first took the spinning task (both were idle): it is gone.
    expect([...meanwhile, ...after].map((answer) => answer.threadId)).not.toContain(first.threadId);
  });

  it("fails with lost the tasks of a thread that died, and answers the next ones on a fresh thread", async () => {
    const pool = poolOf({ threads: 1 });
    const before = await pool.run({ kind: "echo", value: 1 });
    await expect(pool.run({ kind: "exit" })).rejects.toMatchObject({ reason: "lost", message: expect.stringContaining("exited with code 5") });
    const after = await pool.run({ kind: "echo", value: 2 });
    expect(after.value).toBe(2);
    expect(after.threadId).not.toBe(before.threadId);
  });

  it("fails a task that throws with its own error, not as a lost thread, and the thread keeps serving", async () => {
    const pool = poolOf({ threads: 1 });
    const before = await pool.run({ kind: "echo", value: 1 });
    const failed = pool.run({ kind: "throw", value: 7 });
    await expect(failed).rejects.toThrow("bad task 7");
    await expect(failed).rejects.not.toBeInstanceOf(WorkerPoolError);
    expect((await pool.run({ kind: "echo", value: 2 })).threadId).toBe(before.threadId);
  });

  it("refuses a task at once when its queue is full, and takes tasks again once it drains", async () => {
    const pool = poolOf({ threads: 1, maxQueued: 2 });
    const running = [1, 2, 3].map((value) => pool.run({ kind: "later", value, ms: 300 }));
    await expect(pool.run({ kind: "echo", value: 4 })).rejects.toMatchObject({ reason: "full" });
    expect((await Promise.all(running)).map((answer) => answer.value)).toEqual([1, 2, 3]);
    expect((await pool.run({ kind: "echo", value: 5 })).value).toBe(5);
  });

  it("with no queue at all, still gives a free thread its task", async () => {
    const pool = poolOf({ threads: 1, maxQueued: 0 });
    const running = pool.run({ kind: "later", value: 1, ms: 300 });
    await expect(pool.run({ kind: "echo", value: 2 })).rejects.toMatchObject({ reason: "full" });
    expect((await running).value).toBe(1);
  });

  it("sends a thread up to tasksPerThread tasks; the one behind a task that hangs fails with it, the others do not wait", async () => {
    const pool = poolOf({ threads: 2, tasksPerThread: 2, taskTimeoutMs: 1_500 });
    // Each task goes to the thread with the fewest: spin and 2 on one thread, 1 and 3 on the other.
    const outcomes = [pool.run({ kind: "spin" }), ...[1, 2, 3].map((value) => pool.run({ kind: "echo", value }))].map((task) =>
      task.then(
        (answer) => answer.value,
        (error: WorkerPoolError) => error.reason,
      ),
    );
    expect(await Promise.all(outcomes)).toEqual(["timed_out", 1, "timed_out", 3]);
  });

  it("ends a stuck thread at once when closed, failing its task with closed, and refuses later tasks", async () => {
    const pool = poolOf({ threads: 1, taskTimeoutMs: 600_000 });
    await pool.run({ kind: "echo", value: 1 });
    const stuck = expect(pool.run({ kind: "spin" })).rejects.toMatchObject({ reason: "closed" });
    await pool.close();
    await stuck;
    await expect(pool.run({ kind: "echo", value: 2 })).rejects.toMatchObject({ reason: "closed" });
  });
});
