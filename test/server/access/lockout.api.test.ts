import request from "supertest";
import { slowDown } from "../../../server/src/access/rate-limits";
import { miniAnswers } from "../../support/builders";
import { signedIn, testApp, TEST_PASSWORD } from "../../support/test-app";

// Slow-downs of a millisecond: the tests check who is refused, not how long anyone waits.
const LIMITS = { signInFailures: 3, tokenFailures: 2, responseCreations: 0, slowDownMs: 1 };

const signIn = (app: Parameters<typeof request>[0], address: string, password: string, email = "viewer@example.org") =>
  request(app).post("/api/session").set("X-Forwarded-For", address).send({ email, password });

describe("lockout abuse", () => {
  it("lets the account's holder in after wrong passwords from ten other addresses", async () => {
    const { app } = testApp({ rateLimits: LIMITS });
    await signedIn(app, "viewer");
    for (let address = 1; address <= 10; address += 1) await signIn(app, `203.0.113.${address}`, "wrong guess").expect(401);
    await signIn(app, "198.51.100.7", TEST_PASSWORD).expect(200);
  });

  it("keeps letting the holder in while guesses keep coming from many addresses", async () => {
    const { app } = testApp({ rateLimits: LIMITS });
    await signedIn(app, "admin");
    for (let round = 0; round < 3; round += 1) {
      for (let address = 1; address <= 12; address += 1) await signIn(app, `203.0.${round}.${address}`, "wrong guess", "admin@example.org").expect(401);
      await signIn(app, "198.51.100.7", TEST_PASSWORD, "admin@example.org").expect(200);
    }
  });

  it("refuses the address that guesses one account, with Retry-After, and only for that account", async () => {
    const { app } = testApp({ rateLimits: LIMITS });
    await signedIn(app, "viewer");
    await signedIn(app, "analyst");
    for (let guess = 0; guess < 3; guess += 1) await signIn(app, "203.0.113.9", `guess ${guess}`).expect(401);
    const refused = await signIn(app, "203.0.113.9", TEST_PASSWORD).expect(429);
    expect(refused.body.error.code).toBe("too_many_requests");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    await signIn(app, "203.0.113.9", TEST_PASSWORD, "analyst@example.org").expect(200);
    await signIn(app, "198.51.100.7", TEST_PASSWORD).expect(200);
  });

  it("refuses an address that guesses many accounts", async () => {
    const { app } = testApp({ rateLimits: LIMITS });
    await signedIn(app, "viewer");
    for (let account = 0; account < 15; account += 1) await signIn(app, "203.0.113.9", "guess", `someone${account}@example.org`).expect(401);
    await signIn(app, "203.0.113.9", TEST_PASSWORD).expect(429);
    await signIn(app, "198.51.100.7", TEST_PASSWORD).expect(200);
  });

  it("forgets an address's mistakes for an account once it signs in", async () => {
    const { app } = testApp({ rateLimits: LIMITS });
    await signedIn(app, "viewer");
    for (let round = 0; round < 3; round += 1) {
      await signIn(app, "192.0.2.4", "typo").expect(401);
      await signIn(app, "192.0.2.4", "typo again").expect(401);
      await signIn(app, "192.0.2.4", TEST_PASSWORD).expect(200);
    }
  });

  it("slows resume-token refusals from an address down, and still opens the right token there", async () => {
    const { app } = testApp({ rateLimits: LIMITS });
    const created = (await request(app).post("/api/surveys/mini/responses").send({ answers: {}, status: "draft", locale: "fr" }).expect(201)).body;
    const open = (token: string) =>
      request(app).get(`/api/responses/${created.id}`).set("X-Forwarded-For", "203.0.113.50").set("Authorization", `Bearer ${token}`);
    for (let guess = 0; guess < 5; guess += 1) await open("A".repeat(43)).expect(403);
    await open(created.resumeToken).expect(200);
  });

  it("refuses an address past ten times the token limit, with Retry-After", async () => {
    const { app } = testApp({ rateLimits: LIMITS });
    const created = (await request(app).post("/api/surveys/mini/responses").send({ answers: {}, status: "draft", locale: "fr" }).expect(201)).body;
    const open = (address: string) =>
      request(app)
        .get(`/api/responses/${created.id}`)
        .set("X-Forwarded-For", address)
        .set("Authorization", `Bearer ${"A".repeat(43)}`);
    for (let guess = 0; guess < 20; guess += 1) await open("203.0.113.50").expect(403);
    expect(Number((await open("203.0.113.50").expect(429)).headers["retry-after"])).toBeGreaterThan(0);
    await open("203.0.113.51").expect(403);
  });

  it.each([
    [
      "an invitation link",
      (app: Parameters<typeof request>[0], address: string) =>
        request(app)
          .get("/api/invitation")
          .set("X-Forwarded-For", address)
          .set("Authorization", `Bearer ${"B".repeat(43)}`),
    ],
    [
      "a new response carrying an invitation token",
      (app: Parameters<typeof request>[0], address: string) =>
        request(app)
          .post("/api/surveys/mini/responses")
          .set("X-Forwarded-For", address)
          .set("Authorization", `Bearer ${"B".repeat(43)}`)
          .send({ answers: miniAnswers(), status: "draft", locale: "fr" }),
    ],
  ])("counts invitation-token guesses through %s towards the token limit", async (_path, guess) => {
    const { app, store } = testApp({ rateLimits: LIMITS });
    for (let attempt = 0; attempt < 20; attempt += 1) expect((await guess(app, "203.0.113.60")).status).toBe(403);
    expect((await guess(app, "203.0.113.60")).status).toBe(429);
    expect(await store.responses.count({ surveyId: "mini" })).toBe(0);
  });

  it.each([
    [-1, 0],
    [0, 100],
    [1, 200],
    [3, 800],
    [4, 1600],
    [40, 1600],
  ])("slows down %i failures beyond the limit by %i ms (base 100 ms)", (excess, delay) => {
    expect(slowDown(excess, 100)).toBe(delay);
  });
});

describe("replies that carry a resume token", () => {
  it.each([
    ["a new draft", { answers: {}, status: "draft", locale: "fr" }, {}],
    ["a new submission", { answers: miniAnswers(), status: "submitted", locale: "fr" }, {}],
    [
      "a retried creation answered from its idempotency record",
      { answers: {}, status: "draft", locale: "fr" },
      { "Idempotency-Key": "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d" },
    ],
  ])("are never cached: %s", async (_name, body, headers) => {
    const { app } = testApp();
    const first = await request(app).post("/api/surveys/mini/responses").set(headers).send(body).expect(201);
    expect(first.body.resumeToken).toEqual(expect.any(String));
    expect(first.headers["cache-control"]).toBe("no-store");
    if ("Idempotency-Key" in headers) {
      const replayed = await request(app).post("/api/surveys/mini/responses").set(headers).send(body);
      expect(replayed.body.resumeToken).toBe(first.body.resumeToken);
      expect(replayed.headers["cache-control"]).toBe("no-store");
    }
  });
});
