import { randomUUID } from "node:crypto";
import { StoreConflictError, type Store, type StoredAccount } from "../../../server/src/store/store.port";
import { MONGODB_URI, embedded, mongodb, type Adapter } from "../../support/store-adapters";

function anAccount(overrides: Partial<StoredAccount> = {}): StoredAccount {
  const at = new Date("2026-06-01T08:00:00Z");
  return {
    id: randomUUID(),
    email: `${randomUUID()}@example.org`,
    role: "analyst",
    passwordHash: "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA",
    disabledAt: null,
    mustChangePassword: false,
    lastSignInAt: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

function contract(makeAdapter: () => Adapter): void {
  let adapter: Adapter;
  let store: Store;
  beforeEach(async () => {
    adapter = makeAdapter();
    store = await adapter.open();
  });
  afterEach(async () => {
    await store.close();
    await adapter.cleanUp();
  });

  it("disables and enables an account, marks a temporary password and a sign-in, each change keeping the other fields", async () => {
    const account = anAccount({ role: "viewer" });
    await store.accounts.insert(account);
    const at = new Date("2026-06-02T08:00:00Z");
    expect(await store.accounts.update(account.id, { disabledAt: at, updatedAt: at })).toMatchObject({
      disabledAt: at,
      role: "viewer",
      mustChangePassword: false,
    });
    expect(await store.accounts.update(account.id, { mustChangePassword: true, updatedAt: at })).toMatchObject({ disabledAt: at, mustChangePassword: true });
    expect(await store.accounts.update(account.id, { disabledAt: null, lastSignInAt: at, updatedAt: at })).toMatchObject({
      disabledAt: null,
      lastSignInAt: at,
      mustChangePassword: true,
    });
    expect(await store.accounts.findById(account.id)).toMatchObject({
      disabledAt: null,
      lastSignInAt: at,
      mustChangePassword: true,
      passwordHash: account.passwordHash,
    });
  });

  it("deletes an account only while it never signed in", async () => {
    const unused = anAccount();
    const used = anAccount({ lastSignInAt: new Date("2026-06-02T08:00:00Z") });
    await store.accounts.insert(unused);
    await store.accounts.insert(used);
    expect(await store.accounts.deleteNeverSignedIn(used.id)).toBe(false);
    expect(await store.accounts.deleteNeverSignedIn(unused.id)).toBe(true);
    expect(await store.accounts.deleteNeverSignedIn(unused.id)).toBe(false);
    expect((await store.accounts.list()).map((account) => account.id)).toEqual([used.id]);
  });

  it("keeps accounts, unique by e-mail, and updates role or password", async () => {
    const account = anAccount({ email: "clerk@example.org" });
    await store.accounts.insert(account);
    await expect(store.accounts.insert(anAccount({ email: "clerk@example.org" }))).rejects.toBeInstanceOf(StoreConflictError);
    expect(await store.accounts.findByEmail("clerk@example.org")).toEqual(account);
    expect(await store.accounts.findById(account.id)).toEqual(account);
    const later = new Date("2026-06-02T08:00:00Z");
    expect(await store.accounts.update(account.id, { role: "viewer", updatedAt: later })).toEqual({ ...account, role: "viewer", updatedAt: later });
    expect((await store.accounts.findById(account.id))?.passwordHash).toBe(account.passwordHash);
    expect(await store.accounts.update(randomUUID(), { role: "viewer", updatedAt: later })).toBeNull();
    await store.accounts.insert(anAccount({ email: "another@example.org" }));
    expect((await store.accounts.list()).map((listed) => listed.email)).toEqual(["another@example.org", "clerk@example.org"]);
  });

  it("finds a session until it expires, and deletes an account's sessions but the one kept", async () => {
    const account = anAccount();
    await store.accounts.insert(account);
    const session = (idHash: string) => ({
      idHash,
      accountId: account.id,
      csrfToken: `csrf-${idHash}`,
      createdAt: new Date("2026-06-01T08:00:00Z"),
      expiresAt: new Date("2026-06-01T20:00:00Z"),
    });
    for (const idHash of ["a", "b", "c"]) await store.sessions.insert(session(idHash));
    expect(await store.sessions.find("a", new Date("2026-06-01T19:59:59Z"))).toEqual(session("a"));
    expect(await store.sessions.find("a", new Date("2026-06-01T20:00:00Z"))).toBeNull();
    await store.sessions.delete("a");
    expect(await store.sessions.find("a", new Date("2026-06-01T09:00:00Z"))).toBeNull();
    await store.sessions.deleteForAccount(account.id, "b");
    expect(await store.sessions.find("b", new Date("2026-06-01T09:00:00Z"))).not.toBeNull();
    expect(await store.sessions.find("c", new Date("2026-06-01T09:00:00Z"))).toBeNull();
  });

  describe("audit entries written with the account change they record", () => {
    const entry = (action: string, target: string) => ({
      at: new Date("2026-06-03T10:00:00Z"),
      actor: "admin@example.org",
      action,
      target,
      details: { from: "test" },
    });
    // JSON cannot hold a BigInt: the entry fails to be written, inside the write's transaction.
    const unwritable = (target: string) => ({ ...entry("account_changed", target), details: { size: BigInt(1) } });
    const trail = async () => (await store.audit.list({ limit: 10 })).map((event) => [event.action, event.target]).reverse();
    const later = new Date("2026-06-02T08:00:00Z");

    it("stores the entry with a creation, a change and a deletion", async () => {
      const account = anAccount();
      const unused = anAccount();
      await store.accounts.insert(account, { audit: entry("account_created", account.email) });
      await store.accounts.insert(unused);
      await store.accounts.update(account.id, { disabledAt: later, updatedAt: later }, { audit: entry("account_disabled", account.email) });
      await store.accounts.deleteNeverSignedIn(unused.id, { audit: entry("account_deleted", unused.email) });
      expect(await trail()).toEqual([
        ["account_created", account.email],
        ["account_disabled", account.email],
        ["account_deleted", unused.email],
      ]);
    });

    it("stores no entry for a write that was refused or changed nothing", async () => {
      const account = anAccount({ lastSignInAt: later });
      await store.accounts.insert(account);
      await expect(store.accounts.insert(anAccount({ email: account.email }), { audit: entry("account_created", "taken") })).rejects.toBeInstanceOf(
        StoreConflictError,
      );
      expect(await store.accounts.update(randomUUID(), { role: "viewer", updatedAt: later }, { audit: entry("account_role_changed", "nobody") })).toBeNull();
      expect(await store.accounts.deleteNeverSignedIn(account.id, { audit: entry("account_deleted", account.email) })).toBe(false);
      expect(await trail()).toEqual([]);
    });

    it("stores neither the change nor the entry when the entry cannot be written", async () => {
      const account = anAccount();
      await expect(store.accounts.insert(account, { audit: unwritable(account.email) })).rejects.toThrow();
      expect(await store.accounts.findById(account.id)).toBeNull();
      await store.accounts.insert(account);
      await expect(
        store.accounts.update(account.id, { role: "admin", passwordHash: "changed", updatedAt: later }, { audit: unwritable(account.email) }),
      ).rejects.toThrow();
      await expect(store.accounts.deleteNeverSignedIn(account.id, { audit: unwritable(account.email) })).rejects.toThrow();
      expect(await store.accounts.findById(account.id)).toEqual(account);
      expect(await trail()).toEqual([]);
    });
  });

  it("lists the audit trail newest first, in pages", async () => {
    for (let index = 0; index < 5; index += 1) {
      await store.audit.append({
        at: new Date(Date.UTC(2026, 5, 1, 8, index)),
        actor: "admin@example.org",
        action: `action_${index}`,
        target: "t",
        details: { index, filter: { governorate: "north" } },
      });
    }
    const first = await store.audit.list({ limit: 2 });
    expect(first.map((event) => event.action)).toEqual(["action_4", "action_3"]);
    expect(first[0]?.details).toEqual({ index: 4, filter: { governorate: "north" } });
    const second = await store.audit.list({ limit: 10, before: first[1]?.id });
    expect(second.map((event) => event.action)).toEqual(["action_2", "action_1", "action_0"]);
  });
}

describe("access store contract: embedded (SQLite)", () => contract(embedded));

(MONGODB_URI ? describe : describe.skip)("access store contract: MongoDB", () => contract(() => mongodb(MONGODB_URI ?? "")));
