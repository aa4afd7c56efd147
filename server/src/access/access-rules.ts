import type { Role } from "@passerelle/shared";

export type Audience = "everyone" | readonly Role[];

export interface AccessRule {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Express-style path under `/api`; `:name` matches one segment. */
  path: string;
  allow: Audience;
}

const STAFF: readonly Role[] = ["admin", "analyst", "viewer"];
const ANALYSTS: readonly Role[] = ["admin", "analyst"];
const ADMINS: readonly Role[] = ["admin"];

/**
 * Who may call what: the one table, enforced by one middleware (`enforce-access.ts`) before any
 * route runs, and documented in docs/api.md. "everyone" endpoints check their own credential
 * where they need one (a response's resume token, an invitation's token). An API path missing from the table answers
 * 404 whoever asks. Viewers get aggregates and summaries only; the analytics and summary
 * services also keep questions marked personal from them.
 */
export const ACCESS_RULES: readonly AccessRule[] = [
  { method: "GET", path: "/health", allow: "everyone" },
  { method: "GET", path: "/surveys", allow: "everyone" },
  { method: "GET", path: "/surveys/:surveyId", allow: "everyone" },
  { method: "POST", path: "/surveys/:surveyId/responses", allow: "everyone" },
  { method: "GET", path: "/responses/:id", allow: "everyone" },
  { method: "PUT", path: "/responses/:id", allow: "everyone" },
  // The invitation's token is the credential (checked by the route).
  { method: "GET", path: "/invitation", allow: "everyone" },
  { method: "POST", path: "/session", allow: "everyone" },
  { method: "GET", path: "/session", allow: STAFF },
  { method: "DELETE", path: "/session", allow: STAFF },
  { method: "PUT", path: "/session/password", allow: STAFF },
  { method: "GET", path: "/surveys/:surveyId/analytics/overview", allow: STAFF },
  { method: "GET", path: "/surveys/:surveyId/analytics/themes", allow: STAFF },
  { method: "GET", path: "/surveys/:surveyId/analytics/questions/:name", allow: STAFF },
  // Two questions crossed: a crossing of two dimensions, which viewers' release plan never covers.
  { method: "GET", path: "/surveys/:surveyId/analytics/crosstab", allow: ANALYSTS },
  { method: "GET", path: "/surveys/:surveyId/analytics/crosstab.csv", allow: ANALYSTS },
  { method: "GET", path: "/surveys/:surveyId/exports/themes.csv", allow: STAFF },
  { method: "GET", path: "/surveys/:surveyId/exports/questions.csv", allow: STAFF },
  { method: "GET", path: "/surveys/:surveyId/exports/responses.csv", allow: ANALYSTS },
  { method: "GET", path: "/surveys/:surveyId/exports/responses.xlsx", allow: ANALYSTS },
  // The authorities' own words: analysts read every written answer and publish excerpts of them;
  // viewers get the excerpts published and unchanged since, never the answers.
  { method: "GET", path: "/surveys/:surveyId/texts", allow: ANALYSTS },
  { method: "GET", path: "/surveys/:surveyId/excerpts", allow: STAFF },
  { method: "POST", path: "/surveys/:surveyId/excerpts", allow: ANALYSTS },
  { method: "PUT", path: "/surveys/:surveyId/excerpts/:id", allow: ANALYSTS },
  { method: "DELETE", path: "/surveys/:surveyId/excerpts/:id", allow: ANALYSTS },
  // The thematic brief: every staff role, each under its own disclosure rules.
  { method: "GET", path: "/surveys/:surveyId/brief", allow: STAFF },
  { method: "GET", path: "/surveys/:surveyId/brief.docx", allow: STAFF },
  { method: "GET", path: "/admin/accounts", allow: ADMINS },
  { method: "POST", path: "/admin/accounts", allow: ADMINS },
  { method: "PATCH", path: "/admin/accounts/:id", allow: ADMINS },
  { method: "DELETE", path: "/admin/accounts/:id", allow: ADMINS },
  { method: "POST", path: "/admin/accounts/:id/disable", allow: ADMINS },
  { method: "POST", path: "/admin/accounts/:id/enable", allow: ADMINS },
  { method: "POST", path: "/admin/accounts/:id/password", allow: ADMINS },
  { method: "GET", path: "/admin/audit", allow: ADMINS },
  { method: "GET", path: "/admin/audit.csv", allow: ADMINS },
  { method: "GET", path: "/admin/surveys/:surveyId/invitations", allow: ADMINS },
  { method: "POST", path: "/admin/surveys/:surveyId/invitations/import", allow: ADMINS },
  { method: "POST", path: "/admin/surveys/:surveyId/invitations/:id/revoke", allow: ADMINS },
  { method: "POST", path: "/admin/surveys/:surveyId/invitations/:id/reissue", allow: ADMINS },
  { method: "GET", path: "/admin/surveys/:surveyId/progress", allow: ADMINS },
  { method: "GET", path: "/admin/surveys/:surveyId/non-respondents.csv", allow: ADMINS },
  // Matchmaking: analysts and administrators see and do everything; viewers only the follow-up's
  // aggregate figures, suppressed under the small-group rule; administrators set the weights.
  { method: "GET", path: "/matching/authorities", allow: ANALYSTS },
  { method: "GET", path: "/matching/lebanese/:id/candidates", allow: ANALYSTS },
  { method: "GET", path: "/matching/french/:id/candidates", allow: ANALYSTS },
  { method: "PUT", path: "/matching/lebanese/:id/capacity", allow: ANALYSTS },
  { method: "GET", path: "/matching/proposal", allow: ANALYSTS },
  { method: "GET", path: "/matching/pooled", allow: ANALYSTS },
  { method: "GET", path: "/matching/weights", allow: ANALYSTS },
  { method: "PUT", path: "/matching/weights", allow: ADMINS },
  { method: "GET", path: "/matching/decisions", allow: ANALYSTS },
  { method: "PUT", path: "/matching/decisions", allow: ANALYSTS },
  { method: "GET", path: "/matching/introductions", allow: ANALYSTS },
  { method: "POST", path: "/matching/introductions", allow: ANALYSTS },
  { method: "GET", path: "/matching/introductions.csv", allow: ANALYSTS },
  { method: "GET", path: "/matching/introductions.xlsx", allow: ANALYSTS },
  { method: "GET", path: "/matching/introductions/:id", allow: ANALYSTS },
  { method: "PATCH", path: "/matching/introductions/:id", allow: ANALYSTS },
  { method: "GET", path: "/matching/funnel", allow: STAFF },
  // Mounted only when BENCH_ECHO_ROUTE=1 (the ingest benchmark); a 404 otherwise.
  { method: "POST", path: "/bench/echo", allow: "everyone" },
];

interface CompiledRule extends AccessRule {
  pattern: RegExp;
}

const COMPILED: readonly CompiledRule[] = ACCESS_RULES.map((rule) => ({
  ...rule,
  pattern: new RegExp(`^${rule.path.replace(/[.]/g, "\\.").replace(/:[A-Za-z]+/g, "[^/]+")}/?$`),
}));

/** The rule of a request (`HEAD` reads as `GET`), or undefined when no endpoint matches. */
export function ruleFor(method: string, apiPath: string): AccessRule | undefined {
  const asked = method === "HEAD" ? "GET" : method;
  return COMPILED.find((rule) => rule.method === asked && rule.pattern.test(apiPath));
}

export function allows(audience: Audience, role: Role | undefined): boolean {
  return audience === "everyone" || (role !== undefined && audience.includes(role));
}
