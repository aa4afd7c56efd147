import pino from "pino";
import { ensureFirstAdmin } from "../../../server/src/access/first-admin";
import { verifyPassword } from "../../../server/src/access/passwords";
import { openEmbeddedStore } from "../../../server/src/store/embedded/sqlite.store";

describe("the first administrator from the environment", () => {
  it("is created once, and an existing account is never changed from the environment", async () => {
    const store = openEmbeddedStore({ dataDir: ":memory:" });
    const logger = pino({ level: "silent" });
    await ensureFirstAdmin(store, { email: "admin@example.org", password: "first admin password" }, logger);
    const created = await store.accounts.findByEmail("admin@example.org");
    expect(created?.role).toBe("admin");
    expect(created?.passwordHash).toMatch(/^\$argon2id\$/);
    await ensureFirstAdmin(store, { email: "admin@example.org", password: "another password here" }, logger);
    const after = await store.accounts.findByEmail("admin@example.org");
    expect(after).toEqual(created);
    expect(await verifyPassword(after!.passwordHash, "first admin password")).toBe(true);
    expect((await store.audit.list({ limit: 10 })).map((event) => event.action)).toEqual(["account_created"]);
    await ensureFirstAdmin(store, undefined, logger);
    expect(await store.accounts.list()).toHaveLength(1);
    await store.close();
  });
});
