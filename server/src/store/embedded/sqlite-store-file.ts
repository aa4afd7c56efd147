import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { EMBEDDED_SCHEMA_VERSION } from "./sqlite.store";

/** A backup or restore that cannot go ahead; the message says why and what to do instead. */
export class BackupError extends Error {}

export interface StoreFileFacts {
  /** The store's schema version (`user_version`). */
  schemaVersion: number;
  /** Size of the file in bytes. */
  bytes: number;
}

// better-sqlite3's largest step: the whole database in one step.
const ALL_PAGES = 0x7fffffff;

/**
 * Checks that a file is a sound Passerelle store this code can open: a SQLite database that
 * passes `PRAGMA integrity_check`, holds the responses table, and has a schema version no newer
 * than the code's migrations. Opened read-only, so a refused file is left as it was.
 */
export function inspectStoreFile(file: string): StoreFileFacts {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const problems = (db.pragma("integrity_check") as { integrity_check: string }[]).map((row) => row.integrity_check);
    if (problems.join() !== "ok") {
      throw new BackupError(`${file} is damaged: the integrity check reports ${problems.slice(0, 3).join("; ")}.`);
    }
    const schemaVersion = db.pragma("user_version", { simple: true }) as number;
    const hasResponses = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'responses'").get();
    if (schemaVersion < 1 || !hasResponses) throw new BackupError(`${file} is a SQLite database but not a Passerelle store.`);
    if (schemaVersion > EMBEDDED_SCHEMA_VERSION) {
      throw new BackupError(
        `${file} comes from a newer Passerelle (schema ${schemaVersion}; this one knows up to ${EMBEDDED_SCHEMA_VERSION}): upgrade Passerelle first.`,
      );
    }
    return { schemaVersion, bytes: fs.statSync(file).size };
  } catch (error) {
    // Known by its code, not its class: better-sqlite3 registers its error class once per process,
    // so where modules are loaded again (jest does, per test file) the class here may differ.
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === "string" && code.startsWith("SQLITE_")) {
      throw new BackupError(`${file} cannot be read as a Passerelle store: ${String(message)}.`);
    }
    throw error;
  } finally {
    db?.close();
  }
}

/**
 * Copies the store in `source` to `destination` with SQLite's online backup: one consistent
 * snapshot, even while a server writes to the source. The copy is checked before it takes its
 * name, so a file at `destination` is always a whole, sound store.
 */
export async function copyStoreFile(source: string, destination: string): Promise<StoreFileFacts> {
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  // Read-write although it only reads: when no server has the store open, closing this last
  // connection folds the WAL back in and removes the -wal and -shm files instead of leaving them.
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // In one step: copied a few pages at a time, the backup starts over whenever the server
    // writes between two steps, and a steady stream of answers could keep it starting over.
    await db.backup(partial, { progress: () => ALL_PAGES });
    makeSelfContained(partial);
    const facts = inspectStoreFile(partial);
    flushToDisk(partial);
    fs.renameSync(partial, destination);
    flushToDisk(path.dirname(destination));
    return facts;
  } finally {
    db.close();
    fs.rmSync(partial, { force: true });
  }
}

/** A file name part for an instant, sortable and valid on every file system: `2026-06-01T08-30-00Z`. */
export function fileStamp(instant: Date): string {
  return instant.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
}

// The copy inherits the source's WAL mode; with a rollback journal it is one file, with no -wal
// beside it to forget when it is copied elsewhere. The server turns WAL back on when it opens it.
function makeSelfContained(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
  } finally {
    db.close();
  }
}

/**
 * Flushes a file's content, or a folder's names, to disk: a copy is durable before it is named,
 * and its name before the command says it is done.
 */
export function flushToDisk(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
