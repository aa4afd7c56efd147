import { CSRF_HEADER } from "@passerelle/shared";
import { request, setCsrfToken } from "../../../client/src/api/http";

// The network is the process edge: fetch is replaced by a recorder that answers `{}`.
const realFetch = globalThis.fetch;
let sent: { url: string; init: RequestInit }[] = [];

beforeEach(() => {
  sent = [];
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } });
  }) as typeof fetch;
  setCsrfToken("csrf-token");
});

afterEach(() => {
  globalThis.fetch = realFetch;
  setCsrfToken(undefined);
});

test("sends a raw text body as it is, with its content type and the CSRF header", async () => {
  await request("POST", "/api/import", { text: { body: "nom;caza\nZahlé;zahle\n", contentType: "text/csv; charset=utf-8" } });
  const headers = sent[0]?.init.headers as Record<string, string>;
  expect(sent[0]?.init.body).toBe("nom;caza\nZahlé;zahle\n");
  expect(headers["Content-Type"]).toBe("text/csv; charset=utf-8");
  expect(headers[CSRF_HEADER]).toBe("csrf-token");
});

test("still serialises a JSON body, and sends none without one", async () => {
  await request("PATCH", "/api/accounts/1", { body: { role: "viewer" } });
  await request("POST", "/api/revoke");
  expect(sent[0]?.init.body).toBe('{"role":"viewer"}');
  expect((sent[0]?.init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  expect(sent[1]?.init.body).toBeNull();
  expect((sent[1]?.init.headers as Record<string, string>)["Content-Type"]).toBeUndefined();
});
