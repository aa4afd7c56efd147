import request from "supertest";
import { miniAnswers } from "../../support/builders";
import { CSRF_HEADER, signedIn, testApp, TEST_PASSWORD } from "../../support/test-app";

describe("signing in and out", () => {
  it("sets an httpOnly, SameSite=Strict session cookie for the API only, and says who is signed in", async () => {
    const { app } = testApp();
    await signedIn(app, "viewer");
    const res = await request(app).post("/api/session").send({ email: "Viewer@Example.org ", password: TEST_PASSWORD }).expect(200);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^passerelle_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/api");
    expect(cookie).not.toContain("Secure");
    expect(res.body).toMatchObject({ account: { email: "viewer@example.org", role: "viewer" }, csrfToken: expect.any(String) });
  });

  it("marks the cookie Secure behind an HTTPS proxy", async () => {
    const { app } = testApp();
    await signedIn(app, "viewer");
    const res = await request(app)
      .post("/api/session")
      .set("X-Forwarded-Proto", "https")
      .send({ email: "viewer@example.org", password: TEST_PASSWORD })
      .expect(200);
    expect(String(res.headers["set-cookie"])).toContain("Secure");
  });

  it("refuses a wrong password and an unknown e-mail alike, and records both attempts", async () => {
    const { app } = testApp();
    const admin = await signedIn(app, "admin");
    const wrong = await request(app).post("/api/session").send({ email: "admin@example.org", password: "not the password" }).expect(401);
    const unknown = await request(app).post("/api/session").send({ email: "nobody@example.org", password: "not the password" }).expect(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe("invalid_credentials");
    expect(wrong.headers["set-cookie"]).toBeUndefined();
    const events = (await admin.get("/api/admin/audit").expect(200)).body.events as { action: string; target: string }[];
    expect(
      events
        .filter((event) => event.action === "sign_in_failed")
        .map((event) => event.target)
        .sort(),
    ).toEqual(["admin@example.org", "nobody@example.org"]);
  });

  it.each([
    ["no e-mail", { password: "x" }],
    ["a malformed e-mail", { email: "not-an-email", password: "x" }],
    ["an extra field", { email: "a@example.org", password: "x", role: "admin" }],
    ["a password that is an object with a length", { email: "a@example.org", password: { length: { toString: 0 } } }],
    ["an e-mail that is an object with a length", { email: { length: { toString: 0 } }, password: "x" }],
  ])("answers 400 to a sign-in with %s", async (_label, body) => {
    const { app } = testApp();
    expect((await request(app).post("/api/session").send(body).expect(400)).body.error.code).toBe("invalid_request");
  });

  it("answers 400, not 500, to account and password fields that are objects with a length", async () => {
    const { app } = testApp();
    const admin = await signedIn(app, "admin");
    const object = { length: { toString: 0 } };
    const created = await admin
      .post("/api/admin/accounts")
      .set(CSRF_HEADER, admin.csrfToken)
      .send({ email: "new@example.org", role: "viewer", password: object })
      .expect(400);
    expect(created.body.error.details).toEqual([{ question: "password", message: expect.any(String) }]);
    await admin.put("/api/session/password").set(CSRF_HEADER, admin.csrfToken).send({ currentPassword: object, newPassword: object }).expect(400);
    expect((await admin.get("/api/admin/accounts").expect(200)).body.accounts).toHaveLength(1);
  });

  it("refuses a state-changing request made with the cookie but without the CSRF token", async () => {
    const { app } = testApp();
    const admin = await signedIn(app, "admin");
    const body = { email: "new@example.org", role: "viewer", password: "a long enough password" };
    expect((await admin.post("/api/admin/accounts").send(body).expect(403)).body.error.code).toBe("csrf_rejected");
    expect((await admin.post("/api/admin/accounts").set(CSRF_HEADER, "x".repeat(43)).send(body).expect(403)).body.error.code).toBe("csrf_rejected");
    expect((await admin.get("/api/admin/accounts").expect(200)).body.accounts).toHaveLength(1);
    await admin.post("/api/admin/accounts").set(CSRF_HEADER, admin.csrfToken).send(body).expect(201);
  });

  it("signs out: the cookie no longer opens anything", async () => {
    const { app } = testApp();
    const analyst = await signedIn(app, "analyst");
    await analyst.get("/api/session").expect(200);
    await analyst.delete("/api/session").set(CSRF_HEADER, analyst.csrfToken).expect(204);
    expect((await analyst.get("/api/surveys/mini/analytics/themes").expect(401)).body.error.code).toBe("unauthenticated");
  });

  it("changes a password: the old one stops working and other sessions are signed out", async () => {
    const { app } = testApp();
    const analyst = await signedIn(app, "analyst");
    const elsewhere = request.agent(app);
    await elsewhere.post("/api/session").send({ email: "analyst@example.org", password: TEST_PASSWORD }).expect(200);
    await analyst
      .put("/api/session/password")
      .set(CSRF_HEADER, analyst.csrfToken)
      .send({ currentPassword: "wrong", newPassword: "another long password" })
      .expect(401);
    await analyst.put("/api/session/password").set(CSRF_HEADER, analyst.csrfToken).send({ currentPassword: TEST_PASSWORD, newPassword: "short" }).expect(400);
    await analyst
      .put("/api/session/password")
      .set(CSRF_HEADER, analyst.csrfToken)
      .send({ currentPassword: TEST_PASSWORD, newPassword: "another long password" })
      .expect(204);
    await analyst.get("/api/session").expect(200);
    await elsewhere.get("/api/session").expect(401);
    await request(app).post("/api/session").send({ email: "analyst@example.org", password: TEST_PASSWORD }).expect(401);
    await request(app).post("/api/session").send({ email: "analyst@example.org", password: "another long password" }).expect(200);
  });

  it("lets an administrator change a role, which signs the account out, but not their own", async () => {
    const { app } = testApp();
    const admin = await signedIn(app, "admin");
    const viewer = await signedIn(app, "viewer");
    const accounts = (await admin.get("/api/admin/accounts").expect(200)).body.accounts as { id: string; email: string }[];
    const viewerId = accounts.find((account) => account.email === "viewer@example.org")!.id;
    const adminId = accounts.find((account) => account.email === "admin@example.org")!.id;
    await admin.patch(`/api/admin/accounts/${viewerId}`).set(CSRF_HEADER, admin.csrfToken).send({ role: "analyst" }).expect(200);
    await viewer.get("/api/session").expect(401);
    await admin.patch(`/api/admin/accounts/${adminId}`).set(CSRF_HEADER, admin.csrfToken).send({ role: "viewer" }).expect(403);
    await admin.patch(`/api/admin/accounts/${viewerId}`).set(CSRF_HEADER, admin.csrfToken).send({ role: "owner" }).expect(400);
    const events = (await admin.get("/api/admin/audit").expect(200)).body.events as { action: string; details: object }[];
    expect(events.find((event) => event.action === "account_role_changed")?.details).toEqual({ from: "viewer", to: "analyst" });
    const duplicate = await admin
      .post("/api/admin/accounts")
      .set(CSRF_HEADER, admin.csrfToken)
      .send({ email: "viewer@example.org", role: "viewer", password: "a long enough password" });
    expect([duplicate.status, duplicate.body.error.code]).toEqual([409, "account_exists"]);
  });
});

describe("rate limits", () => {
  it("meets a password guesser with 429 and Retry-After, even with the right password afterwards", async () => {
    const { app } = testApp({ rateLimits: { signInFailures: 3, tokenFailures: 0, responseCreations: 0 } });
    await signedIn(app, "viewer");
    for (let attempt = 0; attempt < 3; attempt += 1)
      await request(app)
        .post("/api/session")
        .send({ email: "viewer@example.org", password: `guess ${attempt}` })
        .expect(401);
    const blocked = await request(app).post("/api/session").send({ email: "viewer@example.org", password: TEST_PASSWORD }).expect(429);
    expect(blocked.body.error.code).toBe("too_many_requests");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("limits how many responses one address creates per minute", async () => {
    const { app } = testApp({ rateLimits: { signInFailures: 0, tokenFailures: 0, responseCreations: 2 } });
    const create = () => request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "draft", locale: "fr" });
    await create().expect(201);
    await create().expect(201);
    expect((await create().expect(429)).body.error.code).toBe("too_many_requests");
  });
});
