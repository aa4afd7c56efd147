import { loadSession, minutesToWait } from "../../../client/src/features/responses/load-session";

// The network is the process edge: fetch answers the survey, and the resume as each case says.
const realFetch = globalThis.fetch;
function answerResumeWith(status: number, body: unknown, headers: Record<string, string> = {}) {
  globalThis.fetch = (async (url: string) => {
    if (String(url).startsWith("/api/surveys/")) {
      return new Response(JSON.stringify({ id: "mini", title: { default: "Mini" } }), { status: 200, headers: { "Content-Type": "application/json" } });
    }
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
  }) as typeof fetch;
}
afterEach(() => {
  globalThis.fetch = realFetch;
});

const request = { surveyId: "mini", responseId: "00000000-0000-4000-8000-000000000001", resumeToken: "token" };
const errorBody = (code: string) => ({ error: { code, message: code } });

describe("resuming a response", () => {
  it("tells a rate-limited resume apart from a missing response, with the minutes to wait", async () => {
    answerResumeWith(429, errorBody("too_many_requests"), { "Retry-After": "540" });
    const session = await loadSession(request, new AbortController().signal);
    expect(session).toMatchObject({ kind: "resume-failed", reason: "rate-limited" });
    expect(minutesToWait(session.kind === "resume-failed" ? session.error : null)).toBe(9);
  });

  it.each([
    [404, "response_not_found", "not-found"],
    [403, "forbidden", "unauthorised"],
    [503, "store_unavailable", "temporary"],
    [429, "too_many_requests", "rate-limited"],
  ])("classifies a %i %s as %s", async (status, code, reason) => {
    answerResumeWith(status, errorBody(code));
    expect(await loadSession(request, new AbortController().signal)).toMatchObject({ kind: "resume-failed", reason });
  });

  it("waits at least a minute when the server gives no Retry-After", async () => {
    answerResumeWith(429, errorBody("too_many_requests"));
    const session = await loadSession(request, new AbortController().signal);
    expect(minutesToWait(session.kind === "resume-failed" ? session.error : null)).toBe(1);
  });
});
