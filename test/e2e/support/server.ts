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

/** The analyst and the viewer the staff pages' browser tests sign in as. */
export const STAFF = {
  analyst: { email: "analyst@example.org", password: "analyst e2e password" },
  viewer: { email: "viewer@example.org", password: "viewer e2e password" },
};

/** Creates the analyst and the viewer through the administrator's API, as an administrator would. */
export async function createStaff(baseUrl: string): Promise<void> {
  const admin = await fetch(`${baseUrl}/api/session`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(ADMIN) });
  const cookie = (admin.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await admin.json()) as { csrfToken: string };
  for (const [role, credentials] of Object.entries(STAFF)) {
    const created = await fetch(`${baseUrl}/api/admin/accounts`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie, "X-CSRF-Token": csrfToken },
      body: JSON.stringify({ ...credentials, role }),
    });
    if (created.status !== 201) throw new Error(`could not create the ${role}: ${created.status} ${await created.text()}`);
  }
}

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
