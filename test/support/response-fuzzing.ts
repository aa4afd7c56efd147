import { gzipSync } from "node:zlib";
import fc from "fast-check";
import type { Answers, ResponseView, SaveResponse } from "@passerelle/shared";
import { miniAnswers, without } from "./builders";
import { asJson, awkwardJson, awkwardKey, awkwardString, deeplyNestedJson, headerValue, type RawBody } from "./fuzz";

const QUESTION_NAMES = Object.keys(miniAnswers());
const STATUSES = ["draft", "submitted"] as const;
const LOCALES = ["fr", "ar", "en"] as const;

// Answers the mini questionnaire could take, so that a fair share of bodies is accepted.
const plausibleValue = fc.oneof(
  fc.constantFrom<unknown>(
    "north",
    "south",
    "tripoli",
    "tyre",
    "municipality",
    "immediate",
    true,
    false,
    0,
    3,
    5,
    200000,
    -1,
    ["water_sanitation"],
    ["health", "energy"],
    ["security", "other"],
    { staff: "low" },
    { budget: "high", staff: "low" },
  ),
  awkwardString({ maxLength: 200 }),
  fc.integer({ min: 19_995, max: 20_005 }).map((length) => "x".repeat(length)),
);

const answerValue = fc.oneof(plausibleValue, awkwardJson(3));

/** Answers keyed by the questionnaire's questions, operator-looking keys or anything, holding anything. */
export const arbitraryAnswers: fc.Arbitrary<Answers> = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...QUESTION_NAMES), awkwardKey()), answerValue, { maxKeys: 8 }),
  fc.dictionary(fc.constantFrom(...QUESTION_NAMES), answerValue, { maxKeys: 3 }).map((overrides) => miniAnswers(overrides)),
  fc.dictionary(fc.constantFrom(...QUESTION_NAMES), plausibleValue, { maxKeys: 3 }).map((overrides) => miniAnswers(overrides)),
  fc.subarray(QUESTION_NAMES).map((names) => without(miniAnswers(), ...names)),
);

/** Bodies of the expected shape (`answers`, `status`, `locale`) whose answers hold anything. */
export const wellShapedBody: fc.Arbitrary<RawBody> = fc
  .record({ answers: arbitraryAnswers, status: fc.constantFrom(...STATUSES, "draft"), locale: fc.constantFrom(...LOCALES) })
  .map(asJson);

/** Valid draft answers whose texts hold any code point, lone surrogates and direction marks included. */
export const awkwardTextBody: fc.Arbitrary<RawBody> = fc
  .record({
    texts: fc.record({ authority_name: awkwardString({ maxLength: 300 }), need_water_sanitation: awkwardString(), "constraints-Comment": awkwardString() }),
    locale: fc.constantFrom(...LOCALES),
  })
  .map(({ texts, locale }) => asJson({ answers: miniAnswers(texts), status: "draft", locale }));

/** Any JSON at all, and envelopes with missing, extra or wrongly typed fields. */
export const arbitraryJsonBody: fc.Arbitrary<RawBody> = fc.oneof(
  awkwardJson(6).map(asJson),
  fc
    .record(
      {
        answers: fc.oneof(arbitraryAnswers, awkwardJson(3)),
        status: fc.oneof(fc.constantFrom<unknown>(...STATUSES), awkwardJson(1)),
        locale: fc.oneof(fc.constantFrom<unknown>(...LOCALES), awkwardJson(1)),
      },
      { requiredKeys: [] },
    )
    .chain((envelope) => fc.dictionary(awkwardKey(), awkwardJson(2), { maxKeys: 2 }).map((extra) => ({ ...extra, ...envelope })))
    .map(asJson),
);

/**
 * Bodies near the size limit (1 MB in the tests): a list answer of many items, from a few
 * kilobytes to well beyond the limit.
 */
export const hugeBody: fc.Arbitrary<RawBody> = fc
  .record({
    length: fc.integer({ min: 1_000, max: 250_000 }),
    item: fc.constantFrom<unknown>(0, "security", null, {}, "\u202e"),
    question: fc.constantFrom("constraints", "priority_themes", "authority_name", "$where"),
  })
  .map(({ length, item, question }) => asJson({ answers: { [question]: Array.from({ length }, () => item) }, status: "draft", locale: "fr" }));

