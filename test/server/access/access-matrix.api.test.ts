import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import type { InvitationImportReport, Role } from "@passerelle/shared";
import { parseCsvRecords } from "../../support/download";
import { miniAnswers } from "../../support/builders";
import { ACCESS_RULES, ruleFor } from "../../../server/src/access/access-rules";
import { CSRF_HEADER, FIXTURE_SURVEYS_DIR, signedIn, testApp, TEST_PASSWORD } from "../../support/test-app";

// Besides each role: an administrator whose account was disabled while signed in, and one who
// signed in with a temporary password and has not changed it yet.
type Caller = "anonymous" | "respondent" | "otherRespondent" | Role | "disabledAdmin" | "temporaryAdmin";
const CALLERS: readonly Caller[] = ["anonymous", "respondent", "otherRespondent", "viewer", "analyst", "admin", "disabledAdmin", "temporaryAdmin"];
type RoleCaller = Exclude<Caller, "disabledAdmin" | "temporaryAdmin">;

// 2xx where "ok"; otherwise the status each caller must get.
type Expected = "ok" | 401 | 403;
const ALL: Record<RoleCaller, Expected> = { anonymous: "ok", respondent: "ok", otherRespondent: "ok", viewer: "ok", analyst: "ok", admin: "ok" };
const STAFF: Record<RoleCaller, Expected> = { anonymous: 401, respondent: 401, otherRespondent: 401, viewer: "ok", analyst: "ok", admin: "ok" };
const ANALYSTS: Record<RoleCaller, Expected> = { ...STAFF, viewer: 403 };
const ADMINS: Record<RoleCaller, Expected> = { ...ANALYSTS, analyst: 403 };
const OWN_RESPONSE: Record<RoleCaller, Expected> = { anonymous: 401, respondent: "ok", otherRespondent: 403, viewer: 401, analyst: 401, admin: 401 };
// The respondent holds an invitation link; the other respondent only a response's resume token.
const OWN_INVITATION: Record<RoleCaller, Expected> = OWN_RESPONSE;

interface Endpoint {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  body?: (context: World) => object;
  /** A CSV file instead of JSON. */
  csv?: string;
  /** A file's text sent as it is (a questionnaire upload). */
  file?: () => string;
  /** The respondent's credential: their response's resume token (default) or their invitation's token. */
  respondentHolds?: "invitation";
  expected: Record<RoleCaller, Expected>;
}

// A disabled account's session opens nothing: it is anonymous. A temporary password opens the
// session and the password change only.
function expectedOf(endpoint: Endpoint, caller: Caller): Expected {
  if (caller === "disabledAdmin") return endpoint.expected.anonymous;
  if (caller === "temporaryAdmin") {
    const isForEveryone = ruleFor(endpoint.method.toUpperCase(), endpoint.path.replace(/^\/api/, ""))?.allow === "everyone";
    return isForEveryone || endpoint.path === "/api/session" ? endpoint.expected.admin : 403;
  }
  return endpoint.expected[caller];
}

