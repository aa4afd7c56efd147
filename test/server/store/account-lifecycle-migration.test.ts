import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { ACCOUNT_LIFECYCLE_MIGRATION } from "../../../server/src/store/embedded/sqlite-access.store";
import { EMBEDDED_MIGRATIONS, embeddedStoreFile, openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";

describe("migrating the accounts of an embedded store written before the account lifecycle", () => {
  it("keeps every account active, and takes the last sign-in from the audit trail", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-accounts-migration-"));
    const db = new Database(embeddedStoreFile(dataDir));
    const before = EMBEDDED_MIGRATIONS.indexOf(ACCOUNT_LIFECYCLE_MIGRATION);
    for (const sql of EMBEDDED_MIGRATIONS.slice(0, before)) db.exec(sql);
    db.pragma(`user_version = ${before}`);
    const insert = db.prepare("INSERT INTO accounts (id, email, role, password_hash, created_at, updated_at) VALUES (?, ?, 'viewer', 'hash', ?, ?)");
    insert.run("used", "used@example.org", "2026-05-01T08:00:00.000Z", "2026-05-01T08:00:00.000Z");
    insert.run("unused", "unused@example.org", "2026-05-01T08:00:00.000Z", "2026-05-01T08:00:00.000Z");
    const audit = db.prepare("INSERT INTO audit_events (at, actor, action, target, details) VALUES (?, ?, ?, ?, '{}')");
    audit.run("2026-05-02T08:00:00.000Z", "used@example.org", "sign_in", "used@example.org");
    audit.run("2026-05-03T08:00:00.000Z", "used@example.org", "sign_in", "used@example.org");
    audit.run("2026-05-03T09:00:00.000Z", "anonymous", "sign_in_failed", "unused@example.org");
    db.close();

    const store = openEmbeddedStore({ dataDir });
    try {
      expect(await store.accounts.findById("used")).toMatchObject({
        disabledAt: null,
        mustChangePassword: false,
        lastSignInAt: new Date("2026-05-03T08:00:00.000Z"),
      });
      expect(await store.accounts.findById("unused")).toMatchObject({ disabledAt: null, mustChangePassword: false, lastSignInAt: null });
      expect(await store.accounts.deleteNeverSignedIn("used")).toBe(false);
    } finally {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
