import fc from "fast-check";
import type { Response } from "supertest";
import { ERROR_STATUS, type ApiErrorBody } from "@passerelle/shared";
import type { Store, StoredResponse } from "../../server/src/store/store.port";

/**
 * The fast-check parameters of a fuzz property: `defaultRuns` runs, so that the whole fuzz suite
 * stays quick in `npm test`; `FUZZ_RUNS` overrides the count of every property for a longer
 * hunt, and `FUZZ_SEED` replays the seed fast-check printed with a counterexample.
 */
export function fuzzParameters(defaultRuns: number): fc.Parameters<unknown> {
  const runs = Number(process.env.FUZZ_RUNS);
  const seed = Number(process.env.FUZZ_SEED);
  return {
    numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns,
    ...(Number.isInteger(seed) ? { seed } : {}),
  };
}

/** A jest timeout that grows with the runs asked for, so `FUZZ_RUNS` never trips it. */
export function fuzzTimeout(defaultRuns: number): number {
  const runs = fuzzParameters(defaultRuns).numRuns ?? defaultRuns;
  return Math.max(60_000, runs * 400);
}

/**
 * What every refusal must look like: a 4xx (never a 5xx), the shared error body, and a code of
 * the catalogue whose status is the one sent.
 */
export function expectClientError(res: Pick<Response, "status" | "body">): void {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  const { error } = res.body as ApiErrorBody;
  expect(typeof error?.message).toBe("string");
  expect(Object.keys(ERROR_STATUS)).toContain(error.code);
  expect(ERROR_STATUS[error.code as keyof typeof ERROR_STATUS]).toBe(res.status);
}

/** A request body as it goes on the wire, with the headers that say how to read it. */
export interface RawBody {
  contentType: string;
  contentEncoding?: string;
  body: string | Buffer;
  /** What the server should read from `body` when it is well-formed JSON. */
  sent?: unknown;
}

/** A value sent as JSON; `sent` is read back from the text, as the server reads it (-0 becomes 0). */
export function asJson(value: unknown): RawBody {
  const body = JSON.stringify(value);
  return { contentType: "application/json", body, sent: JSON.parse(body) };
}

/** Every response of a questionnaire as stored, to compare before and after a request. */
export async function responsesSnapshot(store: Store, surveyId: string): Promise<{ count: number; responses: StoredResponse[] }> {
  const responses: StoredResponse[] = [];
  for await (const response of store.responses.stream({ surveyId })) responses.push(response);
  return { count: await store.responses.count({ surveyId }), responses };
}

// Characters that break naive code: controls, NUL, lone surrogates, bidirectional marks and
// overrides, a byte-order mark, line and paragraph separators.
const AWKWARD_CHARACTERS = [
  "\u0000",
  "\u0007",
  "\b",
  "\t",
  "\n",
  "\r",
  "\u001b",
  "\u007f",
  "\u0085",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202b",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2069",
  "\ufeff",
  "\u2028",
  "\u2029",
  "\ufffd",
  "\uffff",
  "ب",
  "é",
  "𝒜",
  "👩🏽‍🌾",
  '"',
  "\\",
  "'",
  "=",
  "+",
  "-",
  "@",
  ";",
  ",",
  "%",
  "&",
  "#",
  "?",
  "/",
  "[",
  "]",
];

/** Strings made of any code point, with a bias towards characters that break naive code. */
export function awkwardString(constraints: { maxLength?: number } = {}): fc.Arbitrary<string> {
  const unit = fc.oneof(fc.constantFrom(...AWKWARD_CHARACTERS), fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));
  return fc.string({ unit, maxLength: constraints.maxLength ?? 40 });
}

/** Keys that a careless server would read as an operator, a path or a prototype. */
export const OPERATOR_KEYS = [
  "$gt",
  "$ne",
  "$where",
  "$set",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "a.b",
  "governorate.$ne",
  "answers.authority_name",
  "",
  " ",
  "0",
  "length",
] as const;

/** Object keys: operator-looking ones, awkward strings, plain words. */
export function awkwardKey(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...OPERATOR_KEYS), awkwardString({ maxLength: 12 }), fc.string({ maxLength: 12 }));
}

// Objects that pass for something else: array-likes, and values that cannot become a primitive.
const IMPOSTORS: unknown[] = [{ length: { toString: 0 } }, { toString: 0, valueOf: 0 }, { length: -1 }, { 0: "a", length: 1 }, { length: 1e300 }];

/** Any JSON value, with awkward strings and keys, nested a few levels deep. */
export function awkwardJson(maxDepth = 4): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.jsonValue({ maxDepth, stringUnit: "binary" }),
    fc.constantFrom(...IMPOSTORS),
    fc.object({
      maxDepth,
      key: awkwardKey(),
      values: [awkwardString(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)],
    }),
  );
}

/** The text of a JSON value nested `depth` levels deep, built as text so the test itself never recurses. */
export function deeplyNestedJson(depth: number, open: "[" | '{"a":' = "["): string {
  const close = open === "[" ? "]" : "}";
  return `${open.repeat(depth)}0${close.repeat(depth)}`;
}

/**
 * Percent-encodes any string as UTF-8, as a browser would; unlike encodeURIComponent it never
 * throws (a lone surrogate goes as U+FFFD).
 */
export function percentEncode(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
}

/** Header values a client could send: printable ASCII and Latin-1, tabs, empty and long ones. */
export function headerValue(maxLength = 160): fc.Arbitrary<string> {
  const unit = fc.oneof(
    { weight: 8, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.constantFrom("\t", " ", '"', ",", "*", "W/", "é", "\u00ff") },
  );
  return fc.string({ unit, maxLength });
}
