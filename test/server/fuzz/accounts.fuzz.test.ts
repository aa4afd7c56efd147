import fc from "fast-check";
import request from "supertest";
import { ROLES, type AccountView } from "@passerelle/shared";
import { SESSION_COOKIE } from "../../../server/src/access/session-cookie";
import { asJson, awkwardJson, awkwardKey, awkwardString, expectClientError, fuzzParameters, fuzzTimeout, headerValue, type RawBody } from "../../support/fuzz";
import { oddPathSegment } from "../../support/response-fuzzing";
import { CSRF_HEADER, signedIn, testApp, TEST_PASSWORD, type StaffAgent } from "../../support/test-app";

const EMAILS = ["admin@example.org", "ADMIN@example.org", " analyst@example.org ", "analyst@example.org\u0000", "a@b", "@", ""];

const email = fc.oneof(
  fc.constantFrom<unknown>(...EMAILS),
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z][a-z0-9.]{0,20}@[a-z]{1,12}\.(org|lb|fr)$/) },
  fc.emailAddress(),
  awkwardString(),
  awkwardJson(1),
);
const password = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(TEST_PASSWORD, `${TEST_PASSWORD} `, "short", "") },
  { weight: 2, arbitrary: awkwardString({ maxLength: 30 }).map((text) => `${text}${TEST_PASSWORD}`) },
  awkwardString({ maxLength: 60 }),
  fc.integer({ min: 250, max: 260 }).map((length) => "p".repeat(length)),
  awkwardJson(1),
);
const role = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...ROLES) },
  fc.constantFrom<unknown>("ADMIN", "root", "admin ", "", "__proto__"),
  awkwardJson(1),
);

// Well-formed envelopes with any field missing or odd, with extra keys, and anything at all.
function bodyOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<RawBody> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.record(fields).map(asJson) },
    { weight: 2, arbitrary: fc.record(fields, { requiredKeys: [] }).map(asJson) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.record(fields), fc.dictionary(awkwardKey(), awkwardJson(1), { minKeys: 1, maxKeys: 2 }))
        .map(([envelope, extra]) => asJson({ ...extra, ...envelope })),
    },
    { weight: 1, arbitrary: awkwardJson(3).map(asJson) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/json"), awkwardString())
        .map(([contentType, body]) => ({ contentType, body })),
    },
  );
}

/** How a state-changing staff request carries the CSRF token: as it should, not at all, or wrong. */
const csrf = fc.oneof(
  { weight: 8, arbitrary: fc.constant<string | null>(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: headerValue(60) },
);

describe("sign-in and accounts, fuzzed", () => {
  const { app, store } = testApp();
  let admin: StaffAgent;
  let analystId: string;

  beforeAll(async () => {
    admin = await signedIn(app, "admin");
    await signedIn(app, "analyst");
    const analyst = await store.accounts.findByEmail("analyst@example.org");
    analystId = analyst?.id ?? "";
  });

  function send(req: request.Test, body: RawBody) {
    // Strings go as they are: superagent would otherwise turn a form body into fields.
    return req
      .set("Content-Type", body.contentType)
      .serialize((data) => data)
      .send(body.body);
  }

  function withCsrf(req: request.Test, token: string | null | undefined) {
    if (token === null) return req.set(CSRF_HEADER, admin.csrfToken);
    return token === undefined ? req : req.set(CSRF_HEADER, token);
  }

  it(
    "signs in only with the right password, and gives no session cookie otherwise",
    async () => {
      await fc.assert(
        fc.asyncProperty(bodyOf({ email, password }), async (body) => {
          const accounts = await store.accounts.list();
          const res = await send(request(app).post("/api/session"), body);
          const cookies = [res.headers["set-cookie"] ?? []].flat();
          const after = await store.accounts.list();
          if (res.status === 200) {
            const sent = body.sent as { email: string; password: string };
            expect(["admin@example.org", "analyst@example.org"]).toContain(sent.email.trim().toLowerCase());
            expect(sent.password).toBe(TEST_PASSWORD);
            expect(cookies.some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))).toBe(true);
            // A sign-in records when it happened (an account that never signed in may be
            // deleted), and nothing else.
            const withoutSignIn = (list: typeof accounts) => list.map(({ lastSignInAt: _at, updatedAt: _updated, ...rest }) => rest);
            expect(withoutSignIn(after)).toEqual(withoutSignIn(accounts));
            const signedIn = after.find((account) => account.email === sent.email.trim().toLowerCase());
            expect(signedIn?.lastSignInAt).not.toBeNull();
            return;
          }
          expect(after).toEqual(accounts);
          expectClientError(res);
          expect(cookies.some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
        }),
        fuzzParameters(200),
      );
    },
    fuzzTimeout(200),
  );

  it(
    "creates an account only from a valid request, and exactly the one asked for",
    async () => {
      await fc.assert(
        fc.asyncProperty(bodyOf({ email, role, password }), csrf, async (body, token) => {
          const before = await store.accounts.list();
          const res = await send(withCsrf(admin.post("/api/admin/accounts"), token), body);
          const after = await store.accounts.list();
          if (res.status !== 201) {
            expectClientError(res);
            expect(after).toEqual(before);
            return;
          }
          const created = res.body as AccountView;
          const sent = body.sent as { email: string; role: string };
          expect(created).toMatchObject({ email: sent.email.trim().toLowerCase(), role: sent.role });
          expect(after.map((account) => account.id).sort()).toEqual([...before.map((account) => account.id), created.id].sort());
        }),
        fuzzParameters(150),
      );
    },
    fuzzTimeout(150),
  );

  it(
    "changes a role only from a valid request, never the administrator's own",
    async () => {
      const adminId = (await store.accounts.findByEmail("admin@example.org"))?.id ?? "";
      const id = fc.oneof(fc.constantFrom(analystId, adminId), fc.uuid(), oddPathSegment);
      await fc.assert(
        fc.asyncProperty(id, bodyOf({ role }), csrf, async (accountId, body, token) => {
          const before = await store.accounts.list();
          const res = await send(withCsrf(admin.patch(`/api/admin/accounts/${accountId}`), token), body);
          const after = await store.accounts.list();
          if (res.status !== 200) {
            expectClientError(res);
            expect(after).toEqual(before);
            return;
          }
          expect(accountId).toBe(analystId);
          expect((res.body as AccountView).role).toBe((body.sent as { role: string }).role);
          const unchanged = (accounts: typeof before) => accounts.filter((account) => account.id !== analystId);
          expect(unchanged(after)).toEqual(unchanged(before));
        }),
        fuzzParameters(150),
      );
    },
    fuzzTimeout(150),
  );
});
