import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";
import { ADMIN_ENTRY, runToEnd } from "../../support/server-process";
import { FIXTURE_SURVEYS_DIR } from "../../support/test-app";

const PASSWORD = "the first password";
const TEMPORARY = "a temporary one, long enough";

describe("npm run admin", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-admin-cli-"));
  const admin = (args: string[], password?: string) =>
    runToEnd(ADMIN_ENTRY, args, { DATA_DIR: dataDir, SURVEYS_DIR: FIXTURE_SURVEYS_DIR, ...(password ? { PASSERELLE_PASSWORD: password } : {}) });
  const account = async () => {
    const store = openEmbeddedStore({ dataDir });
    try {
      return {
        account: await store.accounts.findByEmail("clerk@example.org"),
        audit: (await store.audit.list({ limit: 50 })).map((event) => [event.action, event.details]),
      };
    } finally {
      await store.close();
    }
  };

  it("creates, disables, enables and resets the password of an account, never echoing a password, every step audited", async () => {
    const created = await admin(["create", "--email", "clerk@example.org", "--role", "viewer"], PASSWORD);
    expect(created.code).toBe(0);

    const disabled = await admin(["disable", "--email", "clerk@example.org"]);
    expect([disabled.code, disabled.stdout]).toEqual([0, expect.stringContaining("Disabled clerk@example.org")]);
    expect((await account()).account?.disabledAt).toBeInstanceOf(Date);
    expect((await admin(["list"])).stdout).toMatch(/clerk@example\.org\tviewer\tdisabled/);

    expect((await admin(["enable", "--email", "clerk@example.org"])).code).toBe(0);
    expect((await account()).account?.disabledAt).toBeNull();

    const reset = await admin(["reset-password", "--email", "clerk@example.org"], TEMPORARY);
    expect(reset.code).toBe(0);
    for (const run of [created, reset]) expect(run.stdout + run.stderr).not.toContain(run === created ? PASSWORD : TEMPORARY);
    const { account: after, audit } = await account();
    expect(after?.mustChangePassword).toBe(true);
    expect(audit).toEqual(
      expect.arrayContaining([
        ["account_disabled", { from: "cli" }],
        ["account_enabled", { from: "cli" }],
        ["password_reset", { from: "cli" }],
      ]),
    );
  }, 60_000);

  it.each([
    ["an unknown account", ["disable", "--email", "nobody@example.org"], undefined, 1],
    ["a temporary password too short", ["reset-password", "--email", "clerk@example.org"], "short", 2],
    ["no e-mail", ["enable"], undefined, 2],
  ])(
    "refuses %s, changing nothing",
    async (_name, args, password, code) => {
      const before = await account();
      const run = await admin(args, password);
      expect(run.code).toBe(code);
      expect(run.stderr).not.toBe("");
      expect(await account()).toEqual(before);
    },
    30_000,
  );
});
