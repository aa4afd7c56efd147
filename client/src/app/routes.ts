/**
 * The app's addresses. Parsing and building live together so a link can never point at
 * a path the router does not know. The resume token travels in the fragment (`#token`), which
 * browsers never send to the server, so it cannot end up in access logs.
 */
export type Route =
  | { name: "home" }
  | { name: "respond"; surveyId: string; responseId: string | null; resumeToken: string | null }
  | { name: "done"; surveyId: string; responseId: string; resumeToken: string | null }
  | { name: "receipt"; surveyId: string; responseId: string; resumeToken: string | null }
  | { name: "invitation"; surveyId: string; invitationToken: string | null }
  | { name: "dashboard"; surveyId: string }
  | { name: "brief"; surveyId: string }
  | { name: "sign-in" }
  | { name: "admin" }
  | { name: "admin-survey"; surveyId: string }
  | { name: "admin-questionnaires" }
  | { name: "matching" }
  | { name: "not-found" };

export function parseRoute(pathname: string, hash: string): Route {
  const segments = pathname
    .split("/")
    .filter((segment) => segment !== "")
    .map(safeDecode);
  const token = hash.startsWith("#") && hash.length > 1 ? hash.slice(1) : null;
  const [first, surveyId, third, responseId, fifth, ...rest] = segments;

  if (segments.length === 0) return { name: "home" };
  if (segments.length === 1 && first === "sign-in") return { name: "sign-in" };
  if (segments.length === 1 && first === "admin") return { name: "admin" };
  if (segments.length === 1 && first === "matching") return { name: "matching" };
  if (first === "admin") return parseAdminRoute(segments);
  if (first !== "surveys" || surveyId === undefined || surveyId === null) return { name: "not-found" };
  if (segments.length === 2) return { name: "respond", surveyId, responseId: null, resumeToken: null };
  if (third === "dashboard" && segments.length === 3) return { name: "dashboard", surveyId };
  if (third === "brief" && segments.length === 3) return { name: "brief", surveyId };
  if (third === "invitation" && segments.length === 3) return { name: "invitation", surveyId, invitationToken: token };
  if (third !== "responses" || responseId === undefined || responseId === null) return { name: "not-found" };
  if (segments.length === 4) return { name: "respond", surveyId, responseId, resumeToken: token };
  if (fifth === "done" && rest.length === 0) return { name: "done", surveyId, responseId, resumeToken: token };
  if (fifth === "receipt" && rest.length === 0) return { name: "receipt", surveyId, responseId, resumeToken: token };
  return { name: "not-found" };
}

export function homePath(): string {
  return "/";
}

export function signInPath(): string {
  return "/sign-in";
}

/** The administrator's home: questionnaires, accounts and the audit trail. */
export function adminPath(): string {
  return "/admin";
}

/**
 * The matchmaking workspace; `tab` and `id` (the authority shown) travel in the query string, so
 * a copied address opens the same view.
 */
export function matchingPath(view: { tab?: string; id?: string } = {}): string {
  const query = new URLSearchParams();
  if (view.tab) query.set("tab", view.tab);
  if (view.id) query.set("id", view.id);
  const search = query.toString();
  return search ? `/matching?${search}` : "/matching";
}

/** A questionnaire's invitations and the progress of its answers, for administrators. */
export function adminSurveyPath(surveyId: string): string {
  return `${adminPath()}/surveys/${encodeURIComponent(surveyId)}`;
}

export function respondPath(surveyId: string): string {
  return `/surveys/${encodeURIComponent(surveyId)}`;
}

/** Path and fragment of a response: opening it resumes the response on any device. */
export function resumePath(surveyId: string, responseId: string, resumeToken: string): string {
  return `${respondPath(surveyId)}/responses/${encodeURIComponent(responseId)}#${resumeToken}`;
}

/**
 * An invitation link, as sent to an authority: it opens the authority's one response (started or
 * not) on any device; the token travels in the fragment like a resume token.
 */
export function invitationPath(surveyId: string, invitationToken: string): string {
  return `${respondPath(surveyId)}/invitation#${invitationToken}`;
}

export function donePath(surveyId: string, responseId: string, resumeToken: string | null): string {
  const path = `${respondPath(surveyId)}/responses/${encodeURIComponent(responseId)}/done`;
  return resumeToken ? `${path}#${resumeToken}` : path;
}

/** The respondent's copy of a submitted response, to print or download; read with the token. */
export function receiptPath(surveyId: string, responseId: string, resumeToken: string): string {
  return `${respondPath(surveyId)}/responses/${encodeURIComponent(responseId)}/receipt#${resumeToken}`;
}

/**
 * The analytics dashboard of a questionnaire; `query` is its filters as a query string without
 * the `?` (see `dashboard-filters.ts`), so a copied address shows a colleague the same view.
 */
export function dashboardPath(surveyId: string, query = ""): string {
  const path = `${respondPath(surveyId)}/dashboard`;
  return query ? `${path}?${query}` : path;
}

/** Opening, dates and versions of the questionnaires, and uploads, for administrators. */
export function adminQuestionnairesPath(): string {
  return `${adminPath()}/questionnaires`;
}

/** The thematic brief of a questionnaire, under the dashboard's filters (`query`, without the `?`). */
export function briefPath(surveyId: string, query = ""): string {
  const path = `${respondPath(surveyId)}/brief`;
  return query ? `${path}?${query}` : path;
}

// `/admin/surveys/:surveyId`, `/admin/questionnaires`; anything else under `/admin` is unknown.
function parseAdminRoute(segments: (string | null)[]): Route {
  const [, second, surveyId] = segments;
  if (segments.length === 2 && second === "questionnaires") return { name: "admin-questionnaires" };
  if (segments.length === 3 && second === "surveys" && typeof surveyId === "string") return { name: "admin-survey", surveyId };
  return { name: "not-found" };
}

/** A malformed escape (`%E0`) yields `null`, which routes to "not found" instead of throwing. */
function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
