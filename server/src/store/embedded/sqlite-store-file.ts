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
  // Named after this process, so that a copy killed midway is known to be abandoned (see below).
  const partial = `${destination}.${process.pid}.partial`;
  removeAbandonedCopies(path.dirname(destination));
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

// `<name>.<pid>.partial`, or `<name>.partial` as earlier versions named it.
const PARTIAL_COPY = /\.(?:(\d+)\.)?partial$/;

/**
 * Removes the unfinished copies that killed backups or restores left in a folder: those whose
 * process is gone. A copy still being written by a live process is left alone.
 */
export function removeAbandonedCopies(folder: string): string[] {
  const entries = fs.readdirSync(folder, { withFileTypes: true });
  const removed: string[] = [];
  for (const entry of entries) {
    const match = entry.isFile() ? PARTIAL_COPY.exec(entry.name) : null;
    if (!match) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && isRunning(pid)) continue;
    fs.rmSync(path.join(folder, entry.name), { force: true });
    removed.push(entry.name);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A file name part for an instant, sortable and valid on every file system: `2026-06-01T08-30-00Z`. */
export function fileStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-");
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
