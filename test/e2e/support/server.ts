import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startServer as startServerProcess } from "../../support/server-process";

/** A Passerelle server started from the build (`npm run build`) on a free port with a fresh data directory. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234` */
  baseUrl: string;
  /** Everything the server wrote, to print when a test fails. */
  output(): string;
  stop(): Promise<void>;
}

/** The administrator every test server starts with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const ADMIN = { email: "admin@example.org", password: "a long e2e password" };

/** `env` adds to or overrides the server's environment (another `SURVEYS_DIR`, say). */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "passerelle-e2e-"));
  const server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ...env });
  return {
    baseUrl: server.url,
    output: server.output,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
