import path from "node:path";
import { ConfigError, loadConfig } from "../config";
import { BackupError } from "../store/embedded/sqlite-store-file";

/**
 * Runs a command-line task: what it returns goes to stdout; a failure is one readable line on
 * stderr (a stack trace only for the unexpected) and exit code 1.
 */
export function runCommand(task: () => Promise<string>): void {
  task().then(
    (report) => process.stdout.write(`${report}\n`),
    (error: unknown) => {
      const known = error instanceof BackupError || error instanceof ConfigError;
      process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * The data folder from the configuration, refusing when the store is MongoDB: these commands
 * handle the embedded file only. `advice` says what to use instead.
 */
export function embeddedDataDir(advice: string): string {
  const config = loadConfig();
  if (config.mongodbUri) throw new BackupError(`The store is MongoDB (MONGODB_URI is set): ${advice}`);
  return config.dataDir;
}

/** A path typed on the command line, read from where it was typed: npm runs scripts from the project root. */
export function argumentPath(argument: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), argument);
}

/** A size for people: `3.4 MB`. */
export function formatSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
