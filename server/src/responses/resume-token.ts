import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Resume tokens let a respondent come back to their response from any device without an
 * account. 256 random bits; only a SHA-256 hash is stored, so a copy of the database does
 * not let anyone edit a response.
 */
export function createResumeToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashResumeToken(token) };
}

export function hashResumeToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isResumeTokenValid(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashResumeToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
