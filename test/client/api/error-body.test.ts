import fc from "fast-check";
import { ApiErrorBodySchema } from "@passerelle/shared";
import { readErrorBody } from "../../../client/src/api/error-body";

/**
 * The client reads error bodies without zod (to keep zod out of the page every clerk loads); the
 * shared schema stays the definition. Both must accept the same bodies and keep the same fields.
 */
function viaSchema(payload: unknown) {
  const parsed = ApiErrorBodySchema.safeParse(payload);
  return parsed.success ? parsed.data : null;
}

const detail = fc.oneof(
  fc.record({ question: fc.string(), message: fc.string() }),
  fc.record({ question: fc.string(), message: fc.string(), extra: fc.jsonValue() }),
  fc.jsonValue(),
);
const error = fc.oneof(
  fc.record({ code: fc.string(), message: fc.string() }),
  fc.record({ code: fc.string(), message: fc.string(), details: fc.array(detail, { maxLength: 3 }) }),
  fc.record(
    { code: fc.oneof(fc.string(), fc.jsonValue()), message: fc.oneof(fc.string(), fc.jsonValue()), details: fc.jsonValue(), stack: fc.string() },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);
const body = fc.oneof(fc.record({ error }), fc.record({ error, requestId: fc.string() }), fc.jsonValue());

test.each([
  ["a body with details", { error: { code: "invalid_answers", message: "Réponses invalides", details: [{ question: "population", message: "trop grand" }] } }],
  ["a body without details", { error: { code: "survey_not_found", message: "Not found" } }],
  ["extra fields, which are dropped", { error: { code: "internal", message: "x", stack: "at …" }, requestId: "r1" }],
  ["a detail with extra fields", { error: { code: "invalid_request", message: "x", details: [{ question: "q", message: "m", path: ["q"] }] } }],
  ["a proxy's HTML parsed as nothing", undefined],
  ["a detail that is not an object", { error: { code: "x", message: "y", details: ["oops"] } }],
  ["details that are not a list", { error: { code: "x", message: "y", details: { question: "q" } } }],
  ["a numeric code", { error: { code: 500, message: "y" } }],
  ["an array for the error", { error: [] }],
])("reads %s as the shared schema does", (_case, payload) => {
  expect(readErrorBody(payload)).toEqual(viaSchema(payload));
});

test("agrees with the shared schema on any JSON", () => {
  fc.assert(
    fc.property(body, (payload) => expect(readErrorBody(payload)).toEqual(viaSchema(payload))),
    { numRuns: 2000 },
  );
});
