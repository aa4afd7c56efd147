import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BackupError, copyStoreFile, fileStamp, flushToDisk, inspectStoreFile, type StoreFileFacts } from "./sqlite-store-file";
import { embeddedStoreFile } from "./sqlite.store";

// A server that has the store open holds its lock for good; there is no point waiting long.
const LOCK_WAIT_MS = 250;

export interface RestoreOptions {
  /** The data folder to restore into (`DATA_DIR`). */
  dataDir: string;
  /** The backup to bring back. */
  backupFile: string;
  /** The instant that names the file the replaced store is kept in. */
  now: Date;
}

export interface RestoreResult extends StoreFileFacts {
  /** The store file now holding the backup's data. */
  file: string;
  /** Where the replaced store was kept, or null when there was none. */
  replacedKeptAt: string | null;
}

/**
 * Replaces the embedded store with a backup, once the backup is checked and no server has the
 * store open. The replaced store is kept beside it (`passerelle.sqlite.before-restore-<instant>`),
 * never deleted.
 */
export async function restoreEmbeddedStore(options: RestoreOptions): Promise<RestoreResult> {
  if (!fs.existsSync(options.backupFile)) throw new BackupError(`There is no file ${options.backupFile}.`);
  inspectStoreFile(options.backupFile);
  fs.mkdirSync(options.dataDir, { recursive: true });
  const target = embeddedStoreFile(options.dataDir);
  const incoming = `${target}.restoring`;
  const aside = `${target}.before-restore-${fileStamp(options.now)}`;
  // Two restores within one second would otherwise name their kept-aside stores alike.
  if (fs.existsSync(aside)) throw new BackupError(`${aside} already exists; try again in a second.`);
  const hasStore = fs.existsSync(target);
  const lock = hasStore ? lockStore(target) : null;
  let facts: StoreFileFacts;
  try {
    facts = await copyStoreFile(options.backupFile, incoming);
  } finally {
    // As the last connection, closing folds the replaced store's WAL into its file and removes
    // its -wal and -shm, so the file kept aside is whole.
    lock?.close();
  }
  const replacedKeptAt = hasStore ? setAside(target, aside) : null;
  fs.renameSync(incoming, target);
  flushToDisk(path.dirname(target));
  return { file: target, replacedKeptAt, ...facts };
}

/**
 * Takes the store for itself, or refuses while a server has it open: in WAL mode every open
 * connection keeps a shared lock on the file, so an exclusive one is refused. Exclusive locking
 * mode keeps the lock after the transaction, until the connection closes. A file that is not a
 * database cannot be open in a server, and is replaced without a lock.
 */
function lockStore(file: string): Database.Database | null {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT;");
    return db;
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === "SQLITE_BUSY") {
      throw new BackupError(`The store ${file} is open in a running server: stop the server first, then restore.`);
    }
    if (code === "SQLITE_NOTADB") return null;
    throw error;
  }
}

function setAside(target: string, aside: string): string {
  fs.renameSync(target, aside);
  const wal = `${target}-wal`;
  const shm = `${target}-shm`;
  if (fs.existsSync(wal)) {
    // Only beside a file that was no database: it belongs to that file, and beside the restored
    // one SQLite would read it as the restored store's own.
    fs.renameSync(wal, `${aside}-wal`);
    if (fs.existsSync(shm)) fs.renameSync(shm, `${aside}-shm`);
  } else {
    // An index into a WAL that no longer exists (the exclusive connection never used it); SQLite
    // rebuilds it when the store is next opened.
    fs.rmSync(shm, { force: true });
  }
  return aside;
}
