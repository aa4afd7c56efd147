import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The bearer secrets of the app: session cookies, resume tokens and invitation tokens. 256
 * random bits, base64url; only a SHA-256 hash is stored, so a copy of the database opens
 * nothing.
 */
export function newSecretToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Compares in constant time, so the time taken says nothing about how close a guess was. */
export function matchesSecretHash(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecretToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
