import type { Request } from "express";
import { parseIfMatch, type IfMatch } from "@passerelle/shared";
import { AppError } from "./app-error";

// Enough room for a UUID or 128 random bits in base64url, and nothing that needs escaping.
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,128}$/;

/** The `Idempotency-Key` header if sent, or a 400 naming it when it is not a usable key. */
export function idempotencyKeyHeader(req: Request): string | undefined {
  const key = req.get("idempotency-key");
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError("invalid_request", "The Idempotency-Key header is not a valid key.", [
      { question: "Idempotency-Key", message: "16 to 128 characters among A–Z, a–z, 0–9, '-' and '_'." },
    ]);
  }
  return key;
}

/** The `If-Match` precondition, or a 400 naming the header when it is not a list of entity tags. */
export function ifMatchHeader(req: Request): Exclude<IfMatch, { kind: "malformed" }> {
  const ifMatch = parseIfMatch(req.get("if-match"));
  if (ifMatch.kind === "malformed") {
    throw new AppError("invalid_request", "The If-Match header is not a list of entity tags.", [
      { question: "If-Match", message: 'Send the ETag of the response as read, e.g. "r3".' },
    ]);
  }
  return ifMatch;
}
