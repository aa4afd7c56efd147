import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { MongoBulkWriteError, MongoNetworkTimeoutError, MongoServerError, MongoServerSelectionError, MongoWriteConcernError } from "mongodb";
import { isDuplicateKey } from "../../../server/src/store/mongodb/mongo-errors";
import { topologyProblem } from "../../../server/src/store/mongodb/mongo-topology";
import { toStoreFailure } from "../../../server/src/store/store-failure";
import { StoreConflictError } from "../../../server/src/store/store.port";

/** The error a real SQLite raises for `sql` on a database set up by `setUp`. */
function sqliteError(setUp: (db: Database.Database, file: string) => Database.Database, sql: string): unknown {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-failure-"));
  const file = path.join(dir, "store.sqlite");
  const first = new Database(file);
  first.pragma("journal_mode = WAL");
  first.exec("CREATE TABLE t (x TEXT)");
  const db = setUp(first, file);
  try {
    db.exec(sql);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    if (db !== first) db.close();
    first.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const full = (db: Database.Database) => {
  // The database may not grow past its current size: SQLite's own "disk full".
  db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
  return db;
};
const lockedByAnother = (db: Database.Database, file: string) => {
  db.exec("BEGIN EXCLUSIVE");
  const other = new Database(file);
  other.pragma("busy_timeout = 10");
  return other;
};
const readOnly = (_db: Database.Database, file: string) => new Database(file, { readonly: true });

describe("translating store failures", () => {
  it.each([
    [
      "a full SQLite database",
      sqliteError(
        full,
        `INSERT INTO t SELECT hex(randomblob(4000)) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) SELECT i FROM n)`,
      ),
      "disk_full",
    ],
    ["a SQLite file locked by another writer", sqliteError(lockedByAnother, "INSERT INTO t VALUES ('x')"), "timeout"],
    ["a SQLite file opened read-only", sqliteError(readOnly, "INSERT INTO t VALUES ('x')"), "read_only"],
    [
      "no MongoDB server to select",
      new MongoServerSelectionError("Server selection timed out after 5000 ms", { type: "Unknown", servers: new Map() } as never),
      "unreachable",
    ],
    ["a MongoDB socket gone silent", new MongoNetworkTimeoutError("connection timed out"), "timeout"],
    ["a MongoDB query past maxTimeMS", new MongoServerError({ code: 50, errmsg: "operation exceeded time limit" }), "timeout"],
    [
      "a majority that did not acknowledge in wtimeoutMS",
      new MongoWriteConcernError({ ok: 1, writeConcernError: { code: 64, errmsg: "waiting for replication timed out", errInfo: { wtimeout: true } } }),
      "timeout",
    ],
    ["a MongoDB primary that stepped down", new MongoServerError({ code: 10107, errmsg: "not primary" }), "unreachable"],
    ["a MongoDB server out of disk space", new MongoServerError({ code: 14031, errmsg: "Out of disk space" }), "disk_full"],
    ["ENOSPC from the file system", Object.assign(new Error("no space left on device"), { code: "ENOSPC" }), "disk_full"],
  ])("recognises %s", (_label, error, reason) => {
    expect(error).toBeDefined();
    expect(toStoreFailure(error)?.reason).toBe(reason);
  });

  it.each([
    ["a conflict", new StoreConflictError("taken")],
    ["a bug", new TypeError("x is undefined")],
    ["a duplicate key", new MongoServerError({ code: 11000, errmsg: "E11000 duplicate key error" })],
    ["a SQLite constraint", sqliteError((db) => (db.exec("CREATE UNIQUE INDEX u ON t (x); INSERT INTO t VALUES ('a')"), db), "INSERT INTO t VALUES ('a')")],
  ])("leaves %s alone", (_label, error) => {
    expect(toStoreFailure(error)).toBeUndefined();
  });
});

describe("MongoDB duplicate keys", () => {
  it("are recognised on a single write and inside a bulk write, and nothing else is", () => {
    const single = new MongoServerError({ code: 11000, errmsg: "E11000 duplicate key error collection: responses" });
    const bulk = new MongoBulkWriteError({ message: "bulk", code: 11000, writeErrors: [] } as never, { insertedCount: 0 } as never);
    const bulkOfOthers = Object.assign(new Error("bulk"), { writeErrors: [{ code: 121 }, { code: 11000 }] });
    expect(isDuplicateKey(single)).toBe(true);
    expect(isDuplicateKey(bulk)).toBe(true);
    expect(isDuplicateKey(bulkOfOthers)).toBe(true);
    expect(isDuplicateKey(new MongoServerError({ code: 112, errmsg: "WriteConflict" }))).toBe(false);
    expect(isDuplicateKey(undefined)).toBe(false);
  });
});

describe("MongoDB topology", () => {
  it.each([
    ["a replica set member", { setName: "rs0", isWritablePrimary: true }, false],
    ["a mongos", { msg: "isdbgrid" }, false],
    ["a standalone server", { isWritablePrimary: true }, true],
    ["a standalone server with an empty set name", { setName: "" }, true],
  ])("tells whether %s can run transactions", (_label, hello, isRefused) => {
    const problem = topologyProblem(hello);
    expect(problem !== undefined).toBe(isRefused);
    if (problem) expect(problem).toMatch(/replica set.*rs\.initiate\(\).*Atlas/);
  });
});