let accounts = 0;
const ENDPOINTS: Endpoint[] = [
  { method: "get", path: "/api/health", expected: ALL },
  { method: "get", path: "/api/surveys", expected: ALL },
  { method: "get", path: "/api/surveys/mini", expected: ALL },
  // A public questionnaire: anyone may answer, and an invitation's holder answers as invited; a
  // credential that is no invitation's (a response's resume token) is refused, not ignored.
  {
    method: "post",
    path: "/api/surveys/mini/responses",
    body: () => ({ answers: {}, status: "draft", locale: "fr" }),
    respondentHolds: "invitation",
    expected: { ...ALL, otherRespondent: 403 },
  },
  { method: "get", path: "/api/responses/:id", expected: OWN_RESPONSE },
  { method: "put", path: "/api/responses/:id", body: () => ({ answers: { authority_name: "x" }, status: "draft", locale: "fr" }), expected: OWN_RESPONSE },
  { method: "get", path: "/api/session", expected: STAFF },
  { method: "get", path: "/api/surveys/mini/analytics/overview", expected: STAFF },
  { method: "get", path: "/api/surveys/mini/analytics/themes", expected: STAFF },
  { method: "get", path: "/api/surveys/mini/analytics/questions/readiness", expected: STAFF },
  // The written answers: analysts only; viewers get what is published of them.
  { method: "get", path: "/api/surveys/mini/texts", expected: ANALYSTS },
  { method: "get", path: "/api/surveys/mini/excerpts", expected: STAFF },
  {
    method: "post",
    path: "/api/surveys/mini/excerpts",
    body: (context) => ({ responseId: context.other.id, questionName: "need_water_sanitation" }),
    expected: ANALYSTS,
  },
  { method: "put", path: "/api/surveys/mini/excerpts/:excerptId", body: () => ({ text: "Le réseau d'eau", keepAuthority: false }), expected: ANALYSTS },
  { method: "delete", path: "/api/surveys/mini/excerpts/:excerptId", expected: ANALYSTS },
  { method: "get", path: "/api/surveys/mini/brief", expected: STAFF },
  { method: "get", path: "/api/surveys/mini/brief.docx", expected: STAFF },
  // Personal data: never for viewers, even summarised.
  { method: "get", path: "/api/surveys/mini/analytics/questions/contact_email", expected: ANALYSTS },
  // Cross-tables: analysts and administrators only (see docs/api.md).
  { method: "get", path: "/api/surveys/mini/analytics/crosstab?rows=governorate&columns=constraints", expected: ANALYSTS },
  { method: "get", path: "/api/surveys/mini/analytics/crosstab.csv?rows=governorate&columns=constraints", expected: ANALYSTS },
  { method: "get", path: "/api/surveys/mini/exports/themes.csv", expected: STAFF },
  { method: "get", path: "/api/surveys/mini/exports/questions.csv", expected: STAFF },
  { method: "get", path: "/api/surveys/mini/exports/responses.csv", expected: ANALYSTS },
  { method: "get", path: "/api/surveys/mini/exports/responses.xlsx", expected: ANALYSTS },
  { method: "get", path: "/api/admin/accounts", expected: ADMINS },
  {
    method: "post",
    path: "/api/admin/accounts",
    body: () => ({ email: `new${(accounts += 1)}@example.org`, role: "viewer", password: "a long enough password" }),
    expected: ADMINS,
  },
  { method: "patch", path: "/api/admin/accounts/:accountId", body: () => ({ role: "viewer" }), expected: ADMINS },
  { method: "post", path: "/api/admin/accounts/:targetId/disable", expected: ADMINS },
  { method: "post", path: "/api/admin/accounts/:targetId/enable", expected: ADMINS },
  { method: "post", path: "/api/admin/accounts/:targetId/password", body: () => ({ temporaryPassword: "a temporary password" }), expected: ADMINS },
  { method: "delete", path: "/api/admin/accounts/:unusedId", expected: ADMINS },
  { method: "get", path: "/api/admin/audit", expected: ADMINS },
  { method: "get", path: "/api/admin/audit.csv", expected: ADMINS },
  { method: "get", path: "/api/invitation", respondentHolds: "invitation", expected: OWN_INVITATION },
  { method: "get", path: "/api/admin/surveys/mini/invitations", expected: ADMINS },
  {
    method: "post",
    path: "/api/admin/surveys/mini/invitations/import",
    csv: "name,kind,governorate,district\r\nTripoli,municipality,north,tripoli\r\n",
    expected: ADMINS,
  },
  { method: "post", path: "/api/admin/surveys/mini/invitations/:invitationId/revoke", expected: ADMINS },
  { method: "post", path: "/api/admin/surveys/mini/invitations/:invitationId/reissue", expected: ADMINS },
  { method: "get", path: "/api/admin/surveys/mini/progress", expected: ADMINS },
  { method: "get", path: "/api/admin/surveys/mini/non-respondents.csv", expected: ADMINS },
  { method: "get", path: "/api/admin/questionnaires", expected: ADMINS },
  { method: "put", path: "/api/admin/questionnaires/mini/settings", body: () => ({}), expected: ADMINS },
  { method: "post", path: "/api/admin/questionnaires/check", file: () => MINI_FILE, expected: ADMINS },
  // The version already served: publishing it again changes nothing.
  { method: "post", path: "/api/admin/questionnaires", file: () => MINI_FILE, expected: ADMINS },
];

