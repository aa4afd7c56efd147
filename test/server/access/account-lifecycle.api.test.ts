import request from "supertest";
import { CSRF_HEADER, signedIn, testApp, TEST_PASSWORD } from "../../support/test-app";

async function withColleague() {
  const context = testApp();
  const admin = await signedIn(context.app, "admin");
  const viewer = await signedIn(context.app, "viewer");
  const accounts = (await admin.get("/api/admin/accounts").expect(200)).body.accounts as { id: string; email: string }[];
  const viewerId = accounts.find((account) => account.email === "viewer@example.org")!.id;
  const adminId = accounts.find((account) => account.email === "admin@example.org")!.id;
  const post = (path: string, body?: object) => admin.post(path).set(CSRF_HEADER, admin.csrfToken).send(body);
  const actions = async () => (await context.store.audit.list({ limit: 100 })).map((event) => [event.action, event.target]);
  return { ...context, admin, viewer, viewerId, adminId, post, actions };
}

const signIn = (app: Parameters<typeof request>[0], password = TEST_PASSWORD, email = "viewer@example.org") =>
  request(app).post("/api/session").send({ email, password });

describe("an account's lifecycle", () => {
  it("disables an account: its sessions end at once, it cannot sign in, its audit trail stays", async () => {
    const { app, viewer, viewerId, post, actions } = await withColleague();
    await viewer.get("/api/surveys/mini/analytics/overview").expect(200);
    const before = (await actions()).length;
    expect((await post(`/api/admin/accounts/${viewerId}/disable`).expect(200)).body).toMatchObject({ isDisabled: true });
    expect((await viewer.get("/api/surveys/mini/analytics/overview").expect(401)).body.error.code).toBe("unauthenticated");
    expect((await signIn(app).expect(403)).body.error.code).toBe("account_disabled");
    // A wrong password says nothing about the account being disabled.
    expect((await signIn(app, "not the password").expect(401)).body.error.code).toBe("invalid_credentials");
    expect(await actions()).toEqual(
      expect.arrayContaining([
        ["account_disabled", "viewer@example.org"],
        ["sign_in", "viewer@example.org"],
      ]),
    );
    expect((await actions()).length).toBeGreaterThan(before);

    expect((await post(`/api/admin/accounts/${viewerId}/enable`).expect(200)).body).toMatchObject({ isDisabled: false });
    await signIn(app).expect(200);
    expect(await actions()).toEqual(expect.arrayContaining([["account_enabled", "viewer@example.org"]]));
  });

  it("deletes an account that never signed in, and refuses one that did with 409, deleting nothing", async () => {
    const { store, viewerId, post, admin, actions } = await withColleague();
    const created = (await post("/api/admin/accounts", { email: "typo@exmaple.org", role: "analyst", password: TEST_PASSWORD }).expect(201)).body as {
      id: string;
      lastSignInAt: null;
    };
    expect(created.lastSignInAt).toBeNull();
    await admin.delete(`/api/admin/accounts/${created.id}`).set(CSRF_HEADER, admin.csrfToken).expect(204);
    expect(await store.accounts.findById(created.id)).toBeNull();
    expect(await actions()).toEqual(expect.arrayContaining([["account_deleted", "typo@exmaple.org"]]));
    expect((await admin.delete(`/api/admin/accounts/${viewerId}`).set(CSRF_HEADER, admin.csrfToken).expect(409)).body.error.code).toBe("account_in_use");
    expect(await store.accounts.findById(viewerId)).not.toBeNull();
  });

  it("sets a temporary password: sessions end, the next sign-in must change it before anything else", async () => {
    const { app, viewer, viewerId, post, actions } = await withColleague();
    const reset = await post(`/api/admin/accounts/${viewerId}/password`, { temporaryPassword: "a temporary password" }).expect(200);
    expect(reset.headers["cache-control"]).toBe("no-store");
    expect(JSON.stringify(reset.body)).not.toContain("a temporary password");
    await viewer.get("/api/session").expect(401);
    await signIn(app).expect(401);
    const agent = request.agent(app);
    const session = await agent.post("/api/session").send({ email: "viewer@example.org", password: "a temporary password" }).expect(200);
    expect(session.body.account.mustChangePassword).toBe(true);
    expect((await agent.get("/api/surveys/mini/analytics/overview").expect(403)).body.error.code).toBe("password_change_required");
    await agent
      .put("/api/session/password")
      .set(CSRF_HEADER, session.body.csrfToken)
      .send({ currentPassword: "a temporary password", newPassword: "my own new password" })
      .expect(204);
    await agent.get("/api/surveys/mini/analytics/overview").expect(200);
    expect((await agent.get("/api/session").expect(200)).body.account.mustChangePassword).toBe(false);
    expect(await actions()).toEqual(
      expect.arrayContaining([
        ["password_reset", "viewer@example.org"],
        ["password_changed", "viewer@example.org"],
      ]),
    );
  });

  it.each([
    ["disable", "post", "/disable"],
    ["delete", "delete", ""],
    ["reset the password of", "post", "/password"],
  ] as const)("refuses to %s one's own account with 403", async (_verb, method, suffix) => {
    const { admin, adminId, store } = await withColleague();
    const res = await admin[method](`/api/admin/accounts/${adminId}${suffix}`)
      .set(CSRF_HEADER, admin.csrfToken)
      .send(suffix === "/password" ? { temporaryPassword: "a temporary password" } : undefined);
    expect(res.status).toBe(403);
    expect(await store.accounts.findById(adminId)).toMatchObject({ disabledAt: null, mustChangePassword: false });
  });

  it.each([
    ["a temporary password too short", { temporaryPassword: "short" }],
    ["an unknown field", { temporaryPassword: "a temporary password", role: "admin" }],
    ["no body", undefined],
  ])("refuses %s with 400, changing nothing", async (_name, body) => {
    const { viewerId, post, store } = await withColleague();
    const before = await store.accounts.findById(viewerId);
    expect((await post(`/api/admin/accounts/${viewerId}/password`, body).expect(400)).body.error.code).toBe("invalid_request");
    expect(await store.accounts.findById(viewerId)).toEqual(before);
  });

  it("answers 404 for an account that does not exist", async () => {
    const { post } = await withColleague();
    for (const action of ["disable", "enable"])
      expect((await post(`/api/admin/accounts/nobody/${action}`).expect(404)).body.error.code).toBe("route_not_found");
  });
});
