import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const SERVER_ENTRY = path.join(__dirname, "../../server/dist/main.js");
export const BACKUP_ENTRY = path.join(__dirname, "../../server/dist/cli/backup.js");
export const RESTORE_ENTRY = path.join(__dirname, "../../server/dist/cli/restore.js");
export const ADMIN_ENTRY = path.join(__dirname, "../../server/dist/cli/admin.js");

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Kills the process at once (SIGKILL), as a crash would, and resolves once it is gone. */
  kill(): Promise<void>;
}

/**
 * Starts the built server (`npm run typecheck` or `npm run build` compiles it) as a child
 * process on a free port and waits until it answers its health check.
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const poll = setInterval(() => {
      // Reached on the IPv4 loopback, where tests ask the server to listen.
      const port = /ready at http:\/\/localhost:(\d+)\//.exec(output)?.[1];
      if (port) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${port}`);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      // Graceful shutdown waits for in-flight requests; a hung server is killed after 10 s.
      const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
      const code = await exited;
      clearTimeout(kill);
      return code;
    },
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function runServerToFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { code, stdout, stderr } = await runToEnd(SERVER_ENTRY, [], { PORT: "0", ...env });
  return { code, output: stdout + stderr };
}

/** Runs a built script to its end (killed after 20 s); resolves with its exit code and output. */
export async function runToEnd(
  entry: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [entry, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}
