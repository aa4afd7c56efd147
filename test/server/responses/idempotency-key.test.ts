import type { CreatedResponse } from "@passerelle/shared";
import { IdempotencyKey } from "../../../server/src/responses/idempotency-key";

const reply: CreatedResponse = { id: "r-1", status: "draft", version: "v1", revision: 1, resumeToken: "secret-resume-token" };
const request = { answers: { b: 1, a: [{ y: 2, x: 1 }] }, status: "draft", locale: "fr" } as const;

test("opens what it sealed, and nothing sealed under another key or questionnaire", () => {
  const key = new IdempotencyKey("client-key-0123456789");
  const sealed = key.seal(reply, "census");
  expect(sealed).not.toContain("secret-resume-token");
  expect(key.open(sealed, "census")).toEqual(reply);
  expect(() => new IdempotencyKey("client-key-0123456780").open(sealed, "census")).toThrow();
  expect(() => key.open(sealed, "offer")).toThrow();
});

test("refuses a sealed reply that was tampered with", () => {
  const key = new IdempotencyKey("client-key-0123456789");
  const bytes = Buffer.from(key.seal(reply, "census"), "base64url");
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
  expect(() => key.open(bytes.toString("base64url"), "census")).toThrow();
});

test("fingerprints the same request alike whatever its key order, and another request or key differently", () => {
  const key = new IdempotencyKey("client-key-0123456789");
  const fingerprint = key.fingerprint(request);
  expect(key.fingerprint({ locale: "fr", status: "draft", answers: { a: [{ x: 1, y: 2 }], b: 1 } })).toBe(fingerprint);
  expect(key.fingerprint({ ...request, answers: { b: 1, a: [{ y: 2, x: 2 }] } })).not.toBe(fingerprint);
  expect(key.fingerprint({ ...request, status: "submitted" })).not.toBe(fingerprint);
  expect(new IdempotencyKey("client-key-0123456780").fingerprint(request)).not.toBe(fingerprint);
});
