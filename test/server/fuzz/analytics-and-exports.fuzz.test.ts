import { parse as parseQuery } from "node:querystring";
import fc from "fast-check";
import request from "supertest";
import type { ApiErrorBody } from "@passerelle/shared";
import { miniAnswers } from "../../support/builders";
import { download } from "../../support/download";
import { awkwardString, expectClientError, fuzzParameters, fuzzTimeout, percentEncode } from "../../support/fuzz";
import { signedIn, testApp, type StaffAgent } from "../../support/test-app";

const ANALYTICS = ["overview", "themes", "questions/readiness", "questions/priority_themes", "questions/contact_email", "questions/nope"];
const EXPORTS: Record<string, string> = {
  "themes.csv": "text/csv; charset=utf-8",
  "questions.csv": "text/csv; charset=utf-8",
  "responses.csv": "text/csv; charset=utf-8",
  "responses.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const PARAMETERS = ["governorate", "district", "from", "to", "delimiter", "bom", "header", "values", "lang"];

// Names as a careless parser would read them: arrays, nested objects, operators, near misses.
const parameterName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PARAMETERS) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(...PARAMETERS)
      .chain((name) => fc.constantFrom(`${name}[]`, `${name}[0]`, `${name}[$ne]`, `${name}.x`, name.toUpperCase(), ` ${name}`)),
  },
  { weight: 1, arbitrary: fc.constantFrom("a[b]", "a[b][c]", "__proto__", "constructor", "$where", "q", "") },
  { weight: 1, arbitrary: awkwardString({ maxLength: 12 }) },
);

const parameterValue = fc.oneof(
  fc.constantFrom("north", "south", "tripoli", "tyre", ",", ";", "true", "false", "names", "labels", "codes", "fr", "ar", "en", ""),
  fc.constantFrom(
    "2026-06-01",
    "2026-02-30",
    "2026-02-29",
    "2028-02-29",
    "2026-13-01",
    "0000-00-00",
    "9999-12-31",
    "2026-6-1",
    "2026-06-01T00:00:00Z",
    "-002026-06-01",
  ),
  fc.date({ min: new Date("1900-01-01"), max: new Date("2200-01-01"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  awkwardString({ maxLength: 30 }),
  fc.integer({ min: 500, max: 1_500 }).map((length) => "é".repeat(length)),
);

// A parameter as it goes on the wire: percent-encoded, or raw (brackets, `%zz` and `+` included).
const rawText = fc.string({ unit: fc.constantFrom(..."abcxyz0129[]$.%+=,;'\"!*()~_-"), maxLength: 12 });
const queryPart = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(parameterName, parameterValue).map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.oneof(
          parameterName.filter((name) => /^[\x21-\x7e]*$/.test(name) && !name.includes("#")),
          rawText,
        ),
        rawText,
      )
      .map(([name, value]) => `${name}=${value}`),
  },
  { weight: 1, arbitrary: fc.oneof(parameterName.map(percentEncode), rawText) },
);
// Node answers 431 itself, before the app, to a request line and headers over 16 kB.
const queryString = fc
  .array(queryPart, { maxLength: 6 })
  .map((parts) => parts.join("&"))
  .filter((query) => query.length < 12_000);

describe("analytics and exports with arbitrary query strings, fuzzed", () => {
  const { app } = testApp({ minGroupSize: 2 });
  let analyst: StaffAgent;

  beforeAll(async () => {
    for (const governorate of ["north", "north", "south"]) {
      const answers = miniAnswers(governorate === "south" ? { governorate, district: "tyre" } : {});
      await request(app).post("/api/surveys/mini/responses").send({ answers, status: "submitted", locale: "fr" }).expect(201);
    }
    analyst = await signedIn(app, "analyst");
  });

  // No 5xx; a refusal in the shared shape, a 400 naming the parameters at fault (and nothing
  // that was not sent); a success of the endpoint's own type.
  async function checkQuery(path: string, query: string, contentType: string): Promise<void> {
    // Downloads are read as bytes whatever their type; an error body is JSON all the same.
    const { res, bytes } = await download(analyst, `${path}?${query}`);
    if (res.status === 200) {
      expect(res.headers["content-type"]).toBe(contentType);
      return;
    }
    const body = JSON.parse(bytes.toString("utf8")) as ApiErrorBody;
    expectClientError({ status: res.status, body });
    if (res.status !== 400) return;
    expect(body.error.code).toBe("invalid_request");
    // Read as express reads it (a leading "?" is part of the first name, unlike URLSearchParams).
    const names = Object.keys(parseQuery(query));
    const named = (body.error.details ?? []).map((detail) => detail.question);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !names.includes(name))).toEqual([]);
  }

  it(
    "answers analytics with figures or a 4xx naming the parameter at fault",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ANALYTICS), queryString, async (endpoint, query) => {
          await checkQuery(`/api/surveys/mini/analytics/${endpoint}`, query, "application/json; charset=utf-8");
        }),
        fuzzParameters(200),
      );
    },
    fuzzTimeout(200),
  );

  it(
    "answers exports with a file of their type or a 4xx naming the parameter at fault",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...Object.keys(EXPORTS)), queryString, async (file, query) => {
          await checkQuery(`/api/surveys/mini/exports/${file}`, query, EXPORTS[file] ?? "");
        }),
        fuzzParameters(150),
      );
    },
    fuzzTimeout(150),
  );
});