/** JSON nested far deeper than any answer, as text: the test itself never recurses into it. */
export const deeplyNestedBody: fc.Arbitrary<RawBody> = fc
  .record({
    depth: fc.integer({ min: 1_000, max: 200_000 }),
    open: fc.constantFrom<"[" | '{"a":'>("[", '{"a":'),
    place: fc.constantFrom("answer", "answers", "extra", "root"),
  })
  .map(({ depth, open, place }) => {
    const nested = deeplyNestedJson(depth, open);
    const body = {
      answer: `{"answers":{"authority_name":${nested}},"status":"draft","locale":"fr"}`,
      answers: `{"answers":${nested},"status":"draft","locale":"fr"}`,
      extra: `{"answers":{},"status":"draft","locale":"fr","x":${nested}}`,
      root: nested,
    }[place];
    return { contentType: "application/json", body };
  });

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=UTF-8",
  'application/json;charset="utf-8"',
  "application/json; charset=latin1",
  "application/json; charset=utf-16",
  "application/json; charset=utf-32",
  "application/json; charset=nope",
  "APPLICATION/JSON",
  "application/json; foo",
  "application/json;",
  "application/vnd.api+json",
  "application/json-patch+json",
  "text/plain",
  "text/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/octet-stream",
  "application/*",
  "*/*",
  "",
  ";",
  "json",
];

const CONTENT_ENCODINGS = ["identity", "gzip", "deflate", "br", "x-unknown", "GZIP", "gzip, gzip", ""];

/** Bytes that may not be JSON, under content types and encodings that may not fit them. */
export const rawBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc
    .record(
      {
        contentType: fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue(60)),
        contentEncoding: fc.constantFrom(...CONTENT_ENCODINGS),
        bytes: fc.oneof(
          fc.uint8Array({ maxLength: 2_000 }),
          awkwardString({ maxLength: 200 }).map((text) => new TextEncoder().encode(text)),
        ),
      },
      { requiredKeys: ["contentType", "bytes"] },
    )
    .map(({ bytes, ...headers }) => ({ ...headers, body: Buffer.from(bytes) })),
  // A well-formed body sent compressed, or under another content type.
  fc
    .record({ body: wellShapedBody, contentType: fc.constantFrom(...CONTENT_TYPES), isCompressed: fc.boolean() })
    .map(({ body, contentType, isCompressed }) =>
      isCompressed ? { contentType, contentEncoding: "gzip", body: gzipSync(String(body.body)), sent: body.sent } : { ...body, contentType },
    ),
);

/** Every kind of body, weighted towards those that reach the answer validator. */
export const anyBody: fc.Arbitrary<RawBody> = fc.oneof(
  { weight: 4, arbitrary: wellShapedBody },
  { weight: 3, arbitrary: arbitraryJsonBody },
  { weight: 2, arbitrary: rawBody },
  { weight: 1, arbitrary: deeplyNestedBody },
);

/** `Idempotency-Key` values: none, a key already used, fresh well-formed keys, anything. */
export function idempotencyKeyHeader(usedKey: string): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    fc.constant(usedKey),
    fc.stringMatching(/^[A-Za-z0-9_-]{16,128}$/),
    fc.constantFrom("", " ", "short", "x".repeat(129), `${usedKey} `, `${usedKey},${usedKey}`, "clé-clé-clé-clé-clé-clé"),
    headerValue(),
  );
}

/** `If-Match` values: none, well-formed tags that match or not, near misses, anything. */
export const ifMatchHeader: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('"r1"', "*", 'W/"r1"', '"r1", "r2"', '"r2"', "r1", '""', '"r0"', '"r01"', '"r1e3"', '"r99999999999999999999"', '*, "r1"', ",", ""),
  fc.nat().map((n) => `"r${n}"`),
  headerValue(),
);

/** Path segments that are not response or questionnaire ids, some not even valid percent-encoding. */
export const oddPathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AF", "%00", "..", "%2e%2e", "%2F", "MINI", "mini.json", "mini%20", "%F0%9F%98%80", "null", "undefined"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }).map(encodeURIComponent),
);

/**
 * An accepted save reads back as sent: the same status and locale, and the same answers, but
 * for a submission, which keeps only the answers of questions visible given the others.
 */
export function expectSavedAsSent(view: ResponseView, sent: SaveResponse): void {
  expect(view.status).toBe(sent.status);
  expect(view.locale).toBe(sent.locale);
  if (sent.status === "draft") {
    expect(view.answers).toEqual(sent.answers);
    return;
  }
  for (const [question, answer] of Object.entries(view.answers)) {
    expect(Object.hasOwn(sent.answers, question)).toBe(true);
    expect(answer).toEqual(sent.answers[question]);
  }
}