const MINI_FILE = fs.readFileSync(path.join(FIXTURE_SURVEYS_DIR, "mini.json"), "utf8");

async function world() {
  const { app } = testApp();
  const create = () => request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "draft", locale: "fr" }).expect(201);
  const own = (await create()).body as { id: string; resumeToken: string };
  const other = (await create()).body as { id: string; resumeToken: string };
  await request(app)
    .put(`/api/responses/${other.id}`)
    .set("Authorization", `Bearer ${other.resumeToken}`)
    .send({ answers: miniAnswers(), status: "submitted", locale: "fr" })
    .expect(200);
  const staff = { viewer: await signedIn(app, "viewer"), analyst: await signedIn(app, "analyst"), admin: await signedIn(app, "admin") };
  const accounts = () =>
    staff.admin
      .get("/api/admin/accounts")
      .expect(200)
      .then((res) => res.body.accounts as { id: string; email: string }[]);
  const target = (await accounts()).find((account) => account.email === "viewer@example.org")!;
  const createAccount = (email: string) =>
    staff.admin.post("/api/admin/accounts").set(CSRF_HEADER, staff.admin.csrfToken).send({ email, role: "admin", password: TEST_PASSWORD }).expect(201);
  const lifecycleTarget = (await createAccount("target@example.org")).body as { id: string };
  const unused = (await createAccount("unused@example.org")).body as { id: string };
  const signInAs = async (email: string) => {
    await createAccount(email);
    const agent = request.agent(app);
    const res = await agent.post("/api/session").send({ email, password: TEST_PASSWORD }).expect(200);
    return Object.assign(agent, { csrfToken: String(res.body.csrfToken), id: String(res.body.account.id) });
  };
  const disabledAdmin = await signInAs("disabled@example.org");
  await staff.admin.post(`/api/admin/accounts/${disabledAdmin.id}/disable`).set(CSRF_HEADER, staff.admin.csrfToken).expect(200);
  const temporary = await createAccount("temporary@example.org");
  await staff.admin
    .post(`/api/admin/accounts/${temporary.body.id}/password`)
    .set(CSRF_HEADER, staff.admin.csrfToken)
    .send({ temporaryPassword: "a temporary password" })
    .expect(200);
  const temporaryAdmin = request.agent(app);
  const temporarySession = await temporaryAdmin.post("/api/session").send({ email: "temporary@example.org", password: "a temporary password" }).expect(200);
  expect(temporarySession.body.account.mustChangePassword).toBe(true);
  const imported = await staff.admin
    .post("/api/admin/surveys/mini/invitations/import")
    .set(CSRF_HEADER, staff.admin.csrfToken)
    .set("Content-Type", "text/csv")
    .send("name,kind,governorate,district\r\nSaida,municipality,south,saida\r\nTyre,municipality,south,tyre\r\n")
    .expect(200);
  const report = imported.body as InvitationImportReport;
  // One excerpt per withdrawal the matrix tries (one per caller), and one to revise.
  const excerptIds: string[] = [];
  for (let index = 0; index <= CALLERS.length; index += 1) {
    const published = await staff.analyst
      .post("/api/surveys/mini/excerpts")
      .set(CSRF_HEADER, staff.analyst.csrfToken)
      .send({ responseId: other.id, questionName: "need_water_sanitation" })
      .expect(201);
    excerptIds.push(String(published.body.id));
  }
  const invitationToken = (parseCsvRecords(report.mailMergeCsv!)[0]?.link ?? "").split("#")[1]!;
  return {
    app,
    own,
    other,
    staff: { ...staff, disabledAdmin, temporaryAdmin: Object.assign(temporaryAdmin, { csrfToken: String(temporarySession.body.csrfToken) }) },
    accountId: target.id,
    targetId: lifecycleTarget.id,
    unusedId: unused.id,
    invitationToken,
    invitationId: report.lines[1]!.invitationId!,
    excerptIds,
  };
}
type World = Awaited<ReturnType<typeof world>>;

