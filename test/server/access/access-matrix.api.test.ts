import request from "supertest";
import type { InvitationImportReport, Role } from "@passerelle/shared";
import { parseCsvRecords } from "../../support/download";
import { miniAnswers } from "../../support/builders";
import { CSRF_HEADER, signedIn, testApp } from "../../support/test-app";

type Caller = "anonymous" | "respondent" | "otherRespondent" | Role;
const CALLERS: readonly Caller[] = ["anonymous", "respondent", "otherRespondent", "viewer", "analyst", "admin"];

// 2xx where "ok"; otherwise the status each caller must get.
type Expected = "ok" | 401 | 403;
const ALL: Record<Caller, Expected> = { anonymous: "ok", respondent: "ok", otherRespondent: "ok", viewer: "ok", analyst: "ok", admin: "ok" };
const STAFF: Record<Caller, Expected> = { anonymous: 401, respondent: 401, otherRespondent: 401, viewer: "ok", analyst: "ok", admin: "ok" };
const ANALYSTS: Record<Caller, Expected> = { ...STAFF, viewer: 403 };
const ADMINS: Record<Caller, Expected> = { ...ANALYSTS, analyst: 403 };
const OWN_RESPONSE: Record<Caller, Expected> = { anonymous: 401, respondent: "ok", otherRespondent: 403, viewer: 401, analyst: 401, admin: 401 };
// The respondent holds an invitation link; the other respondent only a response's resume token.
const OWN_INVITATION: Record<Caller, Expected> = OWN_RESPONSE;

interface Endpoint {
  method: "get" | "post" | "put" | "patch";
  path: string;
  body?: () => object;
  /** A CSV file instead of JSON. */
  csv?: string;
  /** The respondent's credential: their response's resume token (default) or their invitation's token. */
  respondentHolds?: "invitation";
  expected: Record<Caller, Expected>;
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
  // Personal data: never for viewers, even summarised.
  { method: "get", path: "/api/surveys/mini/analytics/questions/contact_email", expected: ANALYSTS },
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
  { method: "get", path: "/api/admin/audit", expected: ADMINS },
  { method: "get", path: "/api/admin/audit.csv", expected: ADMINS },
  { method: "get", path: "/api/invitation", respondentHolds: "invitation", expected: OWN_INVITATION },
  { method: "get", path: "/api/admin/surveys/mini/invitations", expected: ADMINS },
  { method: "post", path: "/api/admin/surveys/mini/invitations/import", csv: "name,kind,governorate,district\r\nTripoli,municipality,north,tripoli\r\n", expected: ADMINS },
  { method: "post", path: "/api/admin/surveys/mini/invitations/:invitationId/revoke", expected: ADMINS },
  { method: "post", path: "/api/admin/surveys/mini/invitations/:invitationId/reissue", expected: ADMINS },
  { method: "get", path: "/api/admin/surveys/mini/progress", expected: ADMINS },
  { method: "get", path: "/api/admin/surveys/mini/non-respondents.csv", expected: ADMINS },
];

async function world() {
  const { app } = testApp();
  const create = () => request(app).post("/api/surveys/mini/responses").send({ answers: miniAnswers(), status: "draft", locale: "fr" }).expect(201);
  const own = (await create()).body as { id: string; resumeToken: string };
  const other = (await create()).body as { id: string; resumeToken: string };
  await request(app).put(`/api/responses/${other.id}`).set("Authorization", `Bearer ${other.resumeToken}`).send({ answers: miniAnswers(), status: "submitted", locale: "fr" }).expect(200);
  const staff = { viewer: await signedIn(app, "viewer"), analyst: await signedIn(app, "analyst"), admin: await signedIn(app, "admin") };
  const target = ((await staff.admin.get("/api/admin/accounts").expect(200)).body.accounts as { id: string; email: string }[]).find(
    (account) => account.email === "viewer@example.org",
  )!;
  const imported = await staff.admin
    .post("/api/admin/surveys/mini/invitations/import")
    .set(CSRF_HEADER, staff.admin.csrfToken)
    .set("Content-Type", "text/csv")
    .send("name,kind,governorate,district\r\nSaida,municipality,south,saida\r\nTyre,municipality,south,tyre\r\n")
    .expect(200);
  const report = imported.body as InvitationImportReport;
  const invitationToken = (parseCsvRecords(report.mailMergeCsv!)[0]?.link ?? "").split("#")[1]!;
  return { app, own, other, staff, accountId: target.id, invitationToken, invitationId: report.lines[1]!.invitationId! };
}

describe("who may call what", () => {
  let context: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    context = await world();
  });

  const cases = ENDPOINTS.flatMap((endpoint) => CALLERS.map((caller) => [endpoint.method.toUpperCase(), endpoint.path, caller, endpoint] as const));
  it.each(cases)("%s %s as %s", async (_method, _path, caller, endpoint) => {
    const path = endpoint.path.replace(":id", context.own.id).replace(":accountId", context.accountId).replace(":invitationId", context.invitationId);
    const client = caller === "viewer" || caller === "analyst" || caller === "admin" ? context.staff[caller] : request(context.app);
    let call = client[endpoint.method](path);
    if (caller === "respondent") call = call.set("Authorization", `Bearer ${endpoint.respondentHolds === "invitation" ? context.invitationToken : context.own.resumeToken}`);
    if (caller === "otherRespondent") call = call.set("Authorization", `Bearer ${context.other.resumeToken}`);
    if (caller === "viewer" || caller === "analyst" || caller === "admin") call = call.set(CSRF_HEADER, context.staff[caller].csrfToken);
    if (endpoint.csv !== undefined) call = call.set("Content-Type", "text/csv").send(endpoint.csv);
    const res = await (endpoint.body ? call.send(endpoint.body()) : call);
    const expected = endpoint.expected[caller];
    if (expected === "ok") expect([res.status, res.body?.error?.code]).toEqual([expect.any(Number), undefined]);
    if (expected === "ok") expect(res.status).toBeLessThan(300);
    else expect(res.status).toBe(expected);
  });

  it("answers 404 to an API path that is not in the table, whoever asks", async () => {
    expect((await context.staff.admin.get("/api/admin/secrets").expect(404)).body.error.code).toBe("route_not_found");
    expect((await request(context.app).get("/api/nothing").expect(404)).body.error.code).toBe("route_not_found");
  });
});
