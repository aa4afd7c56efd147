import { backupEmbeddedStore } from "../store/embedded/sqlite-backup";
import { argumentPath, embeddedDataDir, formatSize, runCommand } from "./run-command";

// `npm run backup [-- <file or folder>]`: a checked copy of the embedded store, safe while the server runs.
runCommand(async () => {
  const dataDir = embeddedDataDir("back it up with mongodump, or with Atlas backups (see docs/operations.md).");
  const destination = process.argv[2];
  const backup = await backupEmbeddedStore({
    dataDir,
    ...(destination ? { destination: argumentPath(destination) } : {}),
    now: new Date(),
  });
  return `Backup written to ${backup.file} (${formatSize(backup.bytes)}, schema version ${backup.schemaVersion}); integrity check passed.`;
});
