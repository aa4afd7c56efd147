import { BackupError } from "../store/embedded/sqlite-store-file";
import { restoreEmbeddedStore } from "../store/embedded/sqlite-restore";
import { argumentPath, embeddedDataDir, formatSize, runCommand } from "./run-command";

// `npm run restore -- <file>`: brings a backup back into DATA_DIR, with the server stopped.
runCommand(async () => {
  const dataDir = embeddedDataDir("restore it with mongorestore, or from an Atlas snapshot (see docs/operations.md).");
  const file = process.argv[2];
  if (!file) throw new BackupError("Say which backup to restore: npm run restore -- <file>");
  const restored = await restoreEmbeddedStore({ dataDir, backupFile: argumentPath(file), now: new Date() });
  const kept = restored.replacedKeptAt ? `the store it replaced is kept at ${restored.replacedKeptAt}` : "there was no store to replace";
  return `Restored ${argumentPath(file)} into ${restored.file} (${formatSize(restored.bytes)}, schema version ${restored.schemaVersion}); ${kept}.`;
});
