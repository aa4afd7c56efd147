import fs from "node:fs";
import path from "node:path";
import { BackupError, copyStoreFile, fileStamp, type StoreFileFacts } from "./sqlite-store-file";
import { embeddedStoreFile } from "./sqlite.store";

export interface BackupOptions {
  /** The data folder of the store to back up (`DATA_DIR`). */
  dataDir: string;
  /** File, or existing folder, to write the backup to; `DATA_DIR/backups/` by default. */
  destination?: string;
  /** The instant that names the backup file. */
  now: Date;
}

export interface BackupResult extends StoreFileFacts {
  /** Where the backup was written. */
  file: string;
}

/**
 * Writes a consistent, checked copy of the embedded store while the server may be running and
 * writing. Never overwrites an existing file.
 */
export async function backupEmbeddedStore(options: BackupOptions): Promise<BackupResult> {
  const source = embeddedStoreFile(options.dataDir);
  if (!fs.existsSync(source)) {
    throw new BackupError(`There is no embedded store at ${source}, so nothing to back up: is DATA_DIR right?`);
  }
  const file = backupFileName(options);
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists; give another file name.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return { file, ...(await copyStoreFile(source, file)) };
}

function backupFileName(options: BackupOptions): string {
  const name = `passerelle-${fileStamp(options.now)}.sqlite`;
  if (!options.destination) return path.join(options.dataDir, "backups", name);
  const isFolder = fs.statSync(options.destination, { throwIfNoEntry: false })?.isDirectory() ?? false;
  return isFolder ? path.join(options.destination, name) : options.destination;
}
