import type { ClientSession, Connection } from "mongoose";
import { hasErrorLabel, transactionTimedOut } from "./mongo-errors";

/**
 * Runs `work` in a multi-document transaction and commits it, retrying as the driver's own
 * `withTransaction` does (a transient conflict reruns the work, an unknown commit result
 * retries the commit), but within `timeoutMs` instead of the driver's fixed two minutes: a
 * request waiting on a primary without a majority gets a 503 in seconds, not a hung form.
 */
export async function runTransaction<T>(connection: Connection, timeoutMs: number, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const session = await connection.startSession();
  try {
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0) await backOff(attempt, deadline);
      session.startTransaction({
        readConcern: { level: "snapshot" },
        writeConcern: { w: "majority", j: true, wtimeoutMS: timeoutMs },
        maxCommitTimeMS: timeoutMs,
      });
      let result: T;
      try {
        result = await work(session);
      } catch (error) {
        if (session.inTransaction()) await session.abortTransaction().catch(() => undefined);
        if (hasErrorLabel(error, "TransientTransactionError") && Date.now() < deadline) continue;
        throw error;
      }
      if (await commit(session, deadline)) return result;
    }
  } finally {
    await session.endSession();
  }
}

// True once committed; false when the whole transaction must run again.
async function commit(session: ClientSession, deadline: number): Promise<boolean> {
  for (;;) {
    try {
      await session.commitTransaction();
      return true;
    } catch (error) {
      const isLate = Date.now() >= deadline;
      if (hasErrorLabel(error, "UnknownTransactionCommitResult") && !isLate) continue;
      if (hasErrorLabel(error, "TransientTransactionError") && !isLate) return false;
      throw isLate ? transactionTimedOut(error) : error;
    }
  }
}

async function backOff(attempt: number, deadline: number): Promise<void> {
  const wait = Math.random() * Math.min(5 * 1.5 ** attempt, 500);
  if (Date.now() + wait >= deadline) throw transactionTimedOut(undefined);
  await new Promise((resolve) => setTimeout(resolve, wait));
}