describe("who may call what", () => {
  let context: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    context = await world();
  });

  const cases = ENDPOINTS.flatMap((endpoint) => CALLERS.map((caller) => [endpoint.method.toUpperCase(), endpoint.path, caller, endpoint] as const));
  it.each(cases)("%s %s as %s", async (_method, _path, caller, endpoint) => {
    const path = endpoint.path
      .replace(":id", context.own.id)
      .replace(":accountId", context.accountId)
      .replace(":targetId", context.targetId)
      .replace(":unusedId", context.unusedId)
      .replace(":invitationId", context.invitationId)
      .replace(":excerptId", endpoint.method === "delete" ? context.excerptIds.pop()! : context.excerptIds[0]!);
    const isStaff = caller !== "anonymous" && caller !== "respondent" && caller !== "otherRespondent";
    const client = isStaff ? context.staff[caller] : request(context.app);
    let call = client[endpoint.method](path);
    if (caller === "respondent")
      call = call.set("Authorization", `Bearer ${endpoint.respondentHolds === "invitation" ? context.invitationToken : context.own.resumeToken}`);
    if (caller === "otherRespondent") call = call.set("Authorization", `Bearer ${context.other.resumeToken}`);
    if (isStaff) call = call.set(CSRF_HEADER, context.staff[caller].csrfToken);
    if (endpoint.csv !== undefined) call = call.set("Content-Type", "text/csv").send(endpoint.csv);
    if (endpoint.file) call = call.set("Content-Type", "application/json").send(endpoint.file());
    const res = await (endpoint.body ? call.send(endpoint.body(context)) : call);
    const expected = expectedOf(endpoint, caller);
    if (expected === "ok") expect([res.status, res.body?.error?.code]).toEqual([expect.any(Number), undefined]);
    if (expected === "ok") expect(res.status).toBeLessThan(300);
    else expect(res.status).toBe(expected);
  });

  it("lists every endpoint of the access table, so a new one cannot escape the matrix", () => {
    // Signing in, out and changing one's password are tested with their own sequences.
    const elsewhere = new Set(["POST /session", "DELETE /session", "PUT /session/password", "POST /bench/echo"]);
    const listed = new Set(
      ENDPOINTS.map(
        (endpoint) =>
          `${endpoint.method.toUpperCase()} ${endpoint.path
            .replace(/^\/api/, "")
            .replace(/\?.*$/, "")
            .replace(/:[A-Za-z]+/g, ":")}`,
      ),
    );
    // Matchmaking's endpoints have a matrix of their own (test/server/matching), which checks
    // in the same way that it lists every one of them.
    const missing = ACCESS_RULES.map((rule) => `${rule.method} ${rule.path}`)
      .filter((rule) => !elsewhere.has(rule) && !rule.split(" ")[1]!.startsWith("/matching/"))
      .filter((rule) => !listed.has(rule.replace(/:[A-Za-z]+/g, ":")) && !isCoveredByExample(rule, listed));
    expect(missing).toEqual([]);
  });

  it("answers 404 to an API path that is not in the table, whoever asks", async () => {
    expect((await context.staff.admin.get("/api/admin/secrets").expect(404)).body.error.code).toBe("route_not_found");
    expect((await request(context.app).get("/api/nothing").expect(404)).body.error.code).toBe("route_not_found");
  });
});

// An endpoint listed with a concrete value where the rule has a parameter (`/surveys/mini/…`).
function isCoveredByExample(rule: string, listed: ReadonlySet<string>): boolean {
  const pattern = new RegExp(`^${rule.replace(/[.]/g, "\\.").replace(/:[A-Za-z]+/g, "[^/ ]+")}$`);
  return [...listed].some((endpoint) => pattern.test(endpoint));
}
